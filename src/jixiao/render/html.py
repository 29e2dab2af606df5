"""The document in the official layout as one self-contained, printable HTML page.

The page follows the seeds: 第一部分 部门整体绩效目标 with its three sections, then 第二部分 with
one bordered 绩效目标表 per project (unit row, code/name, money, purpose, spending plan, goals,
indicators with merged 一级/二级 cells). It has inline CSS only (nothing is fetched), prints on
A4 with the indicator header repeated on every page, and is the input of the PDF renderer,
which is why some choices serve reading the PDF back (see ``docs/rendering.md``): spaces are
non-breaking so a wrap never eats one, merged cells keep their text at the top, and the header
block and the indicator table are two tables so each has a clean column grid.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import jinja2

from jixiao import __version__
from jixiao.model import Document, Indicator, Project

__all__ = ["ProjectView", "goal_items", "keep_spaces", "project_view", "render_html"]

_TEMPLATE = "document.html"
_NBSP = "\u00a0"


@dataclass(frozen=True)
class Span:
    """A merged 一级/二级 cell: its text and the number of indicator rows it covers."""

    text: str
    rows: int


@dataclass(frozen=True)
class IndicatorRow:
    level1: Span | None  # None: covered by the merged cell of a row above
    level2: Span | None
    name: str
    description: str
    value: str
    basis: str


@dataclass(frozen=True)
class ProjectView:
    heading: str | None
    unit: str
    money_unit: str
    code: str
    name: str
    total: str
    fiscal: str
    other: str
    purpose: list[str]
    plan: list[tuple[str, str]]  # (month label, percent); empty: no plan row in the source
    goals: list[str]
    indicators: list[IndicatorRow]


def render_html(doc: Document) -> str:
    """The whole document as an HTML page (UTF-8 text, inline CSS, no external resources)."""
    template = _environment().get_template(_TEMPLATE)
    return template.render(
        version=__version__,
        page_title=doc.title or "部门预算绩效信息",
        title=keep_spaces(doc.title or ""),
        sections=[
            ("（一）总体绩效目标", goal_items(doc.department.overall_goals)),
            ("（二）分项绩效目标", goal_items(doc.department.sub_goals)),
            ("（三）工作保障措施", goal_items(doc.department.safeguards)),
        ],
        projects=[project_view(p) for p in doc.projects],
    )


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("jixiao.render", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def keep_spaces(text: str) -> str:
    """Spaces become non-breaking: a line wrap at a space would lose it when read back."""
    return text.replace(" ", _NBSP)


def amount(value: Decimal | None) -> str:
    """The exact digits of an amount (``72.64``, ``10.00``), never an exponent; blank if None."""
    return "" if value is None else format(value, "f")


def _numbered(items: list[str]) -> list[str]:
    """``1、…`` for every item, or ``（1）…`` for all when an item starts with a digit
    (``1、2023年`` would not read back as a list marker followed by ``2023年``)."""
    digit = any(item[:1].isdigit() for item in items)
    return [(f"（{n}）" if digit else f"{n}、") + item for n, item in enumerate(items, start=1)]


def goal_items(items: list[str]) -> list[list[str]]:
    """Each item numbered; its further lines (hard breaks) become unnumbered paragraphs, which
    is how the front matter reader continues an item."""
    out: list[list[str]] = []
    firsts = _numbered([item.split("\n")[0] for item in items])
    for first, item in zip(firsts, items, strict=True):
        out.append([keep_spaces(line) for line in [first, *item.split("\n")[1:]]])
    return out


def project_view(project: Project) -> ProjectView:
    """What both renderers print of a project (the HTML page and the direct PDF writer)."""
    unit = "".join(part for part in (project.unit.code, project.unit.name) if part)
    return ProjectView(
        heading=keep_spaces(project.title) if project.title else None,
        unit=keep_spaces(unit),
        money_unit=project.money_unit,
        code=keep_spaces(project.code or ""),
        name=keep_spaces(project.name),
        total=amount(project.budget.total),
        fiscal=amount(project.budget.fiscal),
        other=amount(project.budget.other),
        purpose=[keep_spaces(line) for line in (project.purpose or "").split("\n")],
        plan=[(f"{p.month}月底", amount(p.percent)) for p in project.spending_plan],
        goals=[keep_spaces(goal) for goal in _numbered(project.goals)],
        indicators=_indicator_rows(project.indicators),
    )


def _runs(values: list[str], start: int, stop: int) -> list[tuple[int, int]]:
    """(first, length) of the runs of equal consecutive values in ``values[start:stop]``."""
    runs: list[tuple[int, int]] = []
    i = start
    while i < stop:
        j = i + 1
        while j < stop and values[j] == values[i]:
            j += 1
        runs.append((i, j - i))
        i = j
    return runs


def _indicator_rows(indicators: list[Indicator]) -> list[IndicatorRow]:
    """Consecutive equal 一级 labels are merged, and equal 二级 labels inside each 一级 group."""
    level1 = [i.level1 for i in indicators]
    level2 = [i.level2 for i in indicators]
    spans1: dict[int, Span] = {}
    spans2: dict[int, Span] = {}
    for first, length in _runs(level1, 0, len(indicators)):
        spans1[first] = Span(keep_spaces(level1[first]), length)
        for first2, length2 in _runs(level2, first, first + length):
            spans2[first2] = Span(keep_spaces(level2[first2]), length2)
    return [
        IndicatorRow(
            level1=spans1.get(n),
            level2=spans2.get(n),
            name=keep_spaces(ind.name),
            description=keep_spaces(ind.description or ""),
            value=keep_spaces(ind.value_text),
            basis=keep_spaces(ind.basis or ""),
        )
        for n, ind in enumerate(indicators)
    ]
