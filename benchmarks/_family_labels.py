"""Labelled documents in other provinces' templates: content, layout family, file form, labels.

The content is a ``tests.templates.content.FamilyContent``, written out by the template
fixtures' own layouts and builders (DOCX, XLSX, HTML …), never by jixiao's renderer, so the
review is measured on what a unit in that province would publish. Each row or project part
carries its label next to it, so a label can't drift from the defect it marks.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repository, for tests/

from review_quality_set import Label

from tests.templates.builders import write
from tests.templates.content import FamilyContent, IndicatorC, ProjectC
from tests.templates.layouts import blocks_of

__all__ = ["FamilyDocument", "LabelledRow", "document", "e_row", "project", "row"]

Place = tuple[int | None, str]
LabelledRow = tuple[IndicatorC, Label | None]


@dataclass(frozen=True)
class FamilyDocument:
    """A document in one template family and file form, with its labels by place."""

    name: str
    form: str  # a tests.templates builder form: docx, xlsx, html, …
    content: FamilyContent
    labels: dict[Place, Label]
    # parts the form does not print (code, spending_plan, purpose, description, basis,
    # department): a finding that one is missing is a false alarm of a rule that assumes the
    # Hebei layout, counted apart so the cost of that assumption shows
    absent: frozenset[str] = frozenset()

    @property
    def family(self) -> str:
        return self.content.family

    def build(self) -> tuple[bytes, str]:
        """The file's bytes and name, as the family's layout prints it in this form."""
        data, ext = write(blocks_of(self.content), self.form)
        return data, f"{self.name}.{ext}"


@dataclass(frozen=True)
class LabelledProject:
    project: ProjectC
    labels: dict[str, Label]


def row(
    level1: str, level2: str, name: str, value: str, label: Label | None = None, **more: str
) -> LabelledRow:
    """An indicator row printed with one value column (families B, F …)."""
    return IndicatorC(level1, level2, name, value, **more), label  # type: ignore[arg-type]


def e_row(
    level1: str,
    level2: str,
    name: str,
    split: tuple[str, str, str],
    weight: str,
    explain: str,
    label: Label | None = None,
    *,
    reverse: bool = False,
    core: bool = False,
) -> LabelledRow:
    """A family-E row: the value split over 指标性质 / 指标值 / 度量单位, as the system prints
    it; the model's value is the three joined (a qualitative value is its text alone)."""
    op, number, unit = split
    value = number if op == "定性" else f"{op}{number}{unit}"
    indicator = IndicatorC(
        level1,
        level2,
        name,
        value,
        description=explain,
        operator=op,
        number=number,
        unit=unit,
        weight=Decimal(weight),
        direction="reverse" if reverse else "positive",
        direction_printed="反向" if reverse else "正向",
        core=core,
    )
    return indicator, label


def project(base: ProjectC, rows: list[LabelledRow], **labels: Label) -> LabelledProject:
    """A project with its rows; keyword labels are its parts' defects (budget, goals,
    indicators for the set, purpose, spending_plan, basis, name)."""
    return LabelledProject(
        replace(base, indicators=tuple(i for i, _ in rows)),
        {
            **labels,
            **{f"row{n}": label for n, (_, label) in enumerate(rows) if label is not None},
        },
    )


def document(
    name: str,
    form: str,
    content: FamilyContent,
    projects: list[LabelledProject],
    absent: frozenset[str],
) -> FamilyDocument:
    labels: dict[Place, Label] = {}
    for seq, p in enumerate(projects, start=1):
        labels.update({(seq, place): label for place, label in p.labels.items()})
    full = replace(content, projects=tuple(p.project for p in projects))
    return FamilyDocument(name, form, full, labels, absent)
