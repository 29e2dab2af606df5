"""Labelled document, family F (flat list, one row per indicator), HTML: 民政 and 水利.

Invented content; labelled before the review was run on it. Two units' projects in one
table, amounts in 元; the form prints only 单位 / 项目 / 预算数 / 年度目标 and the indicator
levels, name and value, so a missing description, basis, purpose or spending plan is not a
defect here.
"""

from __future__ import annotations

from decimal import Decimal as D

from _family_labels import document, project, row
from review_quality_set import Label

from tests.templates.content import FamilyContent, ProjectC

__all__ = ["CIVIL_WATER"]

OUT, EFF, SAT, COST = "产出指标", "效益指标", "满意度指标", "成本指标"
SAT2 = "服务对象满意度指标"
CIVIL, WATER = ("301002", "青溪县民政局"), ("302005", "青溪县水利局")


def _p(unit: tuple[str, str], name: str, total: str, goal: str) -> ProjectC:
    return ProjectC(name=name, unit_code=unit[0], unit_name=unit[1], total=D(total), goals=(goal,))


_SUBSISTENCE = project(
    _p(
        CIVIL,
        "城乡最低生活保障资金",
        "18560000.00",
        "按月向全县3860名城乡低保对象足额发放最低生活保障金，保障其基本生活。",
    ),
    [
        row(OUT, "数量指标", "保障城乡低保对象人数", "≥3860人"),
        row(
            OUT,
            "质量指标",
            "低保金发放准确率",
            "≥95%",
            Label("should", "低保金发放准确率应为100%", "payment-below-100"),
        ),
        row(OUT, "时效指标", "低保金发放时间", "每月10日前"),
        row(COST, "经济成本指标", "城乡低保月人均补助水平", "≤400元"),
        row(EFF, "社会效益指标", "低保对象因生活困难返贫人数", "=0人"),
        row(SAT, SAT2, "低保对象满意度", "≥90%"),
    ],
)

_TEMPORARY = project(
    _p(
        CIVIL,
        "临时救助资金",
        "2400000.00",
        "对遭遇突发性、紧急性困难的家庭及时给予临时救助，全年救助1600人次以上。",
    ),
    [
        row(OUT, "数量指标", "临时救助人次", "≥1600人次"),
        row(OUT, "时效指标", "急难型救助审批时限", "≤3个工作日"),
        row(
            EFF,
            "社会效益指标",
            "困难群众生活困难",
            "有效缓解",
            Label("should", "效益指标值含糊，应写明可衡量的结果", "vague-value"),
        ),
        row(SAT, SAT2, "救助对象满意度", "≥90%"),
    ],
    indicators=Label("should", "240万元的项目没有成本指标", "no-cost-indicator"),
)

_ELDERLY = project(
    _p(
        CIVIL,
        "高龄老人津贴",
        "3024000.00",
        "按季度为全县80周岁以上的2800名老年人发放高龄津贴，每人每年1080元。",
    ),
    [
        row(
            OUT,
            "数量指标",
            "津贴发放人数",
            "2800人",
            Label("could", "指标值缺少运算符号，应为≥2800人", "implicit-operator"),
        ),
        row(OUT, "时效指标", "津贴发放时间", "每季度末月20日前"),
        row(COST, "经济成本指标", "人均年津贴标准", "=1080元"),
        row(
            EFF,
            "社会效益指标",
            "津贴按时发放率",
            "=100%",
            Label("should", "发放率是产出，不是效益", "wrong-level"),
        ),
        row(SAT, SAT2, "高龄老人满意度", "≥92%"),
    ],
)

_RIVER = project(
    _p(
        WATER,
        "中小河流治理工程",
        "5800000.00",
        "完成青溪河干流4.6公里河道治理，沿岸防洪标准提高到20年一遇。",
    ),
    [
        row(OUT, "数量指标", "治理河道长度", "≥4.6公里"),
        row(
            OUT,
            "数量指标",
            "新建加固堤防长度",
            "11",
            Label("must", "指标值只有数字11，没有单位和含义", "meaningless-value"),
        ),
        row(OUT, "质量指标", "工程质量合格率", "=100%"),
        row(OUT, "时效指标", "主体工程完工时间", "2025年12月底前"),
        row(COST, "经济成本指标", "每公里河道治理成本", "≤127万元"),
        row(EFF, "社会效益指标", "保护沿岸人口", "≥1.3万人"),
        row(EFF, "可持续影响指标", "河段防洪标准", "≥20年一遇"),
        row(SAT, SAT2, "沿岸群众满意度", "≥90%"),
    ],
)

_FLOOD = project(
    _p(
        WATER,
        "防汛物资储备",
        "650000.00",
        "储备防汛编织袋3万条、救生衣800件，保障汛期抢险物资需要。",
    ),
    [
        row(OUT, "数量指标", "储备防汛编织袋", "≥3万条"),
        row(OUT, "数量指标", "储备救生衣", "≥800件"),
        row(
            OUT,
            "时效指标",
            "物资储备时限",
            "及时做好物资调运工作",
            Label("should", "时效指标写成了工作任务，应写明时间", "task-as-time"),
        ),
        row(EFF, "社会效益指标", "因物资短缺延误抢险次数", "=0次"),
        row(SAT, SAT2, "防汛责任单位满意度", "≥90%"),
    ],
)

CIVIL_WATER = document(
    "quality-civil-water-F-2025",
    "html",
    FamilyContent(family="F", title="2025年部门项目支出绩效目标申报表", year=2025, money_unit="元"),
    [_SUBSISTENCE, _TEMPORARY, _ELDERLY, _RIVER, _FLOOD],
    frozenset({"code", "spending_plan", "purpose", "description", "basis", "department"}),
)
