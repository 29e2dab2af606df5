"""Labelled document, family B (项目支出绩效目标申报表, 88号 copy), DOCX: 城市管理.

Invented content; labelled before the review was run on it. The form has no 项目编码, no
资金支出计划, no 指标描述 and no 指标值确定依据 column, so none of those can be a defect here.
Each project prints a 中期 block beside the 年度 one; only the 年度 values are labelled.
"""

from __future__ import annotations

from decimal import Decimal as D

from _family_labels import document, project, row
from review_quality_set import Label

from tests.templates.content import FamilyContent, ProjectC

__all__ = ["URBAN"]

OUT, EFF, SAT = "产出指标", "效益指标", "满意度指标"
SAT2 = "服务对象满意度指标"
DEPT = "[607001]青溪县城市管理局"


def _p(name: str, unit: str, mid: tuple[str, str, str], year: tuple[str, str, str], **kw):  # type: ignore[no-untyped-def]
    return ProjectC(
        name=name,
        unit_code="607001",
        unit_name=unit,
        department=DEPT,
        mid_total=D(mid[0]),
        mid_fiscal=D(mid[1]),
        mid_other=D(mid[2]),
        total=D(year[0]),
        fiscal=D(year[1]),
        other=D(year[2]),
        **kw,
    )


_CLEANING = project(
    _p(
        "城区道路清扫保洁服务",
        "青溪县环境卫生服务中心",
        ("2460.00", "2460.00", "0.00"),
        ("820.00", "820.00", "0.00"),
        mid_goals=("三年内城区主次干道机械化清扫率达到90%，道路保洁质量稳定达到省级标准。",),
        goals=("完成城区186万平方米道路日常清扫保洁。", "主次干道机械化清扫率达到85%以上。"),
        extra=(("项目属性", "延续项目"), ("项目期", "2024年至2026年")),
    ),
    [
        row(OUT, "数量指标", "道路清扫保洁面积", "≥186万平方米", mid_value="≥200万平方米"),
        row(OUT, "数量指标", "主次干道机械化清扫率", "≥85%", mid_value="≥90%"),
        row(OUT, "质量指标", "道路保洁质量考核达标率", "≥95%", mid_value="≥95%"),
        row(OUT, "成本指标", "每平方米年保洁成本", "≤4.5元", mid_value="≤4.5元"),
        row(
            EFF,
            "社会效益指标",
            "城市环境卫生面貌",
            "明显改善",
            Label("should", "效益指标值含糊，应写明可衡量的结果", "vague-value"),
            mid_value="明显改善",
        ),
        row(SAT, SAT2, "市民满意度", "≥90%", mid_value="≥90%"),
    ],
)

_LIGHTING = project(
    _p(
        "城市照明设施维护",
        "青溪县路灯管理所",
        ("780.00", "780.00", "0.00"),
        ("260.00", "260.00", "0.00"),
        mid_goals=("三年内城区主干道亮灯率稳定在98%以上，老旧灯具全部完成节能改造。",),
        goals=("对城区1.4万盏路灯及景观照明设施开展日常巡查维护。", "主干道亮灯率保持在98%以上。"),
        extra=(("项目属性", "延续项目"), ("项目期", "2024年至2026年")),
    ),
    [
        row(OUT, "数量指标", "维护路灯数量", "≥1.4万盏", mid_value="≥1.5万盏"),
        row(OUT, "质量指标", "主干道亮灯率", "≥98%", mid_value="≥98%"),
        row(
            OUT,
            "质量指标",
            "维修工程验收合格率",
            "≥100%",
            Label("should", "合格率不能超过100%，应为=100%", "over-100"),
            mid_value="=100%",
        ),
        row(OUT, "时效指标", "路灯故障修复时限", "≤24小时", mid_value="≤24小时"),
        row(OUT, "成本指标", "单灯年维护成本", "≤186元", mid_value="≤190元"),
        row(EFF, "社会效益指标", "夜间照明投诉件数", "≤30件", mid_value="≤25件"),
        row(SAT, SAT2, "沿街居民满意度", "≥90%", mid_value="≥90%"),
    ],
)

_DEMOLITION = project(
    _p(
        "违法建设专项治理",
        "青溪县城市管理综合行政执法大队",
        ("520.00", "440.00", "80.00"),
        ("180.00", "150.00", "30.00"),
        mid_goals=("三年内完成存量违法建设治理10万平方米，实现新增违法建设零增长。",),
        goals=("拆除存量违法建设3.5万平方米，新增违法建设发现率和处置率均达到100%。",),
        extra=(("项目属性", "新增项目"), ("项目期", "3年")),
    ),
    [
        row(
            OUT,
            "数量指标",
            "拆除违法建设面积",
            "3.5万平方米",
            Label("could", "指标值缺少运算符号，应为≥3.5万平方米", "implicit-operator"),
            mid_value="≥10万平方米",
        ),
        row(OUT, "数量指标", "巡查覆盖社区数", "=42个", mid_value="=42个"),
        row(OUT, "质量指标", "新增违法建设处置率", "=100%", mid_value="=100%"),
        row(
            OUT,
            "时效指标",
            "存量违法建设拆除完成时间",
            "2025年11月底前",
            mid_value="2026年11月底前",
        ),
        row(
            EFF,
            "社会效益指标",
            "违法建设投诉办结率",
            "≥95%",
            Label("should", "办结率是产出，不是效益", "wrong-level"),
            mid_value="≥95%",
        ),
        row(SAT, SAT2, "周边群众满意度", "≥85%", mid_value="≥85%"),
    ],
    indicators=Label("should", "180万元的项目没有成本指标", "no-cost-indicator"),
)

_PLATFORM = project(
    _p(
        "数字化城市管理平台运维",
        "青溪县数字化城市管理指挥中心",
        ("204.00", "204.00", "0.00"),
        ("68.00", "68.00", "0.00"),
        mid_goals=("三年内平台接入监控点位达到400个，城市管理问题按期结案率达到95%以上。",),
        goals=("保障数字城管平台全年稳定运行，案件立案准确率达到95%以上。",),
        extra=(("项目属性", "延续项目"), ("项目期", "2024年至2026年")),
    ),
    [
        row(OUT, "数量指标", "平台接入监控点位", "≥320个", mid_value="≥400个"),
        row(
            OUT,
            "质量指标",
            "案件立案准确率",
            "≥**%",
            Label("must", "指标值是模板占位符", "placeholder"),
            mid_value="≥**%",
        ),
        row(OUT, "时效指标", "系统故障响应时间", "≤2小时", mid_value="≤2小时"),
        row(
            EFF,
            "社会效益指标",
            "平台系统正常运行率",
            "≥99%",
            Label("should", "系统运行率是产出，不是效益", "wrong-level"),
            mid_value="≥99%",
        ),
        row(EFF, "社会效益指标", "城市管理问题平均处置时长", "≤48小时", mid_value="≤36小时"),
        row(SAT, SAT2, "一线执法人员使用满意度", "≥90%", mid_value="≥90%"),
    ],
)

_SORTING = project(
    _p(
        "生活垃圾分类宣传推广",
        "青溪县环境卫生服务中心",
        ("135.00", "135.00", "0.00"),
        ("45.00", "40.00", "0.00"),
        mid_goals=("三年内城区居民生活垃圾分类知晓率达到95%，分类投放准确率达到70%。",),
        goals=("深入贯彻新发展理念，全面推进生活垃圾分类工作，努力建设美丽宜居城市。",),
        extra=(("项目属性", "延续项目"), ("项目期", "2024年至2026年")),
    ),
    [
        row(OUT, "数量指标", "发放宣传手册数量", "≥2万册", mid_value="≥6万册"),
        row(OUT, "数量指标", "进社区宣传活动场次", "≥60场", mid_value="≥180场"),
        row(OUT, "时效指标", "宣传活动完成时间", "2025年10月底前", mid_value="2026年10月底前"),
        row(
            EFF,
            "生态效益指标",
            "垃圾分类培训场次",
            "≥40场",
            Label("should", "培训场次是产出，不是生态效益", "wrong-level"),
            mid_value="≥120场",
        ),
        row(EFF, "社会效益指标", "居民垃圾分类知晓率", "≥90%", mid_value="≥95%"),
        row(SAT, SAT2, "社区居民满意度", "≥88%", mid_value="≥90%"),
    ],
    goals=Label("should", "年度目标只有口号，没有可衡量的内容", "slogan-goals"),
    budget=Label("must", "年度资金总额45万元不等于财政拨款40万元与其他资金之和", "budget-mismatch"),
)

URBAN = document(
    "quality-urban-B-2025",
    "docx",
    FamilyContent(family="B", title="项目支出绩效目标申报表", year=2025),
    [_CLEANING, _LIGHTING, _DEMOLITION, _PLATFORM, _SORTING],
    frozenset({"code", "spending_plan", "purpose", "description", "basis", "department"}),
)
