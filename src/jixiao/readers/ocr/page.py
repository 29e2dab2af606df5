"""OCR text boxes and ruled grids of one page → the PDF reader's tables and paragraphs.

The result is what the text-layer PDF reader makes of a page (``PageTable`` and
``PageParagraph`` in reading order), so a scanned page goes through the same page-break
stitching and the same assembler. OCR boxes are padded unevenly (a short line gets a taller
box), so every box is first shrunk to the ink inside it: line heights, gaps and right edges
then mean what they mean in a text layer. Each box goes to the grid cell holding its centre;
a box that runs over a drawn rule (OCR joined the text of two neighbouring cells) is first
cut at the rule. A cell's boxes are grouped into visual lines and joined with
``join_wrapped``; boxes outside every table become lines for the paragraph builder of
``paged.lines``. Coordinates are converted from pixels to PDF points."""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from jixiao.layout import Cell, Position, Table
from jixiao.readers.ocr.engine import TextBox
from jixiao.readers.ocr.grid import Grid
from jixiao.readers.ocr.text import normalize_ocr
from jixiao.readers.paged.lines import (
    Line,
    LineGaps,
    PageParagraph,
    drop_page_furniture,
    page_items,
)
from jixiao.readers.paged.tables import PageTable, signatures
from jixiao.textutil import is_cjk, join_wrapped

__all__ = ["ColumnMemory", "page_blocks", "split_at_rules", "tighten", "visual_lines"]

Mask = npt.NDArray[np.bool_]

_SNAP_POINTS = 1.2  # column boundaries this close to one seen before are that boundary
_LATIN_INK = 0.75  # ink height of digits and Latin letters, in ems (CJK ≈ 1)


@dataclass
class ColumnMemory:
    """Column boundaries seen on earlier pages. A table continued on the next page is found
    by equal column edges, and a scan (or one pixel of rounding) moves them a little."""

    seen: list[float] = field(default_factory=list)

    def snap(self, values: Sequence[float]) -> list[float]:
        out = []
        for value in values:
            near = [s for s in self.seen if abs(s - value) <= _SNAP_POINTS]
            if near:
                out.append(min(near, key=lambda s: abs(s - value)))
            else:
                self.seen.append(value)
                out.append(value)
        return out


def tighten(box: TextBox, dark: Mask) -> TextBox:
    """The box shrunk to the dark pixels inside it (unchanged if it holds none)."""
    height, width = dark.shape
    x0, x1 = max(int(box.x0), 0), min(int(np.ceil(box.x1)), width)
    y0, y1 = max(int(box.top), 0), min(int(np.ceil(box.bottom)), height)
    if x1 <= x0 or y1 <= y0:
        return box
    region = dark[y0:y1, x0:x1]
    # A table rule crossing the box is dark along its whole width (or height): not ink.
    rows = np.flatnonzero(region.any(axis=1) & ~region.all(axis=1))
    cols = np.flatnonzero(region.any(axis=0) & ~region.all(axis=0))
    if not len(rows) or not len(cols):
        return box
    return TextBox(
        box.text,
        float(x0 + cols[0]),
        float(y0 + rows[0]),
        float(x0 + cols[-1] + 1),
        float(y0 + rows[-1] + 1),
        box.score,
    )


def _char_width(ch: str) -> float:
    if ch.isspace():
        return 0.3
    return 1.0 if is_cjk(ch) else 0.55


def split_at_rules(box: TextBox, grid: Grid, dark: Mask) -> list[TextBox]:
    """``box`` cut where it runs over a vertical rule of ``grid`` between two cells. The
    characters are shared out so that each side gets the share of the printed width that
    its ink spans (the ink stops short of the rule, by the cell padding)."""
    y = box.centre[1]
    margin = 0.3 * (box.bottom - box.top)
    cuts = [
        x
        for x in grid.xs[1:-1]
        if box.x0 + margin < x < box.x1 - margin
        and grid.cell_at(x - 1, y) != grid.cell_at(x + 1, y)
    ]
    if not cuts or not box.text.strip():
        return [box]
    band = dark[max(int(box.top), 0) : int(np.ceil(box.bottom))]
    ink = np.asarray(band.any(axis=0) & ~band.all(axis=0), dtype=bool)  # rules: dark all over
    bounds = [box.x0, *cuts, box.x1]
    spans = []
    for left, right in itertools.pairwise(bounds):
        cols = np.flatnonzero(ink[int(left) : int(np.ceil(right))])
        spans.append(float(cols[-1] - cols[0] + 1) if len(cols) else 0.0)
    if not sum(spans):
        return [box]
    widths = list(itertools.accumulate(_char_width(ch) for ch in box.text))
    pieces, start = [], 0
    for n, (left, right) in enumerate(itertools.pairwise(bounds)):
        if n == len(spans) - 1:
            end = len(box.text)
        else:
            target = widths[-1] * sum(spans[: n + 1]) / sum(spans)
            end = min(range(start, len(box.text) + 1), key=lambda k: abs(_upto(widths, k) - target))
        text = box.text[start:end].strip()
        if text:
            pieces.append(TextBox(text, left, box.top, right, box.bottom, box.score))
        start = end
    return pieces or [box]


def _upto(cumulative: list[float], k: int) -> float:
    return cumulative[k - 1] if k else 0.0


def visual_lines(boxes: list[TextBox]) -> list[list[TextBox]]:
    """Boxes grouped by line (vertical centres within half a line height), top to bottom,
    each line left to right."""
    groups: list[tuple[float, float, list[TextBox]]] = []
    for box in sorted(boxes, key=lambda b: (b.top, b.x0)):
        if groups:
            top, bottom, members = groups[-1]
            half = min(bottom - top, box.bottom - box.top) / 2
            if abs(box.centre[1] - (top + bottom) / 2) <= max(half, 1.0):
                members.append(box)
                groups[-1] = (min(top, box.top), max(bottom, box.bottom), members)
                continue
        groups.append((box.top, box.bottom, [box]))
    return [sorted(members, key=lambda b: b.x0) for _, _, members in groups]


def _line_text(line: list[TextBox]) -> str:
    return " ".join(normalize_ocr(box.text.strip()) for box in line)


def _em(line: list[TextBox]) -> float:
    """The font size of a line from its ink height: CJK glyphs fill about one em."""
    heights = [b.bottom - b.top for b in line]
    height = statistics.median(heights)
    if any(is_cjk(ch) for b in line for ch in b.text):
        return height
    return height / _LATIN_INK


def _to_line(line: list[TextBox], scale: float) -> Line:
    return Line(
        text=_line_text(line),
        x0=min(b.x0 for b in line) * scale,
        x1=max(b.x1 for b in line) * scale,
        top=min(b.top for b in line) * scale,
        bottom=max(b.bottom for b in line) * scale,
        size=_em(line) * scale,
    )


def _table(
    grid: Grid,
    cell_boxes: list[list[TextBox]],
    page: int,
    number: int,
    scale: float,
    columns: ColumnMemory,
) -> PageTable:
    xs = columns.snap([round(x * scale, 2) for x in grid.xs])
    ys = [round(y * scale, 2) for y in grid.ys]
    cells = []
    for spec, boxes in zip(grid.cells, cell_boxes, strict=True):
        r, c = spec.row, spec.col
        text = join_wrapped([_line_text(line) for line in visual_lines(boxes)])
        bbox = (xs[c], ys[r], xs[c + spec.colspan], ys[r + spec.rowspan])
        position = Position(page=page, table=number, row=r + 1, col=c + 1, bbox=bbox)
        cells.append(Cell(text, r, c, spec.rowspan, spec.colspan, position))
    table = Table(
        cells=tuple(cells),
        position=Position(page=page, table=number, bbox=(xs[0], ys[0], xs[-1], ys[-1])),
    )
    return PageTable(table, ys[0], xs, signatures(table))


def page_blocks(
    boxes: list[TextBox],
    grids: list[Grid],
    dark: Mask,
    *,
    page: int,
    dpi: float,
    gaps: LineGaps,
    columns: ColumnMemory,
) -> list[PageTable | PageParagraph]:
    """Tables and paragraphs of one page in reading order; ``page`` is 1-based."""
    scale = 72.0 / dpi
    height, width = dark.shape
    per_cell: list[list[list[TextBox]]] = [[[] for _ in grid.cells] for grid in grids]
    free: list[TextBox] = []
    for raw in boxes:
        box = tighten(raw, dark)
        x, y = box.centre
        for g, grid in enumerate(grids):
            if grid.cell_at(x, y) is not None:
                for piece in split_at_rules(box, grid, dark):
                    k = grid.cell_at(*piece.centre)
                    (free if k is None else per_cell[g][k]).append(piece)
                break
        else:
            free.append(box)
    tables = [
        _table(grid, per_cell[g], page, g + 1, scale, columns) for g, grid in enumerate(grids)
    ]
    lines = [_to_line(line, scale) for line in visual_lines(free)]
    lines = drop_page_furniture(lines, height * scale)
    edges = [(t.top, t.columns[0], t.columns[-1]) for t in tables]
    items = page_items(lines, edges, width * scale, gaps)
    return [tables[item] if isinstance(item, int) else item for item in items]
