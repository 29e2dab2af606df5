"""The document model → an Excel workbook laid out like the official 绩效目标表.

Sheets: 汇总 (one row per project), 部门整体绩效目标 (title and the three sections, one
paragraph per row) and one sheet per project. A project sheet is a 7-column grid: title,
unit row with 单位：万元, 项目编码/项目名称, the money row, the 资金用途 row, the two
资金支出计划 rows, 绩效目标, then the indicator table with its 一级/二级 cells merged
vertically. Amounts are stored as the exact decimals with a ``0.00`` format.

The layout is also what ``readers.xlsx`` reads back into the same model. Two label cells
that the official table merges vertically (预算规模及资金用途 over the 资金用途 row and
资金支出计划 over its values row) are written as two cells whose shared border is hidden:
the assembler reads those rows by cell position, which a vertical merge would shift.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.worksheet import Worksheet

from jixiao.model import Document, Indicator, Project
from jixiao.textutil import display_width

__all__ = ["render_xlsx"]

_WIDTHS = (14, 14, 22, 30, 16, 13, 13)  # A..G of a project sheet
_THIN = Side(style="thin")


def _wrap(horizontal: str | None = None) -> Alignment:
    return Alignment(horizontal=horizontal, vertical="center", wrap_text=True)


_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
_SUMMARY_HEADERS = (
    "序号",
    "单位编码",
    "单位名称",
    "项目编码",
    "项目名称",
    "预算数",
    "财政资金",
    "其他资金",
    "金额单位",
    "指标数",
)
_SUMMARY_WIDTHS = (6, 10, 36, 24, 36, 12, 12, 12, 10, 8)
_SECTIONS = (
    ("overall_goals", "（一）总体绩效目标"),
    ("sub_goals", "（二）分项绩效目标"),
    ("safeguards", "（三）工作保障措施"),
)
_POINT_HEIGHT = 15.0
_FONT = "宋体"  # the typeface of the official tables


def _styles() -> list[NamedStyle]:
    """Named styles: a cell then costs one lookup, not a hash of its border, font and fill."""
    fill = PatternFill("solid", fgColor="F2F2F2")
    plain, bold = Font(name=_FONT, size=11), Font(name=_FONT, size=11, bold=True)

    def border(top: bool = True, bottom: bool = True) -> Border:
        return Border(
            left=_THIN, right=_THIN, top=_THIN if top else None, bottom=_THIN if bottom else None
        )

    def label(name: str, edges: Border) -> NamedStyle:
        center = _wrap("center")
        return NamedStyle(name, font=bold, fill=fill, border=edges, alignment=center)

    return [
        NamedStyle("jx_cell", font=plain, border=border(), alignment=_wrap()),
        label("jx_label", border()),
        label("jx_label_top", border(bottom=False)),  # over a cell the official table merges
        label("jx_label_bottom", border(top=False)),
        NamedStyle("jx_plain", font=plain, alignment=_wrap()),
        NamedStyle(
            "jx_right", font=plain, alignment=Alignment(horizontal="right", vertical="center")
        ),
        NamedStyle(
            "jx_title",
            font=Font(name=_FONT, bold=True, size=14),
            alignment=_wrap("center"),
        ),
        NamedStyle("jx_heading", font=bold, alignment=_wrap()),
    ]


def render_xlsx(doc: Document) -> bytes:
    """The workbook as .xlsx bytes."""
    book = Workbook()
    for style in _styles():
        book.add_named_style(style)
    summary = book.active
    assert summary is not None
    summary.title = "汇总"
    _summary_sheet(summary, doc)
    _department_sheet(book.create_sheet("部门整体绩效目标"), doc)
    names = {"汇总", "部门整体绩效目标"}
    for project in doc.projects:
        sheet = book.create_sheet(_sheet_name(project, names))
        _ProjectSheet(sheet).write(project)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _text(value: str | None) -> str | None:
    """Text as a string cell: illegal XML characters removed, never read as a formula."""
    if not value:
        return None
    return ILLEGAL_CHARACTERS_RE.sub("", value)


def _put(sheet: Worksheet, row: int, col: int, value: Any, style: str) -> None:
    cell = sheet.cell(row=row, column=col)
    if isinstance(value, str):
        cell.value = _text(value)
        cell.data_type = "s"  # "=…" or "100" stay text
    elif value is not None:
        cell.value = value
    cell.style = style


def _number_format(value: Decimal, minimum: int) -> str:
    exponent = value.as_tuple().exponent
    decimals = max(minimum, -exponent if isinstance(exponent, int) and exponent < 0 else 0)
    return "0." + "0" * decimals if decimals else "0"


def _sheet_name(project: Project, taken: set[str]) -> str:
    base = _BAD_SHEET_CHARS.sub("", f"{project.seq:02d} {project.name}").strip("' ")[:31]
    name, n = base, 2
    while name.lower() in {t.lower() for t in taken}:
        suffix = f"~{n}"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name)
    return name


def _summary_sheet(sheet: Worksheet, doc: Document) -> None:
    for c, header in enumerate(_SUMMARY_HEADERS, start=1):
        _put(sheet, 1, c, header, "jx_label")
    for r, p in enumerate(doc.projects, start=2):
        values: list[Any] = [
            p.seq,
            p.unit.code,
            p.unit.name,
            p.code,
            p.name,
            p.budget.total,
            p.budget.fiscal,
            p.budget.other,
            p.money_unit,
            len(p.indicators),
        ]
        for c, value in enumerate(values, start=1):
            _put(sheet, r, c, value, "jx_cell")
            if isinstance(value, Decimal):
                sheet.cell(row=r, column=c).number_format = _number_format(value, 2)
            elif isinstance(value, str):
                _fit_height(sheet, r, value, _SUMMARY_WIDTHS[c - 1])
    for c, width in enumerate(_SUMMARY_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = width
    sheet.freeze_panes = "A2"
    _landscape(sheet)


def _landscape(sheet: Worksheet) -> None:
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True  # type: ignore[union-attr]


def _numbered(items: list[str]) -> list[str]:
    """``1、item`` …; ``（1）item`` when an item starts with a digit (``1、2020年`` would not
    read back as a numbered item: ``1、2`` looks like part of a number)."""
    digit = any(item[:1].isdigit() for item in items)
    return [f"（{n}）{item}" if digit else f"{n}、{item}" for n, item in enumerate(items, 1)]


def _department_lines(doc: Document) -> Iterator[tuple[str, bool]]:
    """(paragraph, is a heading) in reading order; an item's further lines are own rows."""
    if doc.title:
        yield doc.title, True
    yield "第一部分 部门整体绩效目标", True
    for field, heading in _SECTIONS:
        yield heading, True
        items: list[str] = getattr(doc.department, field)
        for item in _numbered(items):
            first, *rest = item.split("\n")
            yield first, False
            for line in rest:
                yield line, False


def _department_sheet(sheet: Worksheet, doc: Document) -> None:
    sheet.column_dimensions["A"].width = 100
    _landscape(sheet)
    for r, (text, heading) in enumerate(_department_lines(doc), start=1):
        _put(sheet, r, 1, text, "jx_heading" if heading else "jx_plain")
        _fit_height(sheet, r, text, 100)


def _fit_height(sheet: Worksheet, row: int, text: str | None, width: float) -> None:
    """Row height for wrapped text (Excel does not grow rows of generated files by itself)."""
    if not text:
        return
    lines = sum(
        max(1, math.ceil(display_width(line) * 2 / max(width, 1))) for line in text.split("\n")
    )
    current = sheet.row_dimensions[row].height or _POINT_HEIGHT
    if lines > 1:
        sheet.row_dimensions[row].height = max(current, lines * _POINT_HEIGHT)


class _ProjectSheet:
    """Writes one 绩效目标表 row by row."""

    def __init__(self, sheet: Worksheet) -> None:
        self.sheet = sheet
        self.row = 0
        for c, width in enumerate(_WIDTHS, start=1):
            sheet.column_dimensions[get_column_letter(c)].width = width
        _landscape(sheet)

    def cell(
        self,
        col: int,
        value: Any,
        *,
        to: int | None = None,
        style: str = "jx_cell",
        number: str | None = None,
    ) -> None:
        """Write ``value`` at ``col`` of the current row, merged through column ``to``."""
        r, last = self.row, to or col
        for c in range(col, last + 1):
            _put(self.sheet, r, c, value if c == col else None, style)
        if number is not None:
            self.sheet.cell(row=r, column=col).number_format = number
        if last > col:
            self.merge(r, col, r, last)
        if isinstance(value, str):
            width = sum(_WIDTHS[c - 1] for c in range(col, last + 1))
            _fit_height(self.sheet, r, value, width)

    def merge(self, top: int, left: int, bottom: int, right: int) -> None:
        """Record a merged range. (``Worksheet.merge_cells`` also rewrites the borders of the
        covered cells, which costs most of the rendering time; ours already have them.)"""
        cells = CellRange(min_col=left, min_row=top, max_col=right, max_row=bottom)
        self.sheet.merged_cells.add(cells)

    def amount(self, col: int, value: Decimal | None, *, to: int | None = None) -> None:
        number = _number_format(value, 2) if value is not None else None
        self.cell(col, value, to=to, number=number)

    def write(self, p: Project) -> None:
        if p.title:
            self.row += 1
            self.cell(1, p.title, to=7, style="jx_title")
            self.sheet.row_dimensions[self.row].height = 2 * _POINT_HEIGHT
        self.row += 1
        owner = "".join(x for x in (p.unit.code, p.unit.name) if x)
        self.cell(1, owner, to=5, style="jx_plain")
        self.cell(6, f"单位：{p.money_unit}", to=7, style="jx_right")
        self.row += 1
        self.cell(1, "项目编码", style="jx_label")
        self.cell(2, p.code, to=3)
        self.cell(4, "项目名称", style="jx_label")
        self.cell(5, p.name, to=7)
        self._money(p)
        if p.spending_plan:
            self._plan(p)
        self.row += 1
        goals = "\n".join(_numbered(p.goals))
        self.cell(1, "绩效目标", style="jx_label")
        self.cell(2, goals, to=7)
        self._indicators(p.indicators)

    def _money(self, p: Project) -> None:
        self.row += 1
        self.cell(1, "预算规模及资金用途", style="jx_label_top")
        self.cell(2, "预算数", style="jx_label")
        self.amount(3, p.budget.total)
        self.cell(4, "其中：财政资金", style="jx_label")
        self.amount(5, p.budget.fiscal)
        self.cell(6, "其他资金", style="jx_label")
        self.amount(7, p.budget.other)
        self.row += 1
        self.cell(1, None, style="jx_label_bottom")
        self.cell(2, p.purpose, to=7)

    def _plan(self, p: Project) -> None:
        percents: dict[int, Decimal | None] = {pt.month: pt.percent for pt in p.spending_plan}
        spans = ((2, 2), (3, 3), (4, 5), (6, 7))
        self.row += 1
        self.cell(1, "资金支出计划（%）", style="jx_label_top")
        for (col, to), month in zip(spans, (3, 6, 10, 12), strict=True):
            self.cell(col, f"{month}月底", to=to, style="jx_label")
        self.row += 1
        self.cell(1, None, style="jx_label_bottom")
        for (col, to), month in zip(spans, (3, 6, 10, 12), strict=True):
            value = percents.get(month)
            self.cell(
                col, value, to=to, number=_number_format(value, 0) if value is not None else None
            )

    def _indicators(self, indicators: list[Indicator]) -> None:
        self.row += 1
        headers = ("一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值")
        for col, header in enumerate(headers, start=1):
            self.cell(col, header, style="jx_label")
        self.cell(6, "指标值确定依据", to=7, style="jx_label")
        first = self.row + 1
        for ind in indicators:
            self.row += 1
            self.cell(1, ind.level1)
            self.cell(2, ind.level2)
            self.cell(3, ind.name)
            self.cell(4, ind.description)
            self.cell(5, ind.value_text)
            self.cell(6, ind.basis, to=7)
        self._merge_levels(indicators, first)

    def _merge_levels(self, indicators: list[Indicator], first: int) -> None:
        """Merge runs of equal 一级 labels, and of equal 二级 labels within them.

        A row with an empty 二级 label is never merged into the run above it: a merged 一级
        cell would make the assembler inherit the 二级 label from the row above as well.
        """
        for col, key in ((1, lambda i: (i.level1,)), (2, lambda i: (i.level1, i.level2))):
            start = 0
            for n in range(1, len(indicators) + 1):
                ends = (
                    n == len(indicators)
                    or key(indicators[n]) != key(indicators[start])
                    or not indicators[n].level2
                    or not indicators[n].level1
                )
                if ends:
                    if n - start > 1 and indicators[start].level1:
                        self.merge(first + start, col, first + n - 1, col)
                    start = n
