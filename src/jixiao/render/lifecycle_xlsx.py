"""自评表 / 监控表 grids (``lifecycle_grid``) → an Excel workbook, one sheet per table.

Each sheet prints the title, the period line and ``单位：万元`` above the 10-column grid; a
cell spanning columns is a merged range; figures are numeric cells with the official format
(``0.00``, ``0.00"%"``) so the sheet computes and prints as the paper table does.
"""

from __future__ import annotations

import io
import re

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from jixiao.render.lifecycle_grid import COLUMNS, WIDTHS_MM, Grid

__all__ = ["render_grids_xlsx"]

_FONT = "宋体"
_THIN = Side(style="thin")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_FILL = PatternFill("solid", fgColor="F2F2F2")
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def render_grids_xlsx(grids: list[Grid]) -> bytes:
    book = Workbook()
    first = book.active
    assert first is not None
    taken: set[str] = set()
    for n, grid in enumerate(grids):
        sheet = first if n == 0 else book.create_sheet()
        sheet.title = _sheet_name(n + 1, grid.name, taken)
        _write(sheet, grid)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _sheet_name(n: int, name: str, taken: set[str]) -> str:
    base = _BAD_SHEET_CHARS.sub("", f"{n:02d} {name}").strip("' ")[:31]
    while base.lower() in taken:
        base = base[:28] + f"~{n}"
        n += 1
    taken.add(base.lower())
    return base


def _write(sheet: Worksheet, grid: Grid) -> None:
    for col, mm in enumerate(WIDTHS_MM, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = mm * 0.55
    last = get_column_letter(COLUMNS)
    heads = ((grid.title, 16, "center"), (grid.subtitle, 11, "center"))
    for row, (text, size, align) in enumerate(heads, start=1):
        head = sheet.cell(row=row, column=1, value=text)
        head.font = Font(name=_FONT, size=size, bold=row == 1)
        head.alignment = Alignment(horizontal=align)
        sheet.merge_cells(f"A{row}:{last}{row}")
    unit = sheet.cell(row=3, column=COLUMNS - 1, value=f"单位：{grid.money_unit}")
    unit.font = Font(name=_FONT, size=10)
    unit.alignment = Alignment(horizontal="right")
    sheet.merge_cells(start_row=3, start_column=COLUMNS - 1, end_row=3, end_column=COLUMNS)
    for r, cells in enumerate(grid.rows, start=4):
        col = 1
        for spec in cells:
            cell = sheet.cell(row=r, column=col)
            if spec.role == "figure" and spec.number is not None:
                cell.value = spec.number
                cell.number_format = spec.number_format
            elif spec.text:
                cell.value = ILLEGAL_CHARACTERS_RE.sub("", spec.text)
                cell.data_type = "s"
            label = spec.role == "label"
            cell.font = Font(name=_FONT, size=10, bold=label)
            if label:
                cell.fill = _FILL
            align = "left" if spec.role == "text" and len(spec.text) > 12 else "center"
            cell.alignment = Alignment(horizontal=align, vertical="center", wrap_text=True)
            for extra in range(col, col + spec.span):
                sheet.cell(row=r, column=extra).border = _BORDER
            if spec.span > 1:
                sheet.merge_cells(
                    start_row=r, start_column=col, end_row=r, end_column=col + spec.span - 1
                )
            col += spec.span
        if col != COLUMNS + 1:
            raise ValueError(f"row covers {col - 1} grid columns, not {COLUMNS}")
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.print_options.horizontalCentered = True
