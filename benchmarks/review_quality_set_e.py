"""Labelled document, family E (一体化 system export, split value columns), XLSX: 教育.

Invented content; labelled before the review was run on it. The value is printed over
指标性质 / 指标值 / 度量单位 with 权重, 指标方向性 and 指标解释 (the description); the form
has no 资金用途, 资金支出计划 or 指标值确定依据 column, so none of those can be a defect here.
"""

from __future__ import annotations

from decimal import Decimal as D

from _family_labels import document, e_row, project
from review_quality_set import Label

from tests.templates.content import FamilyContent, ProjectC

__all__ = ["EDUCATION"]

OUT, EFF, SAT, COST = "产出指标", "效益指标", "满意度指标", "成本指标"
SAT2, COST2 = "服务对象满意度指标", "经济成本指标"
UNIT = "青溪县教育和体育局"


def _p(name: str, code: str, money: tuple[str, str, str], goal: str) -> ProjectC:
    total, fiscal, other = (D(m) for m in money)
    return ProjectC(
        name=name,
        code=code,
        unit_code="533001",
        unit_name=UNIT,
        total=total,
        fiscal=fiscal,
        other=other,
        goals=(goal,),
    )


_MEALS = project(
    _p(
        "农村义务教育学生营养改善计划",
        "51000025R000000031204",
        ("612.50", "612.50", "0.00"),
        "为全县1.75万名农村义务教育学生提供营养膳食补助，每生每天5元，确保食品安全。",
    ),
    [
        e_row(
            OUT,
            "数量指标",
            "受益学生人数",
            ("≥", "17500", "人"),
            "20",
            "享受营养膳食补助的农村义务教育学生人数",
            core=True,
        ),
        e_row(
            OUT,
            "质量指标",
            "食品安全事故发生次数",
            ("=", "0", "次"),
            "15",
            "学校食堂发生食品安全事故的次数",
            reverse=True,
        ),
        e_row(
            OUT,
            "时效指标",
            "补助资金拨付到校率",
            ("≥", "98", "%"),
            "15",
            "按季度拨付到学校的补助资金占应拨资金的比例",
            Label("should", "补助资金拨付率应为100%", "payment-below-100"),
        ),
        e_row(
            COST,
            COST2,
            "生均每天膳食补助标准",
            ("=", "5", "元"),
            "15",
            "每名学生每个在校日的膳食补助金额",
        ),
        e_row(
            EFF,
            "社会效益指标",
            "学生营养不良检出率",
            ("≤", "6", "%"),
            "20",
            "年度体检中营养不良学生占受检学生的比例",
            reverse=True,
        ),
        e_row(SAT, SAT2, "学生家长满意度", ("≥", "90", "%"), "15", "抽样问卷调查中家长满意的比例"),
    ],
)

_TRAINING = project(
    _p(
        "中小学教师培训",
        "51000025R000000031377",
        ("86.00", "86.00", "0.00"),
        "组织全县中小学教师参加县级及以上培训1200人次，培训考核合格率达到95%以上。",
    ),
    [
        e_row(
            OUT,
            "数量指标",
            "教师参训人次",
            ("≥", "1200", "人次"),
            "20",
            "参加县级及以上培训的教师人次",
            core=True,
        ),
        e_row(
            OUT,
            "质量指标",
            "培训考核合格率",
            ("≥", "95", "%"),
            "15",
            "公共场所卫生监督检查覆盖的单位比例",
            Label("should", "指标解释来自别的领域，与指标不符", "copied-description"),
        ),
        e_row(
            OUT, "时效指标", "培训任务完成时限", ("≤", "12", "月"), "15", "年度培训任务完成的月份"
        ),
        e_row(COST, COST2, "人均培训成本", ("≤", "717", "元"), "15", "每人次培训的平均费用"),
        e_row(
            EFF,
            "社会效益指标",
            "教师教育教学能力",
            ("定性", "显著提升", ""),
            "20",
            "参训教师教育教学能力的变化",
            Label("should", "效益指标值含糊，应写明可衡量的结果", "vague-value"),
        ),
        e_row(
            SAT, SAT2, "参训教师满意度", ("≥", "90", "%"), "15", "参训教师对培训组织和内容的评价"
        ),
    ],
)

_REPAIRS = project(
    _p(
        "中小学校舍维修改造",
        "51000025R000000031412",
        ("450.00", "400.00", "50.00"),
        "完成8所中小学校舍维修改造，改造面积1.2万平方米，消除校舍安全隐患；"
        "同步完成3所学校消防设施改造。",
    ),
    [
        e_row(
            OUT,
            "数量指标",
            "维修改造学校数",
            ("=", "8", "所"),
            "15",
            "纳入年度维修改造计划的学校数",
        ),
        e_row(
            OUT,
            "数量指标",
            "维修改造面积",
            ("≥", "1.2", "万平方米"),
            "15",
            "完成维修改造的校舍建筑面积",
            core=True,
        ),
        e_row(
            OUT,
            "质量指标",
            "工程验收合格率",
            ("=", "100", "%"),
            "15",
            "验收合格工程占完工工程的比例",
        ),
        e_row(
            OUT,
            "时效指标",
            "工程完工时间",
            ("≥", "100", "%"),
            "15",
            "全部维修改造工程完工的时间",
            Label("should", "完工时间写成了百分比", "time-as-percent"),
        ),
        e_row(
            COST,
            COST2,
            "每平方米改造成本",
            ("≤", "375", "元"),
            "15",
            "校舍维修改造每平方米的平均造价",
            reverse=True,
        ),
        e_row(
            EFF,
            "可持续影响指标",
            "改造后校舍安全使用年限",
            ("≥", "15", "年"),
            "10",
            "维修改造后校舍可安全使用的年限",
        ),
        e_row(SAT, SAT2, "师生满意度", ("≥", "90", "%"), "15", "受益学校师生对改造效果的评价"),
    ],
    goals=Label("should", "目标中的3所学校消防设施改造没有对应指标", "goal-unmeasured"),
)

_PRESCHOOL = project(
    _p(
        "学前教育保教费减免补助",
        "51000025R000000031455",
        ("94.50", "94.50", "0.00"),
        "对1260名家庭经济困难幼儿减免保教费，每生每年750元，不让一名幼儿因贫失学。",
    ),
    [
        e_row(
            OUT,
            "数量指标",
            "资助幼儿人数",
            ("", "1260", "人"),
            "20",
            "享受保教费减免的家庭经济困难幼儿人数",
            Label("could", "指标值缺少运算符号，应为≥1260人", "implicit-operator"),
            core=True,
        ),
        e_row(
            OUT,
            "质量指标",
            "资助对象认定准确率",
            ("=", "100", "%"),
            "20",
            "认定资助对象符合条件的比例",
        ),
        e_row(
            OUT,
            "时效指标",
            "资助资金发放时间",
            ("定性", "2025年12月底前", ""),
            "15",
            "减免资金拨付到幼儿园的时间",
        ),
        e_row(COST, COST2, "生均资助标准", ("=", "750", "元"), "15", "每名幼儿每年减免的保教费"),
        e_row(
            EFF,
            "社会效益指标",
            "因贫失学幼儿人数",
            ("=", "0", "人"),
            "15",
            "因家庭经济困难未能入园的适龄幼儿人数",
            reverse=True,
        ),
        e_row(SAT, SAT2, "受助家庭满意度", ("≥", "90", "%"), "15", "受助家庭对资助工作的评价"),
    ],
)

_EQUIPMENT = project(
    _p(
        "教育信息化设备运维",
        "51000025R000000031508",
        ("60.00", "50.00", "0.00"),
        "保障全县52所学校信息化教学设备正常使用，信息化教学课时占比达到30%以上。",
    ),
    [
        e_row(OUT, "数量指标", "运维学校数", ("=", "52", "所"), "20", "纳入设备运维服务的学校数"),
        e_row(
            OUT,
            "质量指标",
            "设备完好率",
            ("≥", "**", "%"),
            "20",
            "运行完好的信息化设备占在用设备的比例",
            Label("must", "指标值是模板占位符", "placeholder"),
        ),
        e_row(
            OUT,
            "时效指标",
            "故障响应时间",
            ("≤", "4", "小时"),
            "20",
            "学校报修到运维人员响应的时间",
            reverse=True,
        ),
        e_row(
            EFF,
            "社会效益指标",
            "信息化教学课时占比",
            ("≥", "30", "%"),
            "20",
            "使用信息化设备的课时占总课时的比例",
        ),
        e_row(
            SAT,
            SAT2,
            "教师满意度",
            ("", "", ""),
            "20",
            "教师对设备运维服务的评价",
            Label("must", "满意度指标值空白", "value-blank"),
        ),
    ],
    budget=Label("must", "年度预算数60万元不等于财政拨款50万元与其他资金之和", "budget-mismatch"),
)

EDUCATION = document(
    "quality-education-E-2025",
    "xlsx",
    FamilyContent(family="E", title="2025年项目支出绩效目标表", year=2025),
    [_MEALS, _TRAINING, _REPAIRS, _PRESCHOOL, _EQUIPMENT],
    frozenset({"spending_plan", "purpose", "basis", "department"}),
)
