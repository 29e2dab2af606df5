"""Labelled document, family E2 (一体化 export spelled otherwise), copied from a web page as
tab-separated text: 市场监管.

Invented content; labelled before the review was run on it. The labels are the system's
other spelling: 预算单位, 项目代码, 全年预算数, 一般公共预算, 项目年度目标, 指标名称, 计算符号 /
目标值 / 计量单位, 分值, 指标方向, 指标说明, 评（计）分标准, and level-2 names carrying the
system's marks (``数量指标（必填硬性指标）``, ``经济效益指标（选填）``). The form has no
资金用途, 资金支出计划 or 指标值确定依据, and no department part.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal as D

from _family_labels import LabelledRow, document, e_row, project
from review_quality_set import Label

from tests.templates.content import FamilyContent, ProjectC

__all__ = ["MARKET"]

OUT, EFF, SAT, COST = "产出指标", "效益指标", "满意度指标", "成本指标"
SAT2, COST2 = "服务对象满意度指标", "经济成本指标"
_MARKS = {"数量指标": "（必填硬性指标）", "经济效益指标": "（选填）", "社会效益指标": "（选填）"}


def _marked(labelled: LabelledRow) -> LabelledRow:
    """The row as the system prints it: its level-2 mark and a scoring rule."""
    indicator, label = labelled
    mark = _MARKS.get(indicator.level2, "")
    return (
        replace(
            indicator,
            level2=indicator.level2 + mark,
            canonical_level2=indicator.level2,
            scoring=f"达到目标值得{indicator.weight}分，每降低1%扣1分",
        ),
        label,
    )


def _p(name: str, code: str, money: tuple[str, str, str], goal: str) -> ProjectC:
    total, fiscal, other = (D(m) for m in money)
    return ProjectC(
        name=name,
        code=code,
        unit_code="405001",
        unit_name="青溪县市场监督管理局",
        total=total,
        fiscal=fiscal,
        other=other,
        goals=(goal,),
    )


def _rows(*rows: LabelledRow) -> list[LabelledRow]:
    return [_marked(r) for r in rows]


_FOOD = project(
    _p(
        "食品安全抽检监测",
        "36000025R000000052110",
        ("68.00", "68.00", "0.00"),
        "完成食品安全抽检监测1200批次，抽检不合格食品核查处置率达到100%。",
    ),
    _rows(
        e_row(
            OUT, "数量指标", "食品抽检监测批次", ("≥", "1200", "批次"), "20", "全年完成的抽检批次"
        ),
        e_row(OUT, "质量指标", "不合格食品核查处置率", ("=", "100", "%"), "20", "已核查处置的比例"),
        e_row(
            OUT, "时效指标", "抽检结果公布时限", ("≤", "20", "个工作日"), "15", "检验结论出具后公布"
        ),
        e_row(COST, COST2, "每批次抽检费用", ("≤", "567", "元"), "15", "每批次抽检检验平均费用"),
        e_row(
            EFF, "社会效益指标", "食品安全抽检合格率", ("≥", "97", "%"), "15", "抽检合格批次占比"
        ),
        e_row(SAT, SAT2, "群众食品安全满意度", ("≥", "85", "%"), "15", "第三方满意度测评结果"),
    ),
)

_EQUIPMENT = project(
    _p(
        "特种设备安全监察",
        "36000025R000000052137",
        ("24.00", "24.00", "0.00"),
        "完成全县1850台特种设备定期检验督促和安全监察，特种设备安全事故零发生。",
    ),
    _rows(
        e_row(
            OUT,
            "数量指标",
            "监察特种设备数量",
            ("", "1850", "台"),
            "20",
            "纳入安全监察的在用特种设备数量",
            Label("could", "指标值缺少运算符号，应为≥1850台", "implicit-operator"),
        ),
        e_row(OUT, "质量指标", "特种设备定期检验率", ("≥", "99", "%"), "20", "按期检验设备占比"),
        e_row(OUT, "时效指标", "隐患整改督办时限", ("≤", "30", "日"), "20", "发现隐患到整改完毕"),
        e_row(
            EFF,
            "社会效益指标",
            "特种设备安全事故起数",
            ("=", "0", "起"),
            "20",
            "全年发生特种设备安全事故的起数",
            reverse=True,
        ),
        e_row(SAT, SAT2, "使用单位满意度", ("≥", "90", "%"), "20", "使用单位对监察服务的评价"),
    ),
)

_COMPLAINTS = project(
    _p(
        "消费维权与投诉举报处理",
        "36000025R000000052164",
        ("15.00", "15.00", "0.00"),
        "负责受理消费者投诉举报，依法调解消费纠纷，维护消费者合法权益。",
    ),
    _rows(
        e_row(OUT, "数量指标", "受理投诉举报件数", ("≥", "2000", "件"), "20", "全年受理的投诉举报"),
        e_row(OUT, "质量指标", "投诉按期办结率", ("≥", "95", "%"), "20", "按规定时限办结的比例"),
        e_row(OUT, "时效指标", "投诉受理时限", ("≤", "7", "个工作日"), "20", "收到投诉到决定受理"),
        e_row(
            EFF,
            "社会效益指标",
            "为消费者挽回经济损失",
            ("≥", "60", "万元"),
            "20",
            "调解成功后消费者获得的赔偿",
        ),
        e_row(SAT, SAT2, "投诉人满意度", ("≥", "90", "%"), "20", "办结后回访投诉人的满意比例"),
    ),
    goals=Label("should", "绩效目标照抄职能，没有可衡量的内容", "goals-copy-functions"),
)

_METROLOGY = project(
    _p(
        "计量器具强制检定",
        "36000025R000000052191",
        ("120.00", "100.00", "20.00"),
        "完成计量器具强制检定2.6万台件，集贸市场在用电子秤全部受检。",
    ),
    _rows(
        e_row(
            OUT,
            "数量指标",
            "强制检定计量器具数量",
            ("≥", "2.6", "万台件"),
            "25",
            "全年完成强制检定的计量器具数量",
        ),
        e_row(
            OUT,
            "质量指标",
            "检定结果准确率",
            ("≥", "98", "%"),
            "20",
            "受益群众对工程建设的满意程度",
            Label("should", "指标说明来自别的领域，与指标不符", "copied-description"),
        ),
        e_row(
            OUT,
            "时效指标",
            "检定任务完成时间",
            ("定性", "2025年11月底前", ""),
            "15",
            "年度强制检定任务全部完成的时间",
        ),
        e_row(
            EFF,
            "社会效益指标",
            "集贸市场电子秤受检率",
            ("=", "100", "%"),
            "20",
            "接受检定的在用电子秤占比",
            Label("should", "受检率是产出，不是效益", "wrong-level"),
        ),
        e_row(SAT, SAT2, "市场经营户满意度", ("≥", "90", "%"), "20", "经营户对检定服务的评价"),
    ),
    indicators=Label("should", "120万元的项目没有成本指标", "no-cost-indicator"),
)

MARKET = document(
    "quality-market-E2-2025",
    "text-tab",
    FamilyContent(family="E2", title="2025年项目支出绩效目标表", year=2025),
    [_FOOD, _EQUIPMENT, _COMPLAINTS, _METROLOGY],
    frozenset({"spending_plan", "purpose", "basis", "department"}),
)
