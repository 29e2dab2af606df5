"""Field-level changes of matched projects: targets, budgets, goals, indicators, flags."""

from __future__ import annotations

from decimal import Decimal

from jixiao.compare import DiffOptions, DocumentDiff, compare_documents
from jixiao.compare.result import IndicatorChange, ProjectDiff
from jixiao.model import Budget
from tests.compare.documents import find, pair, set_value

# seed 003, project 1 (公共资源“双盲评审”工作资金, 29.25 万元):
QUALITY = "购买各种管理机、终端机产品合格率"  # ≥98 百分比
COST = "预算成本控制数"  # ≤29.25 万元
COUNT = "购买各种管理机、终端机数量"  # 30 个
EFFECT = "优化我县营商环境"  # 1 有效改善 (no number)
# seed 003, project 2 (公共资源土地交易经费, 10 万元): 数量 ≥20 次
NOTICES = "土地招拍挂公正及发布公告数量"


def _change(diff: DocumentDiff, project: int, name: str) -> IndicatorChange:
    return next(i for i in diff.projects[project].indicators if i.new.name == name)


def _project(diff: DocumentDiff, seq: int) -> ProjectDiff:
    return next(p for p in diff.projects if p.new.seq == seq)


def test_lowered_target_is_flagged() -> None:
    old, new = pair()
    set_value(find(new, 0, QUALITY), "≥95%")
    diff = compare_documents(old, new)
    change = _change(diff, 0, QUALITY)
    assert (change.change, change.change_label) == ("lowered", "降低")
    assert change.reason == "≥98% → ≥95%"
    assert change.old.value_text == "≥98 百分比"
    assert [(f.code, f.title, f.severity, f.project_seq, f.indicator) for f in diff.flags] == [
        ("YOY-01", "目标值低于上年", "warning", 1, QUALITY)
    ]
    assert diff.flags[0].message == f"指标“{QUALITY}”的目标值低于上年：≥98% → ≥95%"
    assert diff.flags[0].severity_label == "警告"
    assert diff.projects[0].flags == diff.flags
    assert [p.new.seq for p in diff.projects if p.has_changes()] == [1]
    assert (diff.summary.lowered, diff.summary.unchanged, diff.summary.flags) == (1, 47, 1)


def test_raised_target_is_not_flagged() -> None:
    old, new = pair()
    set_value(find(new, 0, QUALITY), "≥99 百分比")
    diff = compare_documents(old, new)
    assert _change(diff, 0, QUALITY).change == "raised"
    assert _change(diff, 0, QUALITY).reason == "≥98% → ≥99%"
    assert diff.flags == []


def test_lower_ceiling_is_a_raised_target() -> None:
    old, new = pair()
    set_value(find(new, 0, COST), "≤25 万元")
    diff = compare_documents(old, new)
    change = _change(diff, 0, COST)
    assert change.change == "raised"
    assert change.reason == "上限收紧：≤29.25万元 → ≤25万元（越低要求越高）"
    assert diff.flags == []


def test_higher_ceiling_is_a_lowered_target_and_flagged() -> None:
    old, new = pair()
    set_value(find(new, 0, COST), "≤35 万元")
    diff = compare_documents(old, new)
    change = _change(diff, 0, COST)
    assert change.change == "lowered"
    assert change.reason == "上限放宽：≤29.25万元 → ≤35万元（越低要求越高）"
    assert [f.indicator for f in diff.flags] == [COST]


def test_exact_cost_amount_and_reverse_indicators_count_downwards() -> None:
    old, new = pair()
    # an exact money amount under a cost indicator: lower is stricter
    set_value(find(old, 0, COST), "29.25万元")
    set_value(find(new, 0, COST), "28万元")
    # an indicator marked 反向: lower is stricter too
    find(old, 0, COUNT).direction = "reverse"
    set_value(find(new, 0, COUNT), "40 个")
    diff = compare_documents(old, new)
    assert _change(diff, 0, COST).change == "raised"
    assert _change(diff, 0, COUNT).change == "lowered"
    assert [f.indicator for f in diff.flags] == [COUNT]


def test_unit_changes() -> None:
    old, new = pair()
    set_value(find(new, 0, COUNT), "30 台")  # different unit: cannot compare
    set_value(find(new, 0, COST), "≤292500元")  # same amount in 元
    set_value(find(new, 0, QUALITY), "≥98")  # the unit left out
    diff = compare_documents(old, new)
    count = _change(diff, 0, COUNT)
    assert (count.change, count.change_label) == ("incomparable", "无法比较")
    assert count.reason == "计量单位不同（“个”→“台”），无法比较"
    assert _change(diff, 0, COST).change == "unchanged"
    assert _change(diff, 0, QUALITY).reason == "计量单位不同（“%”→“无单位”），无法比较"
    assert diff.flags == []
    assert diff.summary.incomparable == 2


def test_values_without_numbers() -> None:
    old, new = pair()
    set_value(find(new, 0, EFFECT), "明显改善")
    set_value(find(new, 0, QUALITY), "全部合格")
    diff = compare_documents(old, new)
    assert _change(diff, 0, EFFECT).reason == "两年指标值没有数值，无法比较"
    assert _change(diff, 0, QUALITY).reason == "本年指标值没有数值，无法比较"
    # the same text without a number is unchanged
    assert _change(diff, 1, "促进县内土地交易有序开展").reason == "指标值相同"


def test_opposite_operators_cannot_be_compared() -> None:
    old, new = pair()
    set_value(find(new, 0, QUALITY), "≤98%")
    change = _change(compare_documents(old, new), 0, QUALITY)
    assert change.change == "incomparable"
    assert change.reason == "目标方向相反（≥98% → ≤98%），无法比较"


def test_budget_up_with_quantity_targets_flat_is_flagged() -> None:
    old, new = pair()
    new.projects[1].budget.total = Decimal("12.00")
    new.projects[1].budget.fiscal = Decimal("12.00")
    diff = compare_documents(old, new)
    budget = _project(diff, 2).budget
    assert (budget.old, budget.new, budget.delta, budget.percent) == (
        Decimal("10.00"),
        Decimal("12.00"),
        Decimal("2.00"),
        20.0,
    )
    assert [(f.code, f.title, f.project_seq) for f in diff.flags] == [
        ("YOY-02", "预算增加而产出未增加", 2)
    ]
    assert diff.flags[0].message == (
        "预算增加 20.0%（10 万元 → 12 万元），而数量指标目标没有提高（可比较的 1 项均持平或降低）"
    )


def test_budget_up_with_a_raised_quantity_target_or_below_threshold_is_not_flagged() -> None:
    old, new = pair()
    new.projects[1].budget.total = Decimal("12.00")
    set_value(find(new, 1, NOTICES), "≥25 次")
    assert compare_documents(old, new).flags == []

    old, new = pair()
    new.projects[1].budget.total = Decimal("10.50")  # +5 %
    assert compare_documents(old, new).flags == []
    assert compare_documents(old, new, DiffOptions(budget_increase=5.0)).flags[0].code == "YOY-02"


def test_budget_in_yuan_is_converted() -> None:
    old, new = pair()
    new.projects[1].money_unit = "元"
    new.projects[1].budget.total = Decimal("90000")
    budget = _project(compare_documents(old, new), 2).budget
    assert (budget.money_unit, budget.old, budget.new, budget.percent) == (
        "元",
        Decimal("100000"),
        Decimal("90000"),
        -10.0,
    )


def test_indicators_added_and_dropped() -> None:
    old, new = pair()
    project = new.projects[0]
    dropped = project.indicators.pop(0)  # 购买各种管理机、终端机数量
    added = project.indicators[0].model_copy(deep=True)
    added.name = "系统培训人次"
    set_value(added, "≥200人次")
    project.indicators.append(added)
    diff = compare_documents(old, new)
    p = diff.projects[0]
    assert [(i.name, i.value_text) for i in p.indicators_dropped] == [(dropped.name, "30 个")]
    assert [(i.level2, i.name, i.value_text) for i in p.indicators_added] == [
        ("质量指标", "系统培训人次", "≥200人次")
    ]
    assert (diff.summary.indicators_added, diff.summary.indicators_dropped) == (1, 1)


def test_goals_changed() -> None:
    old, new = pair()
    new.projects[0].goals = [*old.projects[0].goals, "完成评审系统升级。"]
    diff = compare_documents(old, new)
    goals = diff.projects[0].goals
    assert goals.changed is True
    assert goals.added == ["完成评审系统升级。"]
    assert goals.removed == []
    assert diff.projects[1].goals.changed is False


def test_json_form_round_trips() -> None:
    old, new = pair()
    set_value(find(new, 0, QUALITY), "≥95%")
    diff = compare_documents(old, new)
    assert DocumentDiff.model_validate_json(diff.to_json()) == diff


def test_department_wide_indicators_are_compared() -> None:
    old, new = pair()
    for doc in (old, new):
        doc.department.indicators = [
            i.model_copy(deep=True) for i in doc.projects[0].indicators[:3]
        ]
        doc.department.budget = Budget(total=Decimal("500"))
    set_value(new.department.indicators[0], "25 个")  # 30 个 → 25 个
    new.department.indicators.pop(2)
    diff = compare_documents(old, new)
    dept = diff.department
    assert dept is not None
    assert (dept.new.seq, dept.new.name, dept.match_reason) == (0, "部门整体绩效目标", "部门整体")
    assert [(i.new.name, i.change) for i in dept.indicators] == [
        (COUNT, "lowered"),
        (QUALITY, "unchanged"),
    ]
    assert [i.name for i in dept.indicators_dropped] == ["管理机、终端工作响应及时率"]
    assert [(f.code, f.project, f.project_seq) for f in diff.flags] == [
        ("YOY-01", "部门整体绩效目标", 0)
    ]
    assert (diff.summary.lowered, diff.summary.indicators_dropped) == (1, 1)
    assert diff.summary.matched == 8  # the department is not counted as a project
    # only one document with department indicators: nothing to compare
    old.department.indicators = []
    assert compare_documents(old, new).department is None
