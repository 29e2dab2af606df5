"""XLSX fixtures with openpyxl: everything on one sheet, tables with merged ranges, a blank
row between blocks, paragraphs as single cells in column A."""

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
    for block in blocks:
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
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
