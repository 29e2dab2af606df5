"""A rule's suggested fix, once applied, must not make another rule complain about the field it
edited: a fix that trades one finding for another is no fix. Every rule that offers a fix is
exercised (its own bad example and rows written to trigger each kind of fix it offers); the
document is reviewed again with every rule after the fix."""

from __future__ import annotations

import inspect
import re
from decimal import Decimal

import pytest

from jixiao.model import Document, SpendingPoint
from jixiao.review import all_rules, review
from jixiao.review.config import ReviewConfig
from jixiao.review.examples import (
    example_document,
    example_indicator,
    example_indicators,
    example_project,
)
from jixiao.review.finding import Finding
from jixiao.review.fixes import apply_fix
from jixiao.review.merge import flatten
from jixiao.review.rules._value_terms import document_with

RULES = all_rules()
PARAMS = {code: rule.example_params() for code, rule in RULES.items() if rule.example_params()}
STRICT_LABELS = {"STR-07": {"accept_legacy_labels": False}}
# A rule "offers a fix" when its module builds one.
FIXING = sorted(
    code for code, rule in RULES.items() if "Fix(" in inspect.getsource(inspect.getmodule(rule))
)


def _plan(*percents: str | None) -> Document:
    points = [
        SpendingPoint(month=month, percent=None if p is None else Decimal(p))
        for month, p in zip((3, 6, 10, 12), percents, strict=True)
    ]
    return example_document(example_project(spending_plan=points))


def _legacy_label(rows: tuple[int, ...]) -> Document:
    indicators = example_indicators()
    for row in rows:
        old = indicators[row]
        indicators[row] = example_indicator(
            "效果指标", old.level2, old.name, old.description, old.value_text, old.basis
        )
    return example_document(example_project(indicators=indicators))


CASES: dict[str, tuple[Document, dict[str, dict[str, object]]]] = {
    **{f"{code} 反例": (RULES[code].bad(), {}) for code in ("CAT-01", "VAL-08", "VAL-13")},
    "STR-03 只缺12月底": (_plan("25", "50", "80", None), {}),
    "STR-03 只缺12月底且进度偏后": (_plan("0", "10", "30", None), {}),
    "STR-07 一级指标旧名称": (_legacy_label((4,)), STRICT_LABELS),
    "STR-07 旧名称多行": (_legacy_label((4, 5)), STRICT_LABELS),
    **{
        f"VAL-08 {value!r}": (document_with(1, value), {})
        for value in ("≥98%以上", "≥９８％", "≥98\n%", "≥98百分比", "≥9898%以上")
    },
    "VAL-08 数量": (document_with(0, "≥7000件以上"), {}),
    **{
        f"VAL-13 {value}": (document_with(4, value, name="营商环境改善情况"), {})
        for value in ("1 符合规定", "2 优", "1 较好")
    },
}


def _config(params: dict[str, dict[str, object]]) -> ReviewConfig:
    return ReviewConfig(params={**PARAMS, **params})


def _fields(finding: Finding) -> set[tuple[int | None, str]]:
    """The fields a fix touches: the finding's own and every field its edits change."""
    assert finding.fix is not None
    fields = {(finding.project_seq, finding.field or "")}
    for edit in finding.fix.edits:
        inner = re.sub(r"^projects\[\d+\]\.", "", edit.path)
        inner = re.sub(r"^(spending_plan)\[\d+\]\..*$", r"\1", inner)
        fields.add((finding.project_seq, re.sub(r"\.value_text$", ".value", inner)))
    return fields


def _on(findings: list[Finding], fields: set[tuple[int | None, str]]) -> set[tuple[str, str]]:
    """Which rules report which of ``fields`` (a message quoting the new text is no new finding)."""
    return {(f.code, f.field or "") for f in findings if (f.project_seq, f.field or "") in fields}


def test_every_fixing_rule_is_exercised() -> None:
    offered = set()
    for doc, params in CASES.values():
        offered |= {f.code for f in flatten(review(doc, _config(params)).findings) if f.fix}
    assert FIXING == ["CAT-01", "STR-03", "STR-07", "VAL-08", "VAL-13"]
    assert offered == set(FIXING)


@pytest.mark.parametrize("case", list(CASES))
def test_a_fix_raises_no_other_finding_on_its_field(case: str) -> None:
    doc, params = CASES[case]
    config = _config(params)
    before = flatten(review(doc, config).findings)
    fixes = [f for f in before if f.fix is not None]
    assert fixes, f"{case}: no fix offered"
    for finding in fixes:
        fields = _fields(finding)
        after = flatten(review(apply_fix(doc, finding.fix), config).findings)  # type: ignore[arg-type]
        raised = _on(after, fields) - _on(before, fields)
        assert raised == set(), f"{finding.code}'s fix «{finding.fix.title}» raised {raised}"
        still = {f.code for f in after if (f.project_seq, f.field or "") in fields}
        assert finding.code not in still, f"{finding.code}'s fix did not settle its finding"


@pytest.mark.parametrize("doc", [RULES["STR-03"].bad(), _plan(None, "50", "80", None)])
def test_no_year_end_fix_while_the_plan_has_blanks(doc: Document) -> None:
    """Filling in 12月底 alone would leave the plan incomplete (and STR-04 reading blanks as 0%)."""
    plan = [f for f in flatten(review(doc, _config({})).findings) if f.code == "STR-03"]
    assert plan and all(f.fix is None for f in plan)


@pytest.mark.parametrize("value", ["1 有效改善", "1 逐年提高"])
def test_no_stray_number_fix_that_leaves_a_trend_word(value: str) -> None:
    """Removing the number would leave a value VAL-19 sends back: no fix is offered."""
    doc = document_with(4, value, name="营商环境改善情况")
    findings = flatten(review(doc, _config({})).findings)
    assert {f.code for f in findings} >= {"VAL-13"}
    assert all(f.fix is None for f in findings if f.code == "VAL-13")
