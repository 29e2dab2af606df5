"""A readable summary of documents: units, projects, budgets and indicator counts."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from rich.console import Console
from rich.table import Table
from rich.text import Text

from jixiao.model import Document, Project

__all__ = ["Totals", "document_totals", "format_amount", "render_summary"]

_CENT = Decimal("0.01")
_YUAN_PER_WAN = Decimal(10000)


def format_amount(value: Decimal | None) -> str:
    """``Decimal('72.6')`` → ``72.60``; thousands separated; missing → ``—``."""
    if value is None:
        return "—"
    return f"{value.quantize(_CENT):,}"


def _in_wan(value: Decimal, money_unit: str) -> Decimal:
    return value / _YUAN_PER_WAN if money_unit == "元" else value


@dataclass(frozen=True)
class Totals:
    """Exact sums for one or more documents; ``budget``/``fiscal`` are in ``money_unit``."""

    documents: int
    projects: int
    indicators: int
    money_unit: str
    budget: Decimal
    fiscal: Decimal


def _common_unit(projects: Iterable[Project]) -> str | None:
    """The money unit all projects share, ``None`` if they differ (or there are none)."""
    units = {p.money_unit for p in projects}
    return units.pop() if len(units) == 1 else None


def document_totals(docs: list[Document]) -> Totals:
    """Sums over all projects of ``docs``; amounts in the shared unit, else converted to 万元."""
    projects = [p for doc in docs for p in doc.projects]
    unit = _common_unit(projects) or "万元"

    def total(values: Iterable[tuple[Decimal | None, str]]) -> Decimal:
        amounts = [v if unit == u else _in_wan(v, u) for v, u in values if v is not None]
        return sum(amounts, Decimal(0))

    return Totals(
        documents=len(docs),
        projects=len(projects),
        indicators=sum(len(p.indicators) for p in projects),
        money_unit=unit,
        budget=total((p.budget.total, p.money_unit) for p in projects),
        fiscal=total((p.budget.fiscal, p.money_unit) for p in projects),
    )


def _title(doc: Document) -> str:
    parts = [doc.source.name]
    if doc.title:
        parts.append(doc.title)
    if doc.fiscal_year is not None:
        parts.append(f"{doc.fiscal_year} 年度")
    return "　".join(parts)


def _document_table(doc: Document) -> Table:
    unit = _common_unit(doc.projects)
    money_header = f"（{unit}）" if unit else ""
    table = Table(title=Text(_title(doc), style="bold"), title_justify="left")
    table.add_column("序号", justify="right", no_wrap=True)
    table.add_column("单位")
    table.add_column("项目编码", no_wrap=True)
    table.add_column("项目名称")
    table.add_column(f"预算数{money_header}", justify="right", no_wrap=True)
    table.add_column(f"财政资金{money_header}", justify="right", no_wrap=True)
    table.add_column("指标数", justify="right", no_wrap=True)

    def money(value: Decimal | None, project_unit: str) -> str:
        text = format_amount(value)
        return text if unit or value is None else f"{text} {project_unit}"

    for project in doc.projects:
        # Text cells: names from documents are never parsed as rich markup.
        cells = (
            str(project.seq),
            project.unit.name or project.unit.code or "—",
            project.code or "—",
            project.name or "—",
            money(project.budget.total, project.money_unit),
            money(project.budget.fiscal, project.money_unit),
            str(len(project.indicators)),
        )
        table.add_row(*(Text(cell) for cell in cells))
    totals = document_totals([doc])
    suffix = "" if unit else f" {totals.money_unit}"
    table.add_section()
    table.add_row(
        "合计",
        "",
        "",
        f"{totals.projects} 个项目",
        format_amount(totals.budget) + suffix,
        format_amount(totals.fiscal) + suffix,
        str(totals.indicators),
        style="bold",
    )
    return table


def render_summary(docs: list[Document], console: Console) -> None:
    """Print one table per document and, for several documents, a line of grand totals."""
    for doc in docs:
        console.print(_document_table(doc))
        console.print()
    if len(docs) > 1:
        totals = document_totals(docs)
        line = (
            f"总计：{totals.documents} 份文件，{totals.projects} 个项目，"
            f"预算数 {format_amount(totals.budget)} {totals.money_unit}"
            f"（其中财政资金 {format_amount(totals.fiscal)} {totals.money_unit}），"
            f"指标 {totals.indicators} 个"
        )
        console.print(Text(line, style="bold"))
