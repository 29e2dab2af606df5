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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from pdfplumber.page import Page
from pdfplumber.table import Table as PlumberTable

from jixiao.layout import Cell, Position, Table
from jixiao.readers.pdf_lines import Char, text_lines
from jixiao.textutil import join_wrapped

__all__ = [
    "PageTable",
    "Signature",
    "build_table",
    "find_tables",
    "merge_boundaries",
    "regrid",
    "same_edge",
    "signatures",
    "split_chars",
]

TABLE_SETTINGS: dict[str, Any] = {
    "vertical_strategy": "lines",
    "horizontal_strategy": "lines",
}
_EDGE_TOLERANCE = 1.5  # points: edges closer than this are the same grid line


Signature = tuple[tuple[int, int, str], ...]


@dataclass(slots=True)
class PageTable:
    """A table found on a page: its column boundaries (left edge to right edge, points) and
    row signatures, to recognise the same table continued, with its header, on the next page."""

    table: Table
    top: float
    columns: list[float]
    signatures: list[Signature]


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


def find_tables(page: Page) -> list[PlumberTable]:
    """Ruled tables on the page, top to bottom (invisible rectangles do not count as rules).

    A merged cell cut by a page break may be drawn without its bottom (or top) border, and
    pdfplumber then finds no cell there; such tables are closed with a rule along their edge.
    """
    ruled = page.filter(_visible)
    tables = ruled.find_tables(table_settings=TABLE_SETTINGS)
    if any(_open(t) for t in tables):
        rules = [
            {"object_type": "line", "x0": x0, "x1": x1, "top": y, "bottom": y, "width": x1 - x0}
            for x0, top, x1, bottom in (t.bbox for t in tables)
            for y in (top, bottom)
        ]
        settings = {**TABLE_SETTINGS, "explicit_horizontal_lines": rules}
        tables = ruled.find_tables(table_settings=settings)
    return sorted(tables, key=lambda t: (t.bbox[1], t.bbox[0]))


def _open(table: PlumberTable) -> bool:
    """True when the cells along the table's top or bottom edge do not cover its width."""
    x0, top, x1, bottom = table.bbox
    width = x1 - x0
    along_top = sum(c[2] - c[0] for c in table.cells if abs(c[1] - top) <= _EDGE_TOLERANCE)
    along_bottom = sum(c[2] - c[0] for c in table.cells if abs(c[3] - bottom) <= _EDGE_TOLERANCE)
    return min(along_top, along_bottom) < width - 2 * _EDGE_TOLERANCE


def _boundaries(values: Iterable[float]) -> list[float]:
    out: list[float] = []
    for value in sorted(values):
        if not out or value - out[-1] > _EDGE_TOLERANCE:
            out.append(value)
    return out


def _index(bounds: Sequence[float], value: float) -> int:
    """The boundary nearest to ``value``."""
    i = bisect.bisect_left(bounds, value)
    if i == len(bounds):
        return i - 1
    if i > 0 and value - bounds[i - 1] < bounds[i] - value:
        return i - 1
    return i


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


def build_table(found: PlumberTable, chars: list[Char], page: int, number: int) -> PageTable:
    """A layout table with spans from pdfplumber's cell rectangles; ``number`` is 1-based."""
    rects = [tuple(float(v) for v in cell) for cell in found.cells]
    xs = _boundaries([r[0] for r in rects])
    ys = _boundaries([r[1] for r in rects])
    right = max(r[2] for r in rects)
    bottom = max(r[3] for r in rects)
    col_bounds = [*xs, right]
    row_bounds = [*ys, bottom]
    placed: dict[tuple[int, int], int] = {}
    spans: list[tuple[int, int, int, int]] = []
    for n, (x0, top, x1, bot) in enumerate(rects):
        r0, c0 = _index(ys, top), _index(xs, x0)
        r1 = max(_index(row_bounds, bot), r0 + 1)
        c1 = max(_index(col_bounds, x1), c0 + 1)
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


def signatures(table: Table) -> list[Signature]:
    """Per row: (left, right, text) of the cells starting in it."""
    return [
        tuple(
            (round(cell.position.bbox[0]), round(cell.position.bbox[2]), cell.text)
            for cell in row
            if cell.position.bbox is not None
        )
        for row in table.rows()
    ]


def regrid(cells: list[Cell], columns: list[float], row_offset: int = 0) -> list[Cell]:
    """The cells placed on other column boundaries (by their boxes), rows shifted."""
    out: list[Cell] = []
    for cell in cells:
        bbox = cell.position.bbox
        col, colspan = cell.col, cell.colspan
        if bbox is not None:
            col = _index(columns, bbox[0])
            colspan = max(_index(columns, bbox[2]) - col, 1)
        out.append(
            Cell(cell.text, cell.row + row_offset, col, cell.rowspan, colspan, cell.position)
        )
    return out


def merge_boundaries(a: list[float], b: list[float]) -> list[float]:
    return _boundaries([*a, *b])


def same_edge(a: float, b: float) -> bool:
    return abs(a - b) <= _EDGE_TOLERANCE
