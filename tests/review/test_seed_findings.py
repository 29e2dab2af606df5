"""The defects issue #3 names in the real documents, each reported at the right place.

Each rule family's own test file freezes the complete list of its findings per seed; this file
keeps the reviewer's view: the known defects are found, and good values are left alone.
"""

from __future__ import annotations

from functools import cache

import pytest

from jixiao import read_path
from jixiao.review import Report, review
from jixiao.review.merge import flatten
from tests.conftest import SEEDS


@cache
def _report(seed: str) -> Report:
    return review(read_path(SEEDS[seed]))


def _at(seed: str, code: str) -> set[tuple[int | None, int | None, str | None]]:
    return {
        (f.project_seq, f.indicator_index, f.field)
        for f in flatten(_report(seed).findings)
        if f.code == code
    }


def _projects(seed: str, code: str) -> set[int | None]:
    return {f.project_seq for f in flatten(_report(seed).findings) if f.code == code}


def test_placeholder_goals_in_every_project_of_seed_002() -> None:
    found = {(seq, field) for seq, _, field in _at("002", "TXT-01")}
    assert {(seq, "goals") for seq in range(1, 7)} <= found
    errors = [
        f for f in flatten(_report("002").findings) if f.code == "TXT-01" and f.field == "goals"
    ]
    assert all(f.severity == "error" and "目标内容1" in (f.text or "") for f in errors)


def test_indicator_named_after_its_category_and_bare_placeholder() -> None:
    found = _at("002", "TXT-01")
    assert (6, 6, "indicators[6].name") in found  # 生态效益指标
    assert (2, 7, "indicators[7].name") in found  # 无


def test_description_contradicts_name() -> None:
    assert (2, 0) in {(seq, i) for seq, i, _ in _at("002", "TXT-03")}


def test_goals_repeat_purpose_and_each_other() -> None:
    assert 1 in _projects("000", "GOAL-01")


def test_satisfaction_filed_in_the_wrong_place() -> None:
    assert (8, 1) in {(seq, i) for seq, i, _ in _at("000", "CAT-01")}  # 群众满意率 as 数量指标
    assert (3, 2) in {(seq, i) for seq, i, _ in _at("000", "CAT-02")}  # 活动完成率 as 满意度


def test_cost_indicator_that_is_not_money() -> None:
    assert (6, 1) in {(seq, i) for seq, i, _ in _at("000", "VAL-14")}  # 综合事务保障率 ≥90%


def test_quantity_and_yes_no_as_percentages() -> None:
    found = {(seq, i) for code in ("VAL-09", "VAL-10") for seq, i, _ in _at("002", code)}
    assert {(1, 5), (1, 6)} <= found


def test_several_indicators_in_one_row() -> None:
    assert (3, 0) in {(seq, i) for seq, i, _ in _at("001", "IND-01")}


def test_duplicates_within_and_across_projects() -> None:
    assert 5 in _projects("002", "DUP-01")  # 完成全年评审工作 twice
    assert _projects("000", "DUP-02") or _projects("000", "DUP-03")


def test_unrelated_indicator() -> None:
    assert (7, 2) in {(seq, i) for seq, i, _ in _at("000", "REL-03")}


def test_spending_plan_of_seed_002_project_1() -> None:
    assert (1, None, "spending_plan") in _at("002", "STR-03")
    assert 2 in _projects("002", "STR-04")


def test_every_repeated_number_in_seed_001_is_fixed_by_one_finding() -> None:
    findings = [f for f in flatten(_report("001").findings) if f.code == "VAL-08"]
    doc = read_path(SEEDS["001"])
    expected = {
        (p.seq, i)
        for p in doc.projects
        for i, ind in enumerate(p.indicators)
        if ind.value_text == "≥9595%以上"
    }
    assert len(expected) == 42
    # One habit of the export, one finding for the document (issue 12); its safe fix
    # corrects every one of the 42.
    [finding] = findings
    assert finding.project_seq is None and finding.message.startswith("42个指标值")
    assert finding.fix is not None and finding.fix.safety == "safe"
    paths = {e.path for e in finding.fix.edits}
    assert paths == {
        f"projects[{p}].indicators[{i}].value_text"
        for p, project in enumerate(doc.projects)
        for i, ind in enumerate(project.indicators)
        if ind.value_text == "≥9595%以上"
    }


@pytest.mark.parametrize("value", ["30 个", "≥98 百分比", "≤29.25 万元"])
def test_well_formed_values_of_seed_003_get_no_error(value: str) -> None:
    doc = read_path(SEEDS["003"])
    places = {
        (p.seq, i)
        for p in doc.projects
        for i, ind in enumerate(p.indicators)
        if ind.value_text == value
    }
    assert places
    errors = [
        f
        for f in flatten(_report("003").findings)
        if f.severity == "error" and (f.project_seq, f.indicator_index) in places
    ]
    assert errors == []
