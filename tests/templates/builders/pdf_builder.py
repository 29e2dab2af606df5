"""PDF fixtures with reportlab and its built-in CID font STSong-Light (no font file needed).

Every page carries its number at the foot (``— 1 —``). Tables are ruled grids with spans.
A grid's ``page_break`` cuts one row across a page as a word processor does: the first part of
the cell stays at the bottom of the page, the rest continues in the same column at the top of
the next page (after the repeated header row, if the grid asks for one); merged cells crossing
the break become two cells, the lower one empty.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from tests.templates.layouts import Block, Grid, Para, PlacedCell

__all__ = ["build"]

_FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(_FONT))
_BODY = ParagraphStyle("body", fontName=_FONT, fontSize=9, leading=12, wordWrap="CJK")
_HEAD = ParagraphStyle("head", parent=_BODY, fontSize=14, leading=20, alignment=1)
_PAGE = landscape(A4)


def build(blocks: list[Block], *, invariant: bool = False) -> bytes:
    """``invariant``: no time stamps or random document id, so the same blocks give the same
    bytes in every run (the hostile corpus rebuilds inputs from their labels)."""
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=_PAGE,
        invariant=invariant,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
    )
    story: list[Flowable] = []
    for block in blocks:
        if isinstance(block, Para):
            style = _HEAD if block.heading else _BODY
            if block.page_break is not None:
                head, tail = block.text[: block.page_break], block.text[block.page_break :]
                story += [
                    Paragraph(escape(head), style),
                    PageBreak(),
                    Paragraph(escape(tail), style),
                ]
                continue
            story.append(Paragraph(escape(block.text), style))
            continue
        story += _grid(block, doc.width)
        story.append(Spacer(1, 6 * mm))
    doc.build(story, onFirstPage=_page_number, onLaterPages=_page_number)
    return out.getvalue()


def _page_number(canvas: Canvas, doc: SimpleDocTemplate) -> None:
    """Page furniture as Chinese documents print it: ``— 1 —`` centred at the foot."""
    canvas.saveState()
    canvas.setFont(_FONT, 10)
    canvas.drawCentredString(_PAGE[0] / 2, 8 * mm, f"— {doc.page} —")
    canvas.restoreState()


def _grid(grid: Grid, width: float) -> list[Flowable]:
    weights = grid.widths or [1.0] * grid.width
    col_widths = [width * w / sum(weights) for w in weights]
    cells = grid.cells()
    if grid.page_break is None:
        return [_table(cells, len(grid.rows), grid.width, col_widths)]
    r, c, chars = grid.page_break
    first: list[PlacedCell] = []
    second: list[PlacedCell] = []
    shift = 1 if grid.repeat_header is not None else 0
    if grid.repeat_header is not None:
        second += [
            PlacedCell(x.text, 0, x.col, 1, x.colspan) for x in cells if x.row == grid.repeat_header
        ]
    for x in cells:
        last = x.row + x.rowspan - 1
        split = (x.row, x.col) == (r, c)
        if x.row <= r:
            text = x.text[:chars] if split else x.text
            first.append(PlacedCell(text, x.row, x.col, min(last, r) - x.row + 1, x.colspan))
        if x.row <= r <= last:
            tail = x.text[chars:] if split else ""
            second.append(PlacedCell(tail, shift, x.col, last - r + 1, x.colspan))
        elif x.row > r:
            second.append(PlacedCell(x.text, x.row - r + shift, x.col, x.rowspan, x.colspan))
    n_second = len(grid.rows) - r + shift
    return [
        _table(first, r + 1, grid.width, col_widths),
        PageBreak(),
        _table(second, n_second, grid.width, col_widths),
    ]


def _table(cells: list[PlacedCell], n_rows: int, n_cols: int, widths: list[float]) -> Table:
    data: list[list[object]] = [[""] * n_cols for _ in range(n_rows)]
    style: list[tuple[object, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("FONTNAME", (0, 0), (-1, -1), _FONT),
    ]
    for x in cells:
        data[x.row][x.col] = Paragraph(escape(x.text).replace("\n", "<br/>"), _BODY)
        if x.rowspan > 1 or x.colspan > 1:
            style.append(("SPAN", (x.col, x.row), (x.col + x.colspan - 1, x.row + x.rowspan - 1)))
    table = Table(data, colWidths=widths)
    table.setStyle(TableStyle(style))
    return table
