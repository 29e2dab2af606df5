"""The parsed model against the content put into a fixture, field by field.

Every field the content states is one check; a difference reads
``P1.I3.value_text: expected '≥95%', got '95%'``. Value meaning is checked with a small
parser of its own (operator and number at the start of the printed value), not with
jixiao's grammar, so a grammar mistake shows here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from jixiao.model import Document, Indicator, Project, categorize
from tests.templates.content import CONTENTS, FamilyContent, IndicatorC, ProjectC

__all__ = ["Comparison", "compare", "compare_content"]

_SIMPLE_VALUE = re.compile(r"^([≥≤=<>])?([0-9][0-9,]*(?:\.[0-9]+)?)([^0-9]*)$")
_OPS = {"≥": ">=", "≤": "<=", "=": "=", "<": "<", ">": ">", None: "="}


_AMOUNT = re.compile(r"^-?[0-9][0-9,]*\.[0-9]+$")


def _figure(text: str) -> str:
    """An amount kept as text, without thousands separators: a spreadsheet stores the number
    and its reader prints it plainly (1,250,000.00 → 1250000.00)."""
    return text.replace(",", "") if _AMOUNT.match(text) else text


@dataclass
class Comparison:
    checked: int = 0
    differences: list[str] = field(default_factory=list)

    @property
    def passed(self) -> int:
        return self.checked - len(self.differences)

    def check(self, path: str, expected: Any, got: Any) -> None:
        self.checked += 1
        if expected != got:
            self.differences.append(f"{path}: expected {expected!r}, got {got!r}")

    def report(self) -> str:
        return "\n".join(self.differences)


def compare(family: str, doc: Document) -> Comparison:
    return compare_content(CONTENTS[family], doc)


def compare_content(content: FamilyContent, doc: Document) -> Comparison:
    """The model against any content laid out in its family (the review-quality set's too)."""
    out = Comparison()
    out.check("fiscal_year", content.year, doc.fiscal_year)
    out.check("projects", len(content.projects), len(doc.projects))
    if content.warnings:
        out.check("warnings", list(content.warnings), [w.code for w in doc.warnings])
    else:
        out.check("warnings", [], [f"{w.code}: {w.message}" for w in doc.warnings])
    for n, expected in enumerate(content.projects, 1):
        got = doc.projects[n - 1] if n <= len(doc.projects) else None
        _project(out, f"P{n}", expected, got, content)
    if content.department is not None:
        _department(out, content, doc)
    return out


def _project(
    out: Comparison, path: str, p: ProjectC, got: Project | None, content: FamilyContent
) -> None:
    if got is None:
        out.check(f"{path}.name", p.name, None)
        return
    out.check(f"{path}.name", p.name, got.name)
    out.check(f"{path}.code", p.code, got.code)
    out.check(f"{path}.unit.name", p.unit_name, got.unit.name)
    out.check(f"{path}.unit.code", p.unit_code, got.unit.code)
    out.check(f"{path}.money_unit", content.money_unit, got.money_unit)
    for slot in ("total", "fiscal", "other"):
        out.check(f"{path}.budget.{slot}", getattr(p, slot), getattr(got.budget, slot))
    if p.mid_total is not None:
        mid = got.mid_term_budget
        for slot in ("total", "fiscal", "other"):
            out.check(
                f"{path}.mid_term_budget.{slot}",
                getattr(p, f"mid_{slot}"),
                None if mid is None else getattr(mid, slot),
            )
    out.check(f"{path}.goals", list(p.goals), got.goals)
    if p.mid_goals:
        out.check(f"{path}.mid_term_goals", list(p.mid_goals), got.mid_term_goals)
    if p.purpose is not None:
        out.check(f"{path}.purpose", p.purpose, got.purpose)
    if p.plan is not None:
        plan = {s.month: s.percent for s in got.spending_plan}
        for month, percent in zip((3, 6, 10, 12), p.plan, strict=True):
            out.check(f"{path}.spending_plan.{month}", percent, plan.get(month))
    extras = {(e.label, _figure(e.text)) for e in got.extra}
    for label, text in p.extra:
        found = (label, _figure(text)) in extras
        out.check(f"{path}.extra[{label}]", text, text if found else extras)
    # every cell the fixture prints is a field or a labelled extra: nothing read as loose text
    out.check(f"{path}.extra[unlabelled]", [], [e.text for e in got.extra if not e.label])
    for n, (item, basis) in enumerate(p.costs, 1):
        out.check(f"{path}.extra[成本构成 {n}]", True, ("成本构成", item) in extras)
        out.check(f"{path}.extra[测算依据 {n}]", True, ("测算依据", basis) in extras)
    _indicators(out, path, p.indicators, got.indicators)


def _indicators(
    out: Comparison, path: str, expected: tuple[IndicatorC, ...], got: list[Indicator]
) -> None:
    out.check(f"{path}.indicators", len(expected), len(got))
    for n, want in enumerate(expected, 1):
        here = f"{path}.I{n}"
        if n > len(got):
            out.check(f"{here}.name", want.name, None)
            continue
        have = got[n - 1]
        out.check(f"{here}.level1", want.level1, have.level1)
        out.check(f"{here}.level2", want.level2, have.level2)
        out.check(f"{here}.name", want.name, have.name)
        out.check(f"{here}.value_text", want.value, have.value_text)
        simple = _SIMPLE_VALUE.match(want.value)
        if simple is not None and not want.value.endswith("前"):
            op, number, unit = simple.groups()
            out.check(f"{here}.value.op", _OPS[op], have.value.op)
            out.check(f"{here}.value.number", Decimal(number.replace(",", "")), have.value.number)
            out.check(f"{here}.value.unit", unit or None, have.value.unit)
        out.check(f"{here}.description", want.description, have.description)
        out.check(f"{here}.basis", want.basis, have.basis)
        out.check(f"{here}.weight", want.weight, have.weight)
        out.check(f"{here}.direction", want.direction, have.direction)
        out.check(f"{here}.core", want.core, have.core)
        if want.operator is not None:
            parts = have.value_parts
            printed = (want.operator, want.number, want.unit or None)
            out.check(
                f"{here}.value_parts",
                printed,
                None if parts is None else (parts.operator, parts.value, parts.unit),
            )
        if want.mid_value is not None:
            mid = have.mid_term
            out.check(f"{here}.mid_term.value_text", want.mid_value, mid and mid.value_text)
            if want.mid_name is not None:
                out.check(f"{here}.mid_term.name", want.mid_name, mid and mid.name)
        if want.canonical_level2 is not None:
            usual = categorize(want.level1, want.canonical_level2)
            out.check(f"{here}.category", usual, have.category)
        if want.extra:
            got_extra = [(e.label, e.text) for e in have.extra]
            out.check(f"{here}.extra", list(want.extra), got_extra)
        if want.scoring is not None:
            out.check(f"{here}.scoring", want.scoring, have.scoring)


def _department(out: Comparison, content: FamilyContent, doc: Document) -> None:
    d = content.department
    assert d is not None
    got = doc.department
    out.check("D.unit.name", d.unit_name, got.unit and got.unit.name)
    out.check("D.unit.code", d.unit_code, got.unit and got.unit.code)
    out.check("D.functions", d.functions, got.functions)
    out.check("D.tasks", len(d.tasks), len(got.tasks))
    for n, (want, have) in enumerate(zip(d.tasks, got.tasks, strict=False), 1):
        out.check(f"D.T{n}.name", want.name, have.name)
        out.check(f"D.T{n}.content", want.content, have.content)
        budget = (have.budget.total, have.budget.fiscal, have.budget.other)
        out.check(f"D.T{n}.budget", (want.total, want.fiscal, want.other), budget)
    budget = None if got.budget is None else (got.budget.total, got.budget.fiscal, got.budget.other)
    out.check("D.budget", (d.total, d.fiscal, d.other), budget)
    out.check("D.money_unit", content.money_unit, got.money_unit)
    out.check("D.overall_goals", list(d.goals), got.overall_goals)
    extras = {(e.label, e.text) for e in got.extra}
    for label, text in d.extra:
        out.check(f"D.extra[{label}]", True, (label, text) in extras)
    _indicators(out, "D", d.indicators, got.indicators)
