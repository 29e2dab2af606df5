"""The structure, budget and spending-plan rules: STR-01, 03–12 and CNT-01.

Unit tests per rule on small documents built from ``jixiao.review.examples``, then the complete,
hand-checked list of these rules' findings on each real seed document.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from typing import Any

import pytest

from jixiao import read_path
from jixiao.model import Department, Document, Indicator, SpendingPoint
from jixiao.review import Finding, ReviewConfig, apply_safe_fixes, review
from jixiao.review.config import Profile
from jixiao.review.examples import (
    example_document,
    example_indicator,
    example_indicators,
    example_project,
)
from jixiao.review.merge import flatten
from jixiao.review.rules.str_12_basis_unclassified import classify_basis
from tests.conftest import SEEDS

MINE = [
    "STR-01",
    "STR-03",
    "STR-04",
    "STR-05",
    "STR-06",
    "STR-07",
    "STR-08",
    "STR-09",
    "STR-10",
    "STR-11",
    "STR-12",
    "CNT-01",
]


def _run(
    doc: Document,
    code: str,
    *,
    profile: Profile = "default",
    params: dict[str, Any] | None = None,
) -> list[Finding]:
    config = ReviewConfig(select=[code], profile=profile, params={code: params or {}})
    return flatten(review(doc, config).findings)


def _plan(*percents: str | None) -> list[SpendingPoint]:
    return [
        SpendingPoint(month=month, percent=None if p is None else Decimal(p))
        for month, p in zip((3, 6, 10, 12), percents, strict=True)
    ]


def _with_plan(*percents: str | None) -> Document:
    return example_document(example_project(spending_plan=_plan(*percents)))


def _with_rows(rows: list[Indicator]) -> Document:
    return example_document(example_project(indicators=rows))


def _without(*level2: str) -> list[Indicator]:
    return [row for row in example_indicators() if row.level2 not in level2]


# -- STR-01 ------------------------------------------------------------------------------


def test_str01_one_finding_per_missing_item() -> None:
    project = example_project(code=None, name=" ", goals=["  "], indicators=[])
    project.budget.total = None
    findings = _run(example_document(project), "STR-01")
    assert [f.field for f in findings] == ["code", "name", "budget", "goals", "indicators"]
    assert "第1张项目绩效目标表" in findings[0].message


def test_str01_placeholder_goal_is_not_its_business() -> None:
    assert _run(example_document(example_project(goals=["目标内容1"])), "STR-01") == []


# -- STR-03 ------------------------------------------------------------------------------


def test_str03_all_blank_is_one_finding() -> None:
    findings = _run(_with_plan(None, None, None, None), "STR-03")
    assert len(findings) == 1
    assert "未填写资金支出计划" in findings[0].message
    assert findings[0].severity == "warning"
    missing = example_document(example_project(spending_plan=[]))
    assert len(_run(missing, "STR-03")) == 1


def test_str03_blank_year_end_after_100_at_october() -> None:
    findings = _run(_with_plan(None, None, "100", None), "STR-03")
    # the error first: blanks are sent back for completion (a warning), not refused
    assert [(f.severity, f.message) for f in findings] == [
        ("error", "12月底累计支出比例为空（10月底已为100%，12月底也应为100%）"),
        ("warning", "资金支出计划中3月底、6月底的累计支出比例为空"),
    ]
    assert all(f.field == "spending_plan" for f in findings)
    assert findings[0].fix is None  # with 3月底 and 6月底 blank, 12月底 alone settles nothing


def test_str03_offers_the_year_end_fix_when_only_it_is_blank() -> None:
    findings = _run(_with_plan("25", "50", "80", None), "STR-03")
    assert [f.message for f in findings] == ["12月底累计支出比例为空，年底累计支出应为100%"]
    fix = findings[0].fix
    assert fix is not None and fix.safety == "unsafe"
    assert fix.edits[0].path == "projects[0].spending_plan[3].percent"


def test_str03_range_order_and_year_end() -> None:
    assert [f.message for f in _run(_with_plan("30", "20", "120", "100"), "STR-03")] == [
        "10月底累计支出比例“120%”超出0–100%的范围",
        "6月底累计支出比例20%小于3月底的30%，累计比例不应减少",
        "12月底累计支出比例100%小于10月底的120%，累计比例不应减少",
    ]
    assert [f.message for f in _run(_with_plan("25", "50", "75", "90"), "STR-03")] == [
        "12月底累计支出比例为90%，应为100%"
    ]


def test_str03_blanks_are_skipped_when_checking_order() -> None:
    assert [f.message for f in _run(_with_plan("20", None, "80", "100"), "STR-03")] == [
        "资金支出计划中6月底的累计支出比例为空"
    ]


# -- STR-04 ------------------------------------------------------------------------------


def test_str04_blanks_count_as_no_spending_when_year_end_is_filled() -> None:
    (finding,) = _run(_with_plan(None, None, None, "100"), "STR-04")
    assert finding.severity == "warning" and finding.field == "spending_plan"
    assert "6月底计划累计0%（未填），低于40%" in finding.message
    assert "10月底计划累计0%（未填），低于75%" in finding.message


def test_str04_blank_carries_the_previous_value() -> None:
    (finding,) = _run(_with_plan("45", None, "70", "100"), "STR-04")
    assert "6月底" not in finding.message  # 45% carried to 6月底
    assert "10月底计划累计70%，低于75%" in finding.message
    (finding,) = _run(_with_plan("30", None, "90", "100"), "STR-04")
    assert "6月底计划累计30%（未填，按3月底计），低于40%" in finding.message


def test_str04_blanks_are_unreadable_without_year_end() -> None:
    assert _run(_with_plan(None, None, "100", None), "STR-04") == []
    assert len(_run(_with_plan(None, "20", None, None), "STR-04")) == 1


def test_str04_thresholds_are_configurable() -> None:
    doc = _with_plan("25", "50", "75", "100")
    assert _run(doc, "STR-04") == []  # the even 25/50/75/100 plan is not back-loaded
    assert len(_run(doc, "STR-04", params={"october": 80})) == 1
    assert len(_run(_with_plan("25", "50", "80", "100"), "STR-04", params={"june": 60})) == 1


# -- STR-05 / STR-11 ---------------------------------------------------------------------


def test_str05_missing_output_is_an_error() -> None:
    rows = [row for row in example_indicators() if row.level1 != "产出指标"]
    (finding,) = _run(_with_rows(rows), "STR-05")
    assert finding.severity == "error" and finding.field == "indicators"
    assert "“产出指标”" in finding.message


def test_str05_legacy_effect_label_counts_as_effect() -> None:
    rows = example_indicators()
    rows[4] = example_indicator(
        "效果指标", "社会效益指标", "企业群众办事平均跑动次数", None, "≤1次"
    )
    assert _run(_with_rows(rows), "STR-05") == []


def test_str05_and_str11_ignore_projects_without_indicators() -> None:
    doc = _with_rows([])
    assert _run(doc, "STR-05") == [] and _run(doc, "STR-11") == []


def test_str11_missing_satisfaction_is_a_warning_of_its_own() -> None:
    rows = [row for row in example_indicators() if row.level1 != "满意度指标"]
    assert _run(_with_rows(rows), "STR-05") == []
    (finding,) = _run(_with_rows(rows), "STR-11")
    assert finding.severity == "warning" and finding.field == "indicators"


# -- STR-06 ------------------------------------------------------------------------------


def test_str06_quality_or_timeliness_is_enough() -> None:
    assert _run(_with_rows(_without("质量指标")), "STR-06") == []
    assert _run(_with_rows(_without("时效指标")), "STR-06") == []
    (finding,) = _run(_with_rows(_without("数量指标")), "STR-06")
    assert finding.message.startswith("产出指标缺少数量指标")


def test_str06_cost_as_level1_only_in_central_2021() -> None:
    doc = example_document()
    (finding,) = _run(doc, "STR-06", profile="central-2021")
    assert "成本指标" in finding.message and "现放在产出指标下" in finding.message
    rows = example_indicators()
    rows[3] = example_indicator("成本指标", "经济成本指标", "大厅运行维护成本", None, "≤30万元")
    assert _run(_with_rows(rows), "STR-06", profile="central-2021") == []


# -- STR-07 ------------------------------------------------------------------------------


def test_str07_level2_under_the_wrong_level1() -> None:
    rows = example_indicators()
    rows[4] = example_indicator(
        "产出指标", "社会效益指标", "企业群众办事平均跑动次数", None, "≤1次"
    )
    (finding,) = _run(_with_rows(rows), "STR-07")
    assert finding.field == "indicators[4].level2" and finding.indicator_index == 4
    assert finding.message == "二级指标“社会效益指标”属于效益指标，不应放在一级指标“产出指标”下"
    assert finding.fix is None


def test_str07_unknown_labels_reported_once_per_merged_cell() -> None:
    rows = example_indicators()
    rows[1] = example_indicator("产出指标", "效率指标", "审批业务办结率", None, "≥98%")
    rows[2] = example_indicator("产出指标", "效率指标", "审批业务按时办结率", None, "≥98%")
    rows[5] = example_indicator("公众评价", "服务对象满意度指标", "办事群众满意度", None, "≥95%")
    findings = _run(_with_rows(rows), "STR-07")
    assert [(f.field, f.message) for f in findings] == [
        ("indicators[1].level2", "二级指标“效率指标”不是“产出指标”下的规范二级指标（共2行）"),
        ("indicators[5].level1", "一级指标“公众评价”不在指标体系内"),
    ]


def _legacy_effect_document() -> Document:
    rows = example_indicators()
    rows[4] = example_indicator(
        "效果指标", "社会效益指标", "企业群众办事平均跑动次数", None, "≤1次"
    )
    return _with_rows(rows)


def test_str07_legacy_label_only_in_central_2021_with_a_safe_fix() -> None:
    doc = _legacy_effect_document()
    assert _run(doc, "STR-07") == []
    (finding,) = _run(doc, "STR-07", profile="central-2021")
    assert finding.field == "indicators[4].level1"
    assert finding.fix is not None and finding.fix.safety == "safe"
    assert [(e.path, e.old, e.new) for e in finding.fix.edits] == [
        ("projects[0].indicators[4].level1", "效果指标", "效益指标")
    ]


def test_str07_legacy_label_fix_applies() -> None:
    doc = _legacy_effect_document()
    findings = _run(doc, "STR-07", profile="central-2021")
    fixed, applied = apply_safe_fixes(doc, findings)
    assert [edit.path for edit in applied] == ["projects[0].indicators[4].level1"]
    assert fixed.projects[0].indicators[4].level1 == "效益指标"


# -- STR-08 ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "reported"), [("", True), (" / ", True), ("—", True), ("无", False)]
)
def test_str08_empty_value(value: str, reported: bool) -> None:
    rows = example_indicators()
    rows[2] = example_indicator(name="审批业务按时办结率", value=value)
    findings = _run(_with_rows(rows), "STR-08")
    assert [(f.indicator_index, f.field) for f in findings] == (
        [(2, "indicators[2].value")] if reported else []
    )


# -- STR-09 / STR-12 ---------------------------------------------------------------------


def test_str09_some_rows_without_basis_are_reported_per_row() -> None:
    rows = example_indicators()
    rows[1] = example_indicator(name="审批业务办结率", value="≥98%", basis="无")
    rows[3] = example_indicator(name="大厅运行维护成本", value="≤30万元", basis="  ")
    findings = _run(_with_rows(rows), "STR-09")
    assert [f.field for f in findings] == ["indicators[1].basis", "indicators[3].basis"]
    assert "只写了“无”" in findings[0].message


def test_str09_a_blank_column_is_one_finding_and_info_in_legacy() -> None:
    rows = [row.model_copy(update={"basis": None}) for row in example_indicators()]
    (finding,) = _run(_with_rows(rows), "STR-09")
    assert finding.field == "indicators" and finding.indicator_index is None
    assert finding.message == "全部6个三级指标均未填写指标值确定依据"
    (legacy,) = _run(_with_rows(rows), "STR-09", profile="legacy")
    assert legacy.severity == "info"


@pytest.mark.parametrize(
    ("basis", "kind"),
    [
        ("计划标准：上年办理6800件", "计划标准"),
        ("历史标准", "历史标准"),
        ("上年完成6800件", "历史标准"),
        ("以前年度平均值", "历史标准"),
        ("预算批复数", "计划标准"),
        ("根据签订合同", "计划标准"),
        ("《政府工作服务站设立及政府服务代表派驻工作方案》", "计划标准"),
        ("国家标准GB/T 12345", "行业标准"),
        ("政务服务大厅管理办法", "其他标准"),
        ("深化“放管服”改革工作相关要求", "其他标准"),
        ("律师起草上诉状或者整合资料", None),
        ("审批局职能", None),
    ],
)
def test_str12_classify_basis(basis: str, kind: str | None) -> None:
    assert classify_basis(basis) == kind


def test_str12_keywords_inside_a_restatement_do_not_count() -> None:
    row = example_indicator(
        "产出指标", "成本指标", "预算成本控制数", "预算成本控制数", "≤29.25 万元", None
    )
    assert classify_basis("预算成本控制数≤29.25 万元") == "计划标准"
    assert classify_basis("预算成本控制数≤29.25 万元", row) is None


def test_str12_reports_per_row_and_merges_identical_bases() -> None:
    rows = example_indicators()
    rows[0] = example_indicator(basis="年度办理审批业务量≥7000件")
    rows[1] = example_indicator(name="审批业务办结率", value="≥98%", basis="审批局职能")
    rows[2] = example_indicator(name="审批业务按时办结率", value="≥98%", basis="审批局职能")
    findings = _run(_with_rows(rows), "STR-12")
    assert [(f.field, f.severity) for f in findings] == [
        ("indicators[0].basis", "info"),
        ("indicators[1].basis", "info"),
    ]
    assert "只是重复了指标名称、描述或指标值" in findings[0].message
    assert "（共2个指标的依据相同）" in findings[1].message


def test_str12_a_whole_column_of_restatements_is_one_finding() -> None:
    rows = [
        row.model_copy(update={"basis": f"{row.name}{row.value_text}"})
        for row in example_indicators()
    ]
    (finding,) = _run(_with_rows(rows), "STR-12")
    assert finding.field == "indicators"
    assert finding.message.startswith("全部6个三级指标的指标值确定依据都只是重复指标名称")


# -- STR-10 / CNT-01 ---------------------------------------------------------------------


def test_str10_document_level_findings() -> None:
    department = example_document().department.model_copy(update={"sub_goals": [" "]})
    (finding,) = _run(example_document(department=department), "STR-10")
    assert finding.project_seq is None and finding.field == "department.sub_goals"
    empty = example_document().department.model_copy(
        update={"overall_goals": [], "sub_goals": [], "safeguards": []}
    )
    (finding,) = _run(example_document(department=empty), "STR-10")
    assert finding.field == "department"


def test_str10_project_tables_published_on_their_own_are_not_reported() -> None:
    alone = Department(form_lacks=["department_goals"])
    assert _run(example_document(department=alone), "STR-10") == []


def test_rules_about_a_part_skip_a_form_without_it() -> None:
    """A form with no 项目编码, 资金支出计划, 资金用途 or 依据 column (most provinces'
    templates): a blank there is not the unit's omission."""
    rows = [row.model_copy(update={"basis": None}) for row in example_indicators()]
    blank = example_project(code=None, spending_plan=[], indicators=rows)
    codes = ["STR-01", "STR-03", "STR-04", "STR-09", "STR-12"]
    reported = {f.code for c in codes for f in _run(example_document(blank), c)}
    assert reported == {"STR-01", "STR-03", "STR-09"}
    lacking = blank.model_copy(update={"form_lacks": ["code", "spending_plan", "basis"]})
    assert [f for c in codes for f in _run(example_document(lacking), c)] == []


def test_cnt01_counts_named_rows_and_is_configurable() -> None:
    (finding,) = _run(_with_rows(example_indicators()[:2]), "CNT-01")
    assert finding.severity == "info" and "只设置了2个三级指标" in finding.message
    assert _run(_with_rows([]), "CNT-01") == []
    assert len(_run(example_document(), "CNT-01", params={"min_indicators": 7})) == 1


# -- the seeds ---------------------------------------------------------------------------

SEED_FINDINGS: dict[str, list[tuple[str, int | None, str | None]]] = {
    # 000: every plan is 25/50/75/100; 产出 lacks 质量 and 时效 (p2 has only 成本, so it also
    # lacks 数量); the 指标值确定依据 column is empty in every project.
    "000": [
        *[("STR-06", seq, "indicators") for seq in (1, 2, 2, 3, 4, 6, 7, 8)],
        *[("STR-09", seq, "indicators") for seq in range(1, 9)],
    ],
    # 001: the same plan; 产出 without 数量 except p2, p7 (数量 only) and p8; no basis at all.
    "001": [
        *[("STR-06", seq, "indicators") for seq in (1, 3, 4, 5, 6, 7, 9, 10, 11)],
        *[("STR-09", seq, "indicators") for seq in range(1, 12)],
    ],
    # 002: p1 has 100% at 10月底 and blanks elsewhere (blank months + 12月底 blank); p2-p6 have
    # only 12月底 = 100% (blank months, back-loaded); p2 files its quantities under 质量/时效;
    # p2 row 6 says 无 as its basis; the bases that say nothing about a standard.
    "002": [
        ("STR-03", 1, "spending_plan"),
        ("STR-03", 1, "spending_plan"),
        *[("STR-03", seq, "spending_plan") for seq in range(2, 7)],
        *[("STR-04", seq, "spending_plan") for seq in range(2, 7)],
        ("STR-06", 2, "indicators"),
        ("STR-09", 2, "indicators[6].basis"),
        *[("STR-12", 1, f"indicators[{i}].basis") for i in (0, 1, 2, 4, 5, 6, 7, 8)],
        ("STR-12", 2, "indicators[2].basis"),  # 企业发展服务中心职能 (rows 2, 3)
        ("STR-12", 2, "indicators[4].basis"),  # 审批局职能
        ("STR-12", 2, "indicators[7].basis"),  # 办事群众评价… (rows 7, 8)
        ("STR-12", 3, "indicators[3].basis"),  # 办事一次成改革 (rows 3-6)
        ("STR-12", 3, "indicators[7].basis"),  # 群众和企业满意度不低于95
        ("STR-12", 4, "indicators"),  # all 9 rows: …采购和建设情况。
    ],
    # 003: 25/50/75/100 plans; every basis repeats the indicator's description and value.
    "003": [
        *[("STR-12", seq, "indicators") for seq in range(1, 9)],
    ],
}


@cache
def _seed_findings(seed: str) -> list[Finding]:
    return flatten(review(read_path(SEEDS[seed]), ReviewConfig(select=MINE)).findings)


@pytest.mark.parametrize("seed", sorted(SEED_FINDINGS))
def test_seed_findings(seed: str) -> None:
    found = sorted((f.code, f.project_seq, f.field) for f in _seed_findings(seed))
    assert found == sorted(SEED_FINDINGS[seed])


def test_seed_002_spending_plan_messages() -> None:
    by_project = {
        (f.project_seq, f.message) for f in _seed_findings("002") if f.code in ("STR-03", "STR-04")
    }
    assert (1, "12月底累计支出比例为空（10月底已为100%，12月底也应为100%）") in by_project
    assert (2, "资金支出计划中3月底、6月底、10月底的累计支出比例为空") in by_project
    assert not any(seq == 1 for seq, message in by_project if "进度偏后" in message)


def test_str03_a_configured_level_applies_to_blanks_too() -> None:
    doc = _with_plan(None, None, None, None)
    config = ReviewConfig(select=["STR-03"], severity={"STR-03": "error"})
    [finding] = flatten(review(doc, config).findings)
    assert finding.severity == "error"
