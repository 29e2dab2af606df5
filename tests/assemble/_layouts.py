"""Layouts built by hand for the assembler tests: rows of texts, merges, pages."""

from __future__ import annotations

from jixiao.assemble import assemble
from jixiao.layout import Cell, Layout, Paragraph, Position, Table
from jixiao.model import Document, SourceInfo

Row = list[str | None]  # None: covered by a merged cell (left or above)


def table(rows: list[Row], *, pages: list[int] | None = None, number: int = 1) -> Table:
    """A table from rows of texts; ``None`` slots are covered by the cell to the left (same
    row) or, in the first column or below an earlier span, by the cell above."""
    width = max(len(r) for r in rows)
    owner: dict[tuple[int, int], Cell] = {}
    cells: list[Cell] = []
    spans: dict[tuple[int, int], list[int]] = {}
    for r, row in enumerate(rows):
        for c in range(width):
            text = row[c] if c < len(row) else ""
            if text is None:
                left = owner.get((r, c - 1)) if c > 0 else None
                above = owner.get((r - 1, c)) if r > 0 else None
                host = left if left is not None and left.row == r else above
                assert host is not None, (r, c)
                key = (host.row, host.col)
                span = spans[key]
                span[0] = max(span[0], r - host.row + 1)
                span[1] = max(span[1], c - host.col + 1)
                owner[(r, c)] = host
                continue
            page = pages[r] if pages else None
            cell = Cell(text, r, c, position=Position(page=page, table=number, row=r + 1))
            owner[(r, c)] = cell
            spans[(r, c)] = [1, 1]
            cells.append(cell)
    out = [
        Cell(c.text, c.row, c.col, spans[(c.row, c.col)][0], spans[(c.row, c.col)][1], c.position)
        for c in cells
    ]
    return Table(tuple(out), Position(table=number))


def read(*blocks: Table | str) -> Document:
    layout = Layout(blocks=[Paragraph(b) if isinstance(b, str) else b for b in blocks])
    return assemble(layout, SourceInfo(name="test.docx", format="docx", sha256="0" * 64))
