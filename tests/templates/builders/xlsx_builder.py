"""XLSX fixtures with openpyxl: tables with merged ranges, a blank row between blocks,
paragraphs as single cells in column A; each project table after the first on a sheet of its
own (a heading after a table opens a new sheet), as exports do; amounts and plain numbers
stored as numbers with a display format."""

from __future__ import annotations

import io
import re

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment

from tests.templates.layouts import Block, Para

__all__ = ["build"]

_DECIMAL = re.compile(r"^-?[0-9]{1,3}(?:,[0-9]{3})*\.[0-9]{2}$|^-?[0-9]+\.[0-9]{2}$")
_INTEGER = re.compile(r"^[0-9]{1,6}$")


def _as_number(target: Cell, text: str) -> None:
    """Amounts and plain numbers are stored as numbers with a display format, as the
    spreadsheets people fill in do (``1,250,000.00`` is 1250000 shown as #,##0.00)."""
    if _DECIMAL.match(text):
        target.value = float(text.replace(",", ""))
        target.number_format = "#,##0.00" if "," in text else "0.00"
    elif _INTEGER.match(text):
        target.value = int(text)


def build(blocks: list[Block]) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "绩效目标表"
    row = 1
    after_table = False
    for block in blocks:
        if isinstance(block, Para) and block.heading and after_table:
            ws = wb.create_sheet(f"项目{len(wb.worksheets) + 1}")
            row, after_table = 1, False
        if isinstance(block, Para):
            ws.cell(row=row, column=1, value=block.text)
            row += 1
            continue
        for cell in block.cells():
            target = ws.cell(row=row + cell.row, column=cell.col + 1, value=cell.text or None)
            _as_number(target, cell.text)
            if cell.text.startswith("="):
                target.data_type = "s"  # ``=12所`` is a value typed as text, not a formula
            target.alignment = Alignment(wrap_text=True, vertical="center")
            if cell.rowspan > 1 or cell.colspan > 1:
                ws.merge_cells(
                    start_row=row + cell.row,
                    start_column=cell.col + 1,
                    end_row=row + cell.row + cell.rowspan - 1,
                    end_column=cell.col + cell.colspan,
                )
        row += len(block.rows) + 1
        after_table = True
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
