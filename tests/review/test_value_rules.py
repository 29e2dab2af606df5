"""The indicator-value rules (VAL-01 … VAL-15): targeted cases, and every finding on the seeds."""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from typing import Any

import pytest

from jixiao import read_path
from jixiao.model import Budget, Document
from jixiao.review import Finding, apply_safe_fixes, review
from jixiao.review.config import ReviewConfig
from jixiao.review.examples import example_document, example_indicators, example_project
from jixiao.review.merge import flatten
from jixiao.review.rules._value_terms import document_with
from jixiao.values import parse_value
from tests.conftest import SEEDS

VAL_CODES = [f"VAL-{n:02d}" for n in range(1, 16)]

# Baseline example rows (examples.py): 0 数量 年度办理审批业务量, 1 质量 审批业务办结率,
# 2 时效 审批业务按时办结率, 3 成本 大厅运行维护成本 (budget 30.00 万元), 4 社会效益
# 企业群众办事平均跑动次数, 5 满意度 办事群众满意度.
QUANTITY, QUALITY, TIMELINESS, COST, EFFECT, SATISFACTION = range(6)


def _findings(code: str, doc: Document, **params: Any) -> list[Finding]:
    config = ReviewConfig(select=[code], params={code: params} if params else {})
    return flatten(review(doc, config).findings)


def _fires(
    code: str, index: int, value: str | None, name: str | None = None, **params: Any
) -> bool:
    changes = {"name": name} if name is not None else {}
    doc = document_with(index, value, **changes)
    found = _findings(code, doc, **params)
    assert all(f.indicator_index == index for f in found)
    return bool(found)


def _case(code: str, index: int, value: str | None, fires: bool, name: str | None = None) -> Any:
    label = f"{code}-{value}" + (f"-{name}" if name else "")
    return pytest.param(code, index, value, name, fires, id=label)


CASES = [
    # VAL-01: prose, unparsed values and impossible dates; grades (even with a stray number) pass.
    _case("VAL-01", EFFECT, "有效改善", False),
    _case("VAL-01", EFFECT, "1 有效改善", False),
    _case("VAL-01", EFFECT, "逐年提高。", False),
    _case("VAL-01", EFFECT, "达到预期", False),
    _case("VAL-01", EFFECT, "长期", False),
    _case("VAL-01", QUALITY, "是", False),
    _case("VAL-01", QUALITY, "≥98%", False),
    _case("VAL-01", QUANTITY, "11", False),  # a number without unit: VAL-15
    _case("VAL-01", QUALITY, "保证大厅正常运转", True),
    _case("VAL-01", QUANTITY, "为群众提供免费复印25万份", True),
    _case("VAL-01", TIMELINESS, "2025年2月30日前", True),
    _case("VAL-01", QUALITY, "≥", True),
    _case("VAL-01", EFFECT, "≥上年水平", True),
    _case("VAL-01", EFFECT, "1 保证运转", True),
    # VAL-02: grades and vague notes in 数量/质量/时效; effects, prose and 成本 are other rules'.
    _case("VAL-02", QUALITY, "明显提升", True),
    _case("VAL-02", QUANTITY, "全部完成", True),
    _case("VAL-02", TIMELINESS, "按时完成", True),
    _case("VAL-02", QUALITY, "≥98% 进一步提升", True),
    _case("VAL-02", QUALITY, "≥98%", False),
    _case("VAL-02", EFFECT, "有效改善", False),
    _case("VAL-02", QUALITY, "保证大厅正常运转", False),
    _case("VAL-02", COST, "降低", False),
    # VAL-03: percentages outside 0–100.
    _case("VAL-03", QUALITY, "≥120%", True),
    _case("VAL-03", QUALITY, ">100%", True),
    _case("VAL-03", QUALITY, "90%-110%", True),
    _case("VAL-03", QUALITY, "≤-5%", True),
    _case("VAL-03", QUALITY, "<0%", True),
    _case("VAL-03", QUALITY, "≥100%", False),
    _case("VAL-03", QUALITY, "100%", False),
    _case("VAL-03", QUALITY, "≥0%", False),
    _case("VAL-03", QUALITY, "≥120%", False, name="业务量同比增长率"),
    _case("VAL-03", QUANTITY, "≥7000件", False),
    # VAL-04: money above the budget (30.00 万元), converted exactly.
    _case("VAL-04", COST, "≤35万元", True),
    _case("VAL-04", COST, "≤350000元", True),
    _case("VAL-04", COST, "≤0.0031亿元", True),
    _case("VAL-04", COST, "≤300000元", False),
    _case("VAL-04", COST, "≤30万元", False),
    _case("VAL-04", COST, "≤500元/件", False),
    _case("VAL-04", EFFECT, "≥50万元", False),
    # VAL-05: satisfaction is ≥X% at a sensible level.
    _case("VAL-05", SATISFACTION, "≥95%", False),
    _case("VAL-05", SATISFACTION, ">90%", False),
    _case("VAL-05", SATISFACTION, "满意", True),
    _case("VAL-05", SATISFACTION, "100%", True),
    _case("VAL-05", SATISFACTION, "≥70%", True),
    _case("VAL-05", SATISFACTION, "90%-95%", True),
    _case("VAL-05", SATISFACTION, "2025年12月底前", True),
    _case("VAL-05", SATISFACTION, "≥95", False),  # unit: VAL-11 (name ends in 度)
    _case("VAL-05", SATISFACTION, "≥95", True, name="服务对象评价"),
    _case("VAL-05", SATISFACTION, "办事群众满意度", False),  # prose: VAL-01
    # VAL-06: 时效 is a date, a period or a percentage.
    _case("VAL-06", TIMELINESS, "700本", True),
    _case("VAL-06", TIMELINESS, "11", True),
    _case("VAL-06", TIMELINESS, "≥98%", False),
    _case("VAL-06", TIMELINESS, "2025年12月底前", False),
    _case("VAL-06", TIMELINESS, "≤30个工作日", False),
    _case("VAL-06", TIMELINESS, "≤2小时", False),
    _case("VAL-06", TIMELINESS, "≤3天/件", False),
    _case("VAL-06", TIMELINESS, "按时完成", False),  # a grade: VAL-02
    _case("VAL-06", QUANTITY, "700本", False),
    # VAL-07: input and process measures as outputs or effects.
    _case("VAL-07", TIMELINESS, None, True, name="专项资金到位率"),
    _case("VAL-07", EFFECT, None, True, name="预算执行率"),
    _case("VAL-07", QUALITY, None, True, name="资金支付进度"),
    _case("VAL-07", TIMELINESS, None, True, name="援疆干部探亲差旅费到位率"),
    _case("VAL-07", COST, None, False, name="人员经费"),
    _case("VAL-07", SATISFACTION, None, False, name="资金到位率"),
    _case("VAL-07", QUANTITY, None, False, name="补贴发放人数"),
    _case("VAL-07", QUANTITY, None, False, name="设备到位率"),
    # VAL-09: quantities as percentages.
    _case("VAL-09", QUANTITY, "≥95%", True),
    _case("VAL-09", EFFECT, "≥95%", True, name="实际受理案件数量"),
    _case("VAL-09", EFFECT, "≥95%", True, name="培训人数"),
    _case("VAL-09", EFFECT, "≥95%", False, name="营商环境指数"),
    _case("VAL-09", QUALITY, "≥95%", False),
    _case("VAL-09", QUANTITY, "≥7000件", False),
    # VAL-10: yes/no questions as percentages.
    _case("VAL-10", EFFECT, "≥95%", True, name="是否保证大厅正常运行"),
    _case("VAL-10", EFFECT, "100%", True, name="是否保证大厅正常运行"),
    _case("VAL-10", EFFECT, "是", False, name="是否保证大厅正常运行"),
    _case("VAL-10", QUALITY, "≥95%", False),
    # VAL-11: …率/…度 in %.
    _case("VAL-11", SATISFACTION, "≥95", True),
    _case("VAL-11", SATISFACTION, "11", True),
    _case("VAL-11", SATISFACTION, "≥95分", True),
    _case("VAL-11", QUALITY, "≥98", True),
    _case("VAL-11", QUALITY, "≥95", True, name="结案率(%)"),
    _case("VAL-11", QUALITY, "≥98%", False),
    _case("VAL-11", QUALITY, "≥2个百分点", False),
    _case("VAL-11", TIMELINESS, "≥90", False, name="项目完成进度"),
    _case("VAL-11", QUANTITY, "≥4次", False, name="巡查频率"),
    _case("VAL-11", TIMELINESS, "2025年12月底前", False, name="按期完成率"),
    # VAL-14: 成本 is money.
    _case("VAL-14", COST, "≥95%", True),
    _case("VAL-14", COST, "11", True),
    _case("VAL-14", COST, "合格", True),
    _case("VAL-14", COST, "2025年12月底前", True),
    _case("VAL-14", COST, "≥5台", True),
    _case("VAL-14", COST, "≤30万元", False),
    _case("VAL-14", COST, "≤500元/件", False),
    _case("VAL-14", COST, "成本控制", False),  # prose: VAL-01
    _case("VAL-14", QUALITY, "≥95%", False),
    # VAL-15: numbers without a unit, where no more specific rule speaks.
    _case("VAL-15", QUANTITY, "≥7000", True),
    _case("VAL-15", EFFECT, "11", True),
    _case("VAL-15", QUANTITY, "≥7000件", False),
    _case("VAL-15", SATISFACTION, "≥95", False),
    _case("VAL-15", COST, "11", False),
    _case("VAL-15", TIMELINESS, "11", False),
    _case("VAL-15", QUALITY, "≥98", False),
]


@pytest.mark.parametrize(("code", "index", "value", "name", "fires"), CASES)
def test_rule_cases(
    code: str, index: int, value: str | None, name: str | None, fires: bool
) -> None:
    assert _fires(code, index, value, name) is fires


def test_val01_extra_grades_and_number_suggestion() -> None:
    assert not _fires("VAL-01", EFFECT, "成效显著", extra_grades=["成效显著"])
    assert _fires("VAL-01", EFFECT, "成效显著")
    [finding] = _findings("VAL-01", document_with(QUANTITY, "为群众提供免费复印25万份"))
    assert finding.severity == "error"
    assert finding.field == "indicators[0].value"
    assert finding.text == "为群众提供免费复印25万份"
    assert "“25万份”" in (finding.suggestion or "")


def test_val01_skips_empty_values() -> None:
    assert not _fires("VAL-01", QUALITY, "")


def test_val05_threshold_is_configurable() -> None:
    assert _fires("VAL-05", SATISFACTION, "≥70%")
    assert not _fires("VAL-05", SATISFACTION, "≥70%", min_satisfaction=60)


def test_val09_quantity_category_can_be_left_out() -> None:
    assert not _fires("VAL-09", QUANTITY, "≥95%", include_quantity_category=False)
    assert _fires("VAL-09", QUANTITY, "≥95%", name="受理件数", include_quantity_category=False)


def test_val14_percent_can_be_allowed() -> None:
    assert not _fires("VAL-14", COST, "≥95%", allow_percent=True)


def test_val14_covers_the_101_template_cost_level() -> None:
    doc = document_with(COST, "≥95%", level1="成本指标", level2="经济成本指标")
    assert doc.projects[0].indicators[COST].category == "cost.economic"
    assert _findings("VAL-14", doc)


def _budget_doc(value: str, name: str, money_unit: str, total: str) -> Document:
    indicators = example_indicators()
    indicators[COST] = indicators[COST].model_copy(
        update={"name": name, "value_text": value, "value": parse_value(value)}
    )
    budget = Budget(total=Decimal(total), fiscal=Decimal(total))
    project = example_project(indicators=indicators, money_unit=money_unit, budget=budget)
    return example_document(project)


@pytest.mark.parametrize(
    ("value", "name", "money_unit", "total", "codes"),
    [
        ("≤30万元", "预算经费控制数", "万元", "30.00", ["VAL-12"]),
        ("≤300000元", "预算经费控制数", "万元", "30.00", ["VAL-12"]),
        ("≤29.25 万元", "预算成本控制数", "万元", "29.25", ["VAL-12"]),
        ("≤29万元", "预算经费控制数", "万元", "30.00", []),
        ("≤30万元", "大厅运行维护成本", "万元", "30.00", []),
        ("≤30.01万元", "大厅运行维护成本", "万元", "30.00", ["VAL-04"]),
        ("≤30万元", "项目经费", "元", "300000", ["VAL-12"]),
        ("≤30万元", "项目经费", "元", "299999.99", ["VAL-04"]),
        ("≤300000元", "项目经费", "元", "300000.00", ["VAL-12"]),
    ],
)
def test_cost_against_budget(
    value: str, name: str, money_unit: str, total: str, codes: list[str]
) -> None:
    doc = _budget_doc(value, name, money_unit, total)
    found = [f.code for code in ("VAL-04", "VAL-12") for f in _findings(code, doc)]
    assert found == codes


def test_val12_every_equal_value_when_configured() -> None:
    assert not _findings("VAL-12", example_document())
    assert _findings("VAL-12", example_document(), require_budget_name=False)


# -- VAL-08: formatting, with a safe fix that re-reads the same ------------------------------


@pytest.mark.parametrize(
    ("value", "new"),
    [
        ("≥9595%以上", "≥95%"),
        ("≥95百分比", "≥95%"),
        ("≥98 百分比", "≥98%"),
        ("≥98 百分\n\n比", "≥98%"),
        ("100百分比", "100%"),
        ("≥95%以上", "≥95%"),
        ("不低于≥95%", "≥95%"),
        ("≥９５％", "≥95%"),
        ("保证大厅\n正常运转", "保证大厅正常运转"),
    ],
)
def test_val08_safe_fix(value: str, new: str) -> None:
    doc = document_with(QUALITY, value)
    [finding] = _findings("VAL-08", doc)
    # A unit spelled out and nothing else (the budget system's export) is one info for the
    # whole document; every other formatting defect is a warning on its row.
    spelled_only = value in ("≥95百分比", "≥98 百分比", "100百分比")
    assert finding.severity == ("info" if spelled_only else "warning")
    assert (finding.indicator_index is None) == spelled_only
    assert finding.fix is not None and finding.fix.safety == "safe"
    [edit] = finding.fix.edits
    assert (edit.path, edit.old, edit.new) == ("projects[0].indicators[1].value_text", value, new)
    assert f"“{new}”" in finding.fix.title
    fixed, applied = apply_safe_fixes(doc, [finding])
    assert len(applied) == 1
    assert fixed.projects[0].indicators[QUALITY].value_text == new
    assert not _findings("VAL-08", fixed)


@pytest.mark.parametrize("value", ["≥95百分比以下", "约95百分比", "≥90%-95百分比以上"])
def test_val08_no_fix_when_rendering_would_decide_meaning(value: str) -> None:
    [finding] = _findings("VAL-08", document_with(QUALITY, value))
    assert finding.fix is None


@pytest.mark.parametrize("value", ["≥95%", "30 个", "≤29.25 万元", "1 有效改善", "≥95%以下"])
def test_val08_silent_on_values_without_formatting_anomalies(value: str) -> None:
    assert not _findings("VAL-08", document_with(QUALITY, value))


def test_val08_message_names_the_defects() -> None:
    [finding] = _findings("VAL-08", document_with(QUALITY, "≥9595%以上"))
    assert "“9595”" in finding.message and "“以上”" in finding.message
    assert finding.message.endswith("应写为“≥95%”")
    assert finding.fix is not None and finding.fix.title == "将“≥9595%以上”改为“≥95%”"


def test_val13_unsafe_fix_drops_the_number() -> None:
    doc = document_with(EFFECT, "1 符合规定")
    [finding] = _findings("VAL-13", doc)
    assert finding.severity == "info"
    assert finding.fix is not None and finding.fix.safety == "unsafe"
    [edit] = finding.fix.edits
    assert (edit.old, edit.new) == ("1 符合规定", "符合规定")
    fixed, applied = apply_safe_fixes(doc, [finding])
    assert applied == [] and fixed.projects[0].indicators[EFFECT].value_text == "1 符合规定"


def test_val13_offers_no_fix_that_leaves_a_trend_word() -> None:
    """Without its number "1 有效改善" is still what VAL-19 sends back: no fix, and the
    suggestion asks for a comparable target instead."""
    doc = document_with(EFFECT, "1 有效改善")
    [finding] = _findings("VAL-13", doc)
    assert finding.fix is None
    assert "趋势用语" in (finding.suggestion or "") and "写为“有效改善”" not in finding.suggestion


# -- the seeds: every finding of these rules, frozen after checking each by hand --------------


@cache
def _seed(seed: str) -> Document:
    return read_path(SEEDS[seed])


@cache
def _seed_findings(seed: str) -> tuple[Finding, ...]:
    return tuple(flatten(review(_seed(seed), ReviewConfig(select=VAL_CODES)).findings))


def _places(seed: str) -> dict[str, list[tuple[int | None, int | None]]]:
    places: dict[str, list[tuple[int | None, int | None]]] = {}
    for finding in _seed_findings(seed):
        places.setdefault(finding.code, []).append((finding.project_seq, finding.indicator_index))
    return {code: sorted(found) for code, found in sorted(places.items())}


def _all(projects: dict[int, list[int]]) -> list[tuple[int, int]]:
    return sorted((seq, index) for seq, indexes in projects.items() for index in indexes)


SEED_FINDINGS: dict[str, dict[str, list[tuple[int | None, int | None]]]] = {
    # Every value is “≥N百分比”; 数量指标 hold 完成率/保障率; two 成本指标 hold rates.
    "000": {
        # The 28 spelled-out units are one finding for the document (issue 12).
        "VAL-08": [(None, None)],
        "VAL-09": [(1, 0), (3, 0), (4, 0), (5, 0), (6, 0), (7, 0), (7, 1), (8, 0), (8, 1)],
        "VAL-14": [(2, 0), (6, 1)],
    },
    # Every value is “≥9595%以上”; 差旅费到位率 as a 时效指标.
    "001": {
        "VAL-07": [(6, 1)],
        # The 42 “≥9595%以上” are one habit of the export: one finding for the document.
        "VAL-08": [(None, None)],
        "VAL-09": [(2, 1), (7, 0), (8, 0)],
    },
    # Prose values (projects 2, 3, 4, 6), “11” everywhere in project 5, % where it makes no sense.
    "002": {
        "VAL-01": _all({2: [2, 3, 4, 5, 6, 7], 3: [0, 1, 2, 3, 4, 5, 6], 4: list(range(9))})
        + _all({6: [0, 1, 4, 5, 6]}),
        "VAL-05": [(5, 8)],
        "VAL-06": [(2, 1), (5, 2), (6, 2)],
        "VAL-09": [(1, 0), (1, 5)],
        "VAL-10": [(1, 6), (1, 7)],
        "VAL-11": [(3, 7), (5, 8)],
        "VAL-14": [(1, 3), (5, 3), (6, 3)],
        "VAL-15": [(5, 0), (5, 1), (5, 4), (5, 5), (5, 6), (5, 7)],
    },
    # “≥98 百分比” (fixable), 成本 = 预算数 (restated), “1 有效改善” (stray grade number).
    "003": {
        "VAL-08": [(None, None)],  # the 24 “≥98 百分比”, one finding for the document
        "VAL-12": [(seq, 3) for seq in range(1, 9)],
        "VAL-13": [(seq, 4) for seq in range(1, 9)],
    },
}


@pytest.mark.parametrize("seed", sorted(SEED_FINDINGS))
def test_seed_findings(seed: str) -> None:
    assert _places(seed) == SEED_FINDINGS[seed]


@pytest.mark.parametrize("seed", sorted(SEED_FINDINGS))
def test_seed_findings_point_at_the_printed_text(seed: str) -> None:
    doc = _seed(seed)
    projects = {project.seq: project for project in doc.projects}
    for finding in _seed_findings(seed):
        if finding.project_seq is None:  # VAL-08's one finding for all spelled-out units
            assert (finding.code, finding.field) == ("VAL-08", "indicators")
            assert finding.fix is not None and finding.text == finding.fix.edits[0].old
            continue
        assert finding.indicator_index is not None
        indicator = projects[finding.project_seq].indicators[finding.indicator_index]
        if finding.code == "VAL-07":
            assert (finding.field, finding.text) == (
                f"indicators[{finding.indicator_index}].name",
                indicator.name,
            )
        else:
            assert (finding.field, finding.text) == (
                f"indicators[{finding.indicator_index}].value",
                indicator.value_text,
            )
        assert f"“{indicator.value_text.strip()}”" in finding.message or finding.code == "VAL-07"


def test_seed_003_well_formed_values_get_no_error() -> None:
    errors = [f for f in _seed_findings("003") if f.severity == "error"]
    assert errors == []


@pytest.mark.parametrize(
    ("seed", "old", "new"),
    [("001", "≥9595%以上", "≥95%"), ("000", "≥95百分比", "≥95%"), ("003", "≥98 百分比", "≥98%")],
)
def test_applying_val08_fixes_to_a_seed(seed: str, old: str, new: str) -> None:
    doc = _seed(seed)
    before = [
        (p, i)
        for p, project in enumerate(doc.projects)
        for i, ind in enumerate(project.indicators)
        if ind.value_text == old
    ]
    assert before
    findings = [f for f in _seed_findings(seed) if f.code == "VAL-08"]
    assert all(f.fix is not None and f.fix.safety == "safe" for f in findings)
    fixed, applied = apply_safe_fixes(doc, findings)
    assert len(applied) == sum(len(f.fix.edits) for f in findings if f.fix is not None)
    for p, i in before:
        assert fixed.projects[p].indicators[i].value_text == new
    assert all(
        "百分比" not in ind.value_text and "9595" not in ind.value_text
        for project in fixed.projects
        for ind in project.indicators
    )
    assert not [f for f in review(fixed, ReviewConfig(select=["VAL-08"])).findings]


def test_seed_001_has_42_repeated_numbers_all_fixed() -> None:
    doc = _seed("001")
    fixed, _ = apply_safe_fixes(doc, list(_seed_findings("001")))
    values = [ind.value_text for project in fixed.projects for ind in project.indicators]
    assert values == ["≥95%"] * 42


def test_val08_spelled_units_are_one_info_for_the_document() -> None:
    """Issue 12: ``≥95百分比`` is how the budget system exports the unit; one info for the
    document (listing how many), whose safe fix corrects every row at once."""
    doc = _seed("000")
    [finding] = [f for f in _seed_findings("000") if f.code == "VAL-08"]
    assert finding.severity == "info" and finding.project_seq is None
    assert finding.message.startswith("28个指标值的单位用文字书写")
    assert finding.fix is not None and len(finding.fix.edits) == 28
    fixed, applied = apply_safe_fixes(doc, [finding])
    assert len(applied) == 28
    assert not any("百分比" in i.value_text for p in fixed.projects for i in p.indicators)


def test_val08_spelled_unit_severity_follows_the_configuration() -> None:
    config = ReviewConfig(select=["VAL-08"], severity={"VAL-08": "error"})
    [finding] = review(document_with(QUALITY, "≥95百分比"), config).findings
    assert finding.severity == "error"


@pytest.mark.parametrize(
    ("name", "fires"),
    [
        ("居民电子健康档案建档率", False),  # a coverage rate, filed under 数量指标 by the template
        ("城乡居民医保参保率", False),
        ("劳务派遣工作完成率", True),  # a completion rate says nothing of how much
        ("综合事务保障率", True),
    ],
)
def test_val09_coverage_rates_under_quantity_pass(name: str, fires: bool) -> None:
    assert _fires("VAL-09", 0, "≥90%", name=name) is fires


def test_val07_a_subsidy_paid_on_time_is_the_subsidy_projects_output() -> None:
    rows = example_indicators()
    rows[2] = rows[2].model_copy(update={"name": "补贴资金拨付时间"})
    subsidy = example_document(example_project(name="耕地地力保护补贴", indicators=rows))
    assert _findings("VAL-07", subsidy) == []
    office = example_document(example_project(name="办公楼运行维护", indicators=rows))
    [finding] = _findings("VAL-07", office)
    assert finding.indicator_index == 2
    # 资金到位率 is an input measure even in a subsidy project
    rows[2] = rows[2].model_copy(update={"name": "补贴资金到位率"})
    subsidy = example_document(example_project(name="耕地地力保护补贴", indicators=rows))
    assert len(_findings("VAL-07", subsidy)) == 1


@pytest.mark.parametrize("value", ["每月10日前", "每季度末月20日前", "每年6月底前"])
def test_a_recurring_deadline_is_a_time_value(value: str) -> None:
    doc = document_with(2, value, name="困难群众救助资金发放时间")
    reported = flatten(review(doc).findings)
    assert [f.code for f in reported if f.field == "indicators[2].value"] == []


def test_social_and_ecological_costs_are_not_money_by_definition() -> None:
    social = document_with(3, "≤3天", level1="成本指标", level2="社会成本指标", name="单次占道时间")
    assert _findings("VAL-14", social) == []
    economic = document_with(
        3, "≤3天", level1="成本指标", level2="经济成本指标", name="单次占道时间"
    )
    assert len(_findings("VAL-14", economic)) == 1


def test_val06_a_deadline_given_as_a_percentage_is_a_warning() -> None:
    doc = document_with(2, "≥95%", name="项目完工时间")
    [finding] = _findings("VAL-06", doc)
    assert finding.severity == "warning"
    config = ReviewConfig(select=["VAL-06"], severity={"VAL-06": "info"})
    [configured] = flatten(review(doc, config).findings)
    assert configured.severity == "info"
