"""No suggestion teaches what another rule sends back.

Every finding's suggestion, on every rule's own bad example and on the four seeds, is taken at
its word: each value it quotes (“≥98%”, “2023年12月底前”) is written into the row the finding is
about, each goal it quotes becomes the project's goals, each basis it quotes becomes the row's
指标值确定依据; the document is reviewed again and no rule may report that field. Years quoted
are the document's own (or the year before), never a fixed one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

import pytest

from jixiao.model import Document, Indicator
from jixiao.reading import read_path
from jixiao.review import all_rules, review
from jixiao.review.config import ReviewConfig
from jixiao.review.finding import Finding
from jixiao.review.merge import flatten
from jixiao.values import parse_value
from tests.conftest import SEEDS

QUOTED = re.compile(r"“([^“”]+)”")
YEAR = re.compile(r"(\d{4})年")
# value rules may look at any row's value; the goal and basis rules at the project's text
GOAL_RULES = ("GOAL-01", "TXT-01", "STR-01", "REL-01", "GOAL-03")
BASIS_RULES = ("STR-09", "STR-12")


@cache
def _documents() -> list[tuple[str, Document]]:
    docs: list[tuple[str, Document]] = []
    for code, rule in all_rules().items():
        docs.append((f"{code} 反例", rule.bad()))
    for path in SEEDS.values():  # the four seeds, shipped as the package's examples
        docs.append((path.name, read_path(path)))
    assert len(docs) == len(all_rules()) + 4
    return docs


def _findings() -> Iterator[tuple[str, Document, Finding]]:
    for name, doc in _documents():
        for finding in flatten(review(doc).findings):
            if finding.suggestion:
                yield name, doc, finding


def _position(doc: Document, finding: Finding) -> int:
    return next(i for i, p in enumerate(doc.projects) if p.seq == finding.project_seq)


def _with_row(doc: Document, position: int, index: int, **update: object) -> Document:
    projects = list(doc.projects)
    rows = list(projects[position].indicators)
    rows[index] = rows[index].model_copy(update=update)
    projects[position] = projects[position].model_copy(update={"indicators": rows})
    return doc.model_copy(update={"projects": projects})


def _with_goals(doc: Document, position: int, goals: list[str]) -> Document:
    projects = list(doc.projects)
    projects[position] = projects[position].model_copy(update={"goals": goals})
    return doc.model_copy(update={"projects": projects})


def _is_value(text: str) -> bool:
    parsed = parse_value(text)
    return parsed.kind in ("quantitative", "date") and not parsed.anomalies


def _reported(doc: Document, position: int, field: str, codes: tuple[str, ...] = ()) -> list[str]:
    seq = doc.projects[position].seq
    config = ReviewConfig(select=list(codes)) if codes else ReviewConfig()
    return [
        f"{f.code}：{f.message}"
        for f in flatten(review(doc, config).findings)
        if f.project_seq == seq and f.field == field
    ]


def test_the_suggestions_are_checked_on_many_findings() -> None:
    counted = sum(1 for _ in _findings())
    assert counted > 300


def test_suggested_years_are_the_documents_own() -> None:
    wrong = []
    for name, doc, finding in _findings():
        for year in map(int, YEAR.findall(finding.suggestion)):
            if doc.fiscal_year is None or year not in (doc.fiscal_year, doc.fiscal_year - 1):
                wrong.append(
                    f"{name} {finding.code}（{doc.fiscal_year}年度）：{finding.suggestion}"
                )
    assert wrong == []


def test_a_suggested_value_written_into_its_row_is_not_reported() -> None:
    problems = []
    seen: set[tuple[str, str, int, int, str]] = set()
    for name, doc, finding in _findings():
        if finding.indicator_index is None or not (finding.field or "").endswith(".value"):
            continue
        position = _position(doc, finding)
        index = finding.indicator_index
        for quoted in QUOTED.findall(finding.suggestion):
            key = (name, finding.code, position, index, quoted)
            if key in seen or not _is_value(quoted):
                continue
            seen.add(key)
            changed = _with_row(doc, position, index, value_text=quoted, value=parse_value(quoted))
            reported = _reported(changed, position, f"indicators[{index}].value")
            if reported:
                problems.append(f"{name} {finding.code} 建议“{quoted}” → {reported}")
    assert problems == []
    assert len(seen) > 20


def test_a_suggested_goal_written_into_the_project_is_not_reported() -> None:
    problems = []
    checked = 0
    for name, doc, finding in _findings():
        if finding.field != "goals" or finding.project_seq is None:
            continue
        position = _position(doc, finding)
        for quoted in QUOTED.findall(finding.suggestion):
            if not YEAR.match(quoted):  # the examples built from the project start with its year
                continue
            checked += 1
            reported = _reported(
                _with_goals(doc, position, [quoted]), position, "goals", GOAL_RULES
            )
            if reported:
                problems.append(f"{name} {finding.code} 建议“{quoted}” → {reported}")
    assert problems == []
    assert checked > 0


def test_a_suggested_basis_written_into_its_row_is_not_reported() -> None:
    problems = []
    checked = 0
    for name, doc, finding in _findings():
        if finding.code not in BASIS_RULES or finding.project_seq is None:
            continue
        position = _position(doc, finding)
        index = finding.indicator_index if finding.indicator_index is not None else 0
        for quoted in QUOTED.findall(finding.suggestion):
            if "标准：" not in quoted:
                continue
            checked += 1
            changed = _with_row(doc, position, index, basis=quoted)
            reported = _reported(changed, position, f"indicators[{index}].basis", BASIS_RULES)
            if reported:
                problems.append(f"{name} {finding.code} 建议“{quoted}” → {reported}")
    assert problems == []
    assert checked > 0


@pytest.mark.parametrize(
    "value", ["有效改善", "逐年提高", "明显提升", "有效提升", "进一步提高", "稳步提升"]
)
def test_no_suggestion_quotes_a_vague_value(value: str) -> None:
    """Quoting the text at fault ("“有效改善”只是趋势用语") is naming it, not suggesting it."""
    quoting = [
        f"{name} {f.code}：{f.suggestion}"
        for name, _, f in _findings()
        if any(value in q and q not in (f.text or "") for q in QUOTED.findall(f.suggestion))
    ]
    assert quoting == []


def test_indicator_rows_are_what_the_rows_hold() -> None:
    """The helper above writes whole rows: a changed row keeps everything but what changed."""
    _, doc = _documents()[0]
    position = 0
    before: Indicator = doc.projects[position].indicators[0]
    changed = _with_row(doc, position, 0, basis="计划标准：依据工作计划确定")
    after = changed.projects[position].indicators[0]
    assert after.basis == "计划标准：依据工作计划确定"
    assert after.model_copy(update={"basis": before.basis}) == before
