"""Ruled tables on a PDF page → layout tables whose cells carry rowspan and colspan.

pdfplumber finds ruled tables from the drawn lines and gives each cell's rectangle, but in
``extract()`` a merged cell leaves ``None`` in the slots it covers. Spans are therefore rebuilt
here from the rectangles: the distinct left edges and top edges of the cells are the grid's
column and row boundaries, and a cell spans the boundaries its rectangle crosses. Cell text
comes from the characters whose centre lies in the cell, visual lines joined with
``join_wrapped``. White or invisible rectangles (page backgrounds) are ignored, or a whole
page would look like one table.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import Any

from jixiao.layout import Cell, Position, Table
from jixiao.readers.paged.lines import Char, text_lines
from jixiao.readers.paged.tables import (
    EDGE_TOLERANCE,
    PageTable,
    boundaries,
    nearest,
    signatures,
)
from jixiao.readers.pdf.table_finder import FoundTable, find_ruled_tables
from jixiao.textutil import join_wrapped

__all__ = ["build_table", "find_tables", "split_chars"]

Obj = dict[str, Any]


def _is_white(color: Any) -> bool:
    if color is None:
        return True
    if isinstance(color, (int, float)):
        return color >= 0.95
    values = list(color)
    if len(values) == 4:  # CMYK
        return all(v <= 0.05 for v in values)
    return all(isinstance(v, (int, float)) and v >= 0.95 for v in values)


def _visible(obj: dict[str, Any]) -> bool:
    if obj.get("object_type") != "rect":
        return True
    stroked = bool(obj.get("stroke")) and not _is_white(obj.get("stroking_color"))
    filled = bool(obj.get("fill")) and not _is_white(obj.get("non_stroking_color"))
    return stroked or filled


def find_tables(
    lines: Sequence[Obj], rects: Sequence[Obj], curves: Sequence[Obj]
) -> list[FoundTable]:
    """Ruled tables on the page, top to bottom (invisible rectangles do not count as rules).

    The drawn objects are pdfplumber's ``page.lines``, ``page.rects`` and ``page.curves`` or
    the same read by PDFium (``pdfium_paths``). A merged cell cut by a page break may be drawn
    without its bottom (or top) border, and no cell is found there; such tables are closed
    with a rule along their edge.
    """
    lines = [o for o in lines if _visible(o)]
    rects = [o for o in rects if _visible(o)]
    curves = [o for o in curves if _visible(o)]
    tables = find_ruled_tables(lines, rects, curves)
    if any(_open(t) for t in tables):
        rules = [
            {"object_type": "line", "x0": x0, "x1": x1, "top": y, "bottom": y, "width": x1 - x0}
            for x0, top, x1, bottom in (t.bbox for t in tables)
            for y in (top, bottom)
        ]
        tables = find_ruled_tables(lines, rects, curves, rules)
    return sorted(tables, key=lambda t: (t.bbox[1], t.bbox[0]))


def _open(table: FoundTable) -> bool:
    """True when the cells along the table's top or bottom edge do not cover its width."""
    x0, top, x1, bottom = table.bbox
    width = x1 - x0
    along_top = sum(c[2] - c[0] for c in table.cells if abs(c[1] - top) <= EDGE_TOLERANCE)
    along_bottom = sum(c[2] - c[0] for c in table.cells if abs(c[3] - bottom) <= EDGE_TOLERANCE)
    return min(along_top, along_bottom) < width - 2 * EDGE_TOLERANCE


def _inside(char: Char, bbox: tuple[float, float, float, float]) -> bool:
    x = (float(char["x0"]) + float(char["x1"])) / 2
    y = (float(char["top"]) + float(char["bottom"])) / 2
    return bbox[0] <= x <= bbox[2] and bbox[1] <= y <= bbox[3]


def split_chars(
    chars: list[Char], boxes: Sequence[tuple[float, float, float, float]]
) -> tuple[list[list[Char]], list[Char]]:
    """Chars per box (by centre) and the chars outside every box."""
    inside: list[list[Char]] = [[] for _ in boxes]
    outside: list[Char] = []
    for char in chars:
        for n, box in enumerate(boxes):
            if _inside(char, box):
                inside[n].append(char)
                break
        else:
            outside.append(char)
    return inside, outside


def build_table(found: FoundTable, chars: list[Char], page: int, number: int) -> PageTable:
    """A layout table with spans from pdfplumber's cell rectangles; ``number`` is 1-based."""
    rects = [tuple(float(v) for v in cell) for cell in found.cells]
    xs = boundaries([r[0] for r in rects])
    ys = boundaries([r[1] for r in rects])
    right = max(r[2] for r in rects)
    bottom = max(r[3] for r in rects)
    col_bounds = [*xs, right]
    row_bounds = [*ys, bottom]
    placed: dict[tuple[int, int], int] = {}
    spans: list[tuple[int, int, int, int]] = []
    for n, (x0, top, x1, bot) in enumerate(rects):
        r0, c0 = nearest(ys, top), nearest(xs, x0)
        r1 = max(nearest(row_bounds, bot), r0 + 1)
        c1 = max(nearest(col_bounds, x1), c0 + 1)
        spans.append((r0, c0, r1 - r0, c1 - c0))
        for r in range(r0, r1):
            for c in range(c0, c1):
                placed.setdefault((r, c), n)
    texts: list[list[Char]] = [[] for _ in rects]
    for char in chars:
        x = (char["x0"] + char["x1"]) / 2
        y = (char["top"] + char["bottom"]) / 2
        slot = (bisect.bisect_right(ys, y) - 1, bisect.bisect_right(xs, x) - 1)
        owner = placed.get(slot)
        if owner is not None:
            texts[owner].append(char)
    cells: list[Cell] = []
    for n, ((r, c, rowspan, colspan), rect) in enumerate(zip(spans, rects, strict=True)):
        bbox = (round(rect[0], 2), round(rect[1], 2), round(rect[2], 2), round(rect[3], 2))
        text = join_wrapped([line.text for line in text_lines(texts[n])])
        position = Position(page=page, table=number, row=r + 1, col=c + 1, bbox=bbox)
        cells.append(Cell(text, r, c, rowspan, colspan, position))
    cells.sort(key=lambda cell: (cell.row, cell.col))
    table_bbox = tuple(round(float(v), 2) for v in found.bbox)
    table = Table(
        cells=tuple(cells),
        position=Position(page=page, table=number, bbox=table_bbox),  # type: ignore[arg-type]
    )
    return PageTable(table, float(found.bbox[1]), col_bounds, signatures(table))
