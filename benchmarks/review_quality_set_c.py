"""Labelled document, family C (the 2021 central template, 成本指标 as a level-1), PDF: 交通运输.

Invented content; labelled before the review was run on it. The form has 指标值设定依据 (the
basis) but no 资金用途, 资金支出计划 or 指标描述, so those can't be defects here.
"""

from __future__ import annotations

from decimal import Decimal as D

from _family_labels import document, project, row
from review_quality_set import Label

from tests.templates.content import FamilyContent, ProjectC

__all__ = ["TRANSPORT"]

OUT, EFF, SAT, COST = "产出指标", "效益指标", "满意度指标", "成本指标"
SAT2, ECON, SOC = "服务对象满意度指标", "经济成本指标", "社会成本指标"
UNIT = "青溪县交通运输局"
SURVEY = "往年满意度调查结果"


def _p(name: str, money: tuple[str, str, str], goal: str) -> ProjectC:
    total, fiscal, other = (D(m) for m in money)
    return ProjectC(
        name=name, unit_name=UNIT, total=total, fiscal=fiscal, other=other, goals=(goal,)
    )


_ROADS = project(
    _p(
        "农村公路日常养护",
        ("380.00", "380.00", "0.00"),
        "完成全县1260公里农村公路日常养护，优良中等路率达到85%以上。",
    ),
    [
        row(OUT, "数量指标", "日常养护农村公路里程", "≥1260公里", basis="县农村公路养护年度计划"),
        row(OUT, "质量指标", "优良中等路率", "≥85%", basis="农村公路养护管理办法考核要求"),
        row(OUT, "时效指标", "路面病害处置时限", "≤7天", basis="县农村公路养护年度计划"),
        row(COST, ECON, "每公里年养护成本", "≤3016元", basis="省定农村公路养护补助标准"),
        row(COST, SOC, "养护施工单次占道时间", "≤3天", basis="养护作业安全规程"),
        row(
            EFF,
            "社会效益指标",
            "农村公路列养率",
            "=100%",
            Label("should", "列养率是产出，不是效益", "wrong-level"),
            basis="交通运输部考核要求",
        ),
        row(SAT, SAT2, "沿线群众满意度", "≥90%", basis=SURVEY),
    ],
)

_BUSES = project(
    _p(
        "城乡客运公交化运营补贴",
        ("210.00", "210.00", "0.00"),
        "对18条城乡公交线路运营给予补贴，全年开行不少于5.4万班次，保障群众出行。",
    ),
    [
        row(OUT, "数量指标", "补贴公交线路数", "=18条", basis=""),
        row(OUT, "数量指标", "全年开行班次", "≥5.4万班次", basis=""),
        row(OUT, "质量指标", "营运车辆安全检查合格率", "=100%", basis=""),
        row(OUT, "时效指标", "补贴资金拨付时间", "2025年12月底前", basis=""),
        row(COST, ECON, "每班次运营补贴", "≤39元", basis=""),
        row(EFF, "社会效益指标", "乘客平均候车时间", "≤30分钟", basis=""),
        row(SAT, SAT2, "乘客满意度", "≥88%", basis=""),
    ],
    basis=Label("should", "指标值设定依据整列空白", "basis-blank"),
)

_SAFETY = project(
    _p(
        "道路运输安全宣传培训",
        ("12.00", "12.00", "0.00"),
        "开展道路运输安全宣传活动24场，培训从业人员1500人次，全年道路运输较大事故零发生。",
    ),
    [
        row(OUT, "数量指标", "安全宣传活动场次", "≥24场", basis="年度安全生产工作要点"),
        row(OUT, "数量指标", "培训道路运输从业人员", "≥1500人次", basis="年度安全生产工作要点"),
        row(OUT, "质量指标", "从业人员培训考核合格率", "≥90%", basis="往年培训考核结果"),
        row(
            EFF,
            "社会效益指标",
            "从业人员安全意识",
            "不断增强",
            Label("should", "效益指标值含糊，应写明可衡量的结果", "vague-value"),
            basis="年度安全生产工作要点",
        ),
        row(SAT, SAT2, "参训人员满意度", "≥90%", basis=SURVEY),
    ],
    goals=Label("should", "目标中的较大事故零发生没有对应指标", "goal-unmeasured"),
)

_BRIDGES = project(
    _p(
        "公路桥梁定期检测",
        ("64.00", "64.00", "0.00"),
        "完成全县112座公路桥梁定期检测，及时发现并上报桥梁病害。",
    ),
    [
        row(
            OUT,
            "数量指标",
            "定期检测桥梁数量",
            "112座",
            Label("could", "指标值缺少运算符号，应为=112座", "implicit-operator"),
            basis="县公路桥梁名录",
        ),
        row(OUT, "质量指标", "检测数据准确率", "≥98%", basis="公路桥梁技术状况评定标准"),
        row(
            OUT,
            "时效指标",
            "检测工作完成时限",
            "按时完成",
            Label("should", "时效指标值含糊，应写明完成日期", "vague-value"),
            basis="检测服务合同",
        ),
        row(COST, ECON, "单座桥梁检测费用", "≤5715元", basis="检测服务合同"),
        row(EFF, "社会效益指标", "因桥梁病害导致的安全事故", "=0起", basis="上年安全生产统计"),
        row(SAT, SAT2, "公路管理部门满意度", "≥90%", basis=SURVEY),
    ],
)

_STATIONS = project(
    _p(
        "乡镇综合运输服务站运维",
        ("30.00", "25.00", "0.00"),
        "保障全县9个乡镇综合运输服务站正常开放，全年服务群众出行12万人次以上。",
    ),
    [
        row(OUT, "数量指标", "运维服务站数量", "=9个", basis="服务站建设批复"),
        row(OUT, "质量指标", "服务站正常开放率", "≥95%", basis="服务站管理制度"),
        row(OUT, "时效指标", "设施故障修复时限", "≤3天", basis="服务站管理制度"),
        row(EFF, "社会效益指标", "服务群众出行人次", "≥12万人次", basis="上年客流统计"),
        row(
            SAT,
            SAT2,
            "群众满意度",
            "",
            Label("must", "满意度指标值空白", "value-blank"),
            basis=SURVEY,
        ),
    ],
    budget=Label("must", "年度资金总额30万元不等于财政拨款25万元与其他资金之和", "budget-mismatch"),
)

TRANSPORT = document(
    "quality-transport-C-2025",
    "pdf",
    FamilyContent(family="C", title="项目支出绩效目标表", year=2025),
    [_ROADS, _BUSES, _SAFETY, _BRIDGES, _STATIONS],
    frozenset({"code", "spending_plan", "purpose", "description", "department"}),
)
