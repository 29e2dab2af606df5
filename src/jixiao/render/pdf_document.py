"""The 绩效目标表 document laid out for the direct PDF writer: what ``document.html`` prints.

The same content as the HTML page (``render/html.py`` prepares it: numbered items, exact
amounts, non-breaking spaces, merged 一级/二级 labels), in the same order and geometry: the
title, 第一部分 with its three sections, 第二部分 with, per project, the heading kept with its
table, the header block (unit, 项目编码/项目名称, 预算数…, 资金用途, 资金支出计划 with its month
row, 绩效目标) and, 6pt below, the indicator table with its header row.
"""

from __future__ import annotations

from jixiao.model import Document
from jixiao.render.html import ProjectView, goal_items, keep_spaces, project_view
from jixiao.render.pdf_layout import BORDER, LINE_HEIGHT, Cell, Flow, Page, Row, Table
from jixiao.render.pdf_text import Measure

__all__ = ["lay_out"]

_HEADER_COLUMNS = [0.16] + [0.07] * 12
_INDICATOR_COLUMNS = [0.12, 0.13, 0.19, 0.22, 0.14, 0.20]
_INDICATOR_HEADS = ("一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据")
_NBSP = "\u00a0"


def lay_out(doc: Document, measure: Measure) -> list[Page]:
    """The document's pages (text and boxes, before any font subsetting)."""
    flow = Flow(measure)
    if doc.title:
        flow.block(keep_spaces(doc.title), 18, margins=(0, 14), bold=True, center=True)
    flow.block(f"第一部分{_NBSP}部门整体绩效目标", 14, margins=(16, 8), bold=True)
    sections = [
        ("（一）总体绩效目标", goal_items(doc.department.overall_goals)),
        ("（二）分项绩效目标", goal_items(doc.department.sub_goals)),
        ("（三）工作保障措施", goal_items(doc.department.safeguards)),
    ]
    body = 12 * LINE_HEIGHT
    for heading, items in sections:
        # kept with the first paragraph's first two lines (its orphans)
        first = min(2, flow.lines(items[0][0], 12)) * body if items else 0.0
        flow.block(heading, 12, margins=(10, 6), bold=True, keep_with=first)
        for lines in items:
            for line in lines:
                flow.block(line, 12, margins=(0, 7.2))
    tables = []
    for project in doc.projects:
        view = project_view(project)
        header, indicators = _header_table(view), _indicator_table(view)
        flow.prepare(header)
        flow.prepare(indicators)
        tables.append((view, header, indicators))
    # headings stay with what follows: the first project's heading and its first table row
    follow = 0.0
    if tables:
        view, header, _ = tables[0]
        follow = sum(row.height for row in header.units[0]) + BORDER
        if view.heading:
            follow += 18 + 12 * LINE_HEIGHT
    flow.block(f"第二部分{_NBSP}预算项目绩效目标", 14, margins=(16, 8), bold=True, keep_with=follow)
    for view, header, indicators in tables:
        if view.heading:
            first = sum(row.height for row in header.units[0]) + BORDER
            flow.block(view.heading, 12, margins=(18, 6), bold=True, keep_with=first)
        flow.table(header, 0)
        flow.table(indicators, 6)
    return flow.pages


def _header_table(p: ProjectView) -> Table:
    label, num = "center", "center"
    units = [
        [Row([Cell(p.unit, 0, 9), Cell(f"单位：{p.money_unit}", 9, 4, align="right")])],
        [
            Row(
                [
                    Cell("项目编码", 0, align=label),
                    Cell(p.code, 1, 5),
                    Cell("项目名称", 6, 2, align=label),
                    Cell(p.name, 8, 5),
                ]
            )
        ],
        [
            Row(
                [
                    Cell("预算规模及资金用途", 0, rows=2, align=label),
                    Cell("预算数", 1, 2, align=label),
                    Cell(p.total, 3, 2, align=num),
                    Cell("其中：财政资金", 5, 2, align=label),
                    Cell(p.fiscal, 7, 2, align=num),
                    Cell("其他资金", 9, 2, align=label),
                    Cell(p.other, 11, 2, align=num),
                ]
            ),
            Row([Cell("\n".join(p.purpose), 1, 12)]),
        ],
    ]
    if p.plan:
        span = 3 if len(p.plan) <= 4 else max(1, 12 // len(p.plan))
        months = [
            Cell(month, 1 + n * span, span, align=label) for n, (month, _) in enumerate(p.plan)
        ]
        values = [
            Cell(percent, 1 + n * span, span, align=num) for n, (_, percent) in enumerate(p.plan)
        ]
        units.append(
            [
                Row([Cell("资金支出计划（%）", 0, rows=2, align=label), *_fit(months)]),
                Row(_fit(values)),
            ]
        )
    units.append([Row([Cell("绩效目标", 0, align=label), Cell("\n".join(p.goals), 1, 12)])])
    return Table(columns=_HEADER_COLUMNS, units=units)


def _fit(cells: list[Cell]) -> list[Cell]:
    """Cells that fall outside the 13 columns are dropped (more than 12 plan points)."""
    return [cell for cell in cells if cell.col + cell.span <= 13]


def _indicator_table(p: ProjectView) -> Table:
    header = Row([Cell(text, n, align="center") for n, text in enumerate(_INDICATOR_HEADS)])
    units: list[list[Row]] = []
    for row in p.indicators:
        cells: list[Cell] = []
        if row.level1:
            cells.append(Cell(row.level1.text, 0, rows=row.level1.rows, align="center"))
        if row.level2:
            cells.append(Cell(row.level2.text, 1, rows=row.level2.rows, align="center"))
        cells += [
            Cell(row.name, 2),
            Cell(row.description, 3),
            Cell(row.value, 4, align="center"),
            Cell(row.basis, 5),
        ]
        units.append([Row(cells)])
    return Table(columns=_INDICATOR_COLUMNS, units=units, header=header)
