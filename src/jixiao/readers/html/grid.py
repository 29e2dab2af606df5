"""An HTML table's cells on their true grid: rowspan and colspan as the browser places them.

The HTML table model: a cell goes to the first column of its row not yet covered by a cell
from a row above (rowspan); ``colspan`` widens it to the right. ``rowspan="0"`` and spans
running past the last row end at the last row, as in browsers. Rows in which no cell starts
(all covered from above) are dropped and the spans over them shortened, so the assembler sees
the rows a reader sees. A merged area is one ``GridCell``, as the DOCX reader gives it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from jixiao.readers.html.tree import Element

__all__ = ["MAX_COLS", "GridCell", "cell_elements", "table_grid", "table_rows"]

MAX_COLS = 64
"""Wider than any real 绩效目标表; a hostile ``colspan`` must not make ``Table.grid()`` huge."""
_MAX_ROWSPAN = 65534  # the HTML specification's own limit
_SECTIONS = ("thead", "tbody", "tfoot")


@dataclass
class GridCell:
    """One cell on the grid (0-based); ``source_row`` is the 0-based ``<tr>`` it starts in.
    ``parts``: its text, then the texts of cells past the widest grid, kept rather than lost."""

    parts: list[str]
    row: int
    col: int
    rowspan: int
    colspan: int
    source_row: int

    @property
    def text(self) -> str:
        return "\n".join(p for p in self.parts if p)


def table_rows(table: Element) -> list[Element]:
    """The ``<tr>`` of a table (directly or in its thead/tbody/tfoot), not of nested tables."""
    rows: list[Element] = []
    for child in table:
        if child.tag == "tr":
            rows.append(child)
        elif child.tag in _SECTIONS:
            rows += [tr for tr in child if tr.tag == "tr"]
    return rows


def cell_elements(tr: Element) -> Iterator[Element]:
    return (child for child in tr if child.tag in ("td", "th"))


def _span(cell: Element, name: str, limit: int) -> int:
    try:
        value = int(str(cell.get(name) or "1").strip().rstrip(";"))
    except ValueError:
        return 1
    return min(max(value, 0), limit)


def table_grid(rows: list[Element], cell_text: Callable[[Element], str]) -> list[GridCell]:
    """The cells of a table's ``<tr>`` rows, merged areas as one cell each, in reading order."""
    n_rows = len(rows)
    covered: set[tuple[int, int]] = set()
    cells: list[GridCell] = []
    for r, tr in enumerate(rows):
        col = 0
        last: GridCell | None = None
        for td in cell_elements(tr):
            text = cell_text(td)
            while col < MAX_COLS and (r, col) in covered:
                col += 1
            if col >= MAX_COLS:
                host = last or (cells[-1] if cells else None)
                if host is not None:
                    host.parts.append(text)
                continue
            colspan = max(1, min(_span(td, "colspan", 1000), MAX_COLS - col))
            rowspan = _span(td, "rowspan", _MAX_ROWSPAN)
            rowspan = n_rows - r if rowspan == 0 else min(rowspan, n_rows - r)
            for rr in range(r, r + rowspan):
                for cc in range(col, col + colspan):
                    covered.add((rr, cc))
            last = GridCell([text], r, col, rowspan, colspan, r)
            cells.append(last)
            col += colspan
    return _drop_empty_rows(cells, n_rows)


def _drop_empty_rows(cells: list[GridCell], n_rows: int) -> list[GridCell]:
    starts = {c.row for c in cells}
    if len(starts) == n_rows:
        return cells
    new_index: dict[int, int] = {}
    for r in range(n_rows):
        if r in starts:
            new_index[r] = len(new_index)
    for cell in cells:
        end = cell.row + cell.rowspan  # exclusive, in old rows
        kept = sum(1 for r in range(cell.row, end) if r in new_index)
        cell.row = new_index[cell.row]
        cell.rowspan = max(1, kept)
    return cells
