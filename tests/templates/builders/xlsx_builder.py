"""XLSX fixtures with openpyxl: tables with merged ranges, a blank row between blocks,
paragraphs as single cells in column A; each project table after the first on a sheet of its
own (a heading after a table opens a new sheet), as exports do."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment

from tests.templates.layouts import Block, Para

__all__ = ["build"]


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
