"""DOCX fixtures with python-docx: paragraphs and bordered tables with merged cells."""

from __future__ import annotations

import io

from docx import Document
from docx.shared import Pt

from tests.templates.layouts import Block, Grid, Para

__all__ = ["build"]


def build(blocks: list[Block]) -> bytes:
    doc = Document()
    doc.styles["Normal"].font.size = Pt(10)
    for block in blocks:
        if isinstance(block, Para):
            doc.add_paragraph(block.text)
            continue
        _table(doc, block)
        doc.add_paragraph("")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _table(doc: object, grid: Grid) -> None:
    table = doc.add_table(rows=len(grid.rows), cols=grid.width)  # type: ignore[attr-defined]
    table.style = "Table Grid"
    for cell in grid.cells():
        target = table.cell(cell.row, cell.col)
        if cell.rowspan > 1 or cell.colspan > 1:
            target = target.merge(
                table.cell(cell.row + cell.rowspan - 1, cell.col + cell.colspan - 1)
            )
        lines = cell.text.split("\n")
        target.paragraphs[0].text = lines[0]
        for line in lines[1:]:
            target.add_paragraph(line)
