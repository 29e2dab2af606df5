"""A table continued on the next page becomes one layout table again.

A page break cuts a table into fragments, and the next fragment usually repeats the header
row. Read as separate tables, the assembler would see a second 一级指标 header, and columns
looked up by grid position would not line up (each fragment has its own grid). A fragment
that opens a page, right after a table, with the same outer edges and column boundaries that
are a subset of the other's (or the reverse) is the same table: its repeated leading rows are
dropped and its cells are placed on the combined grid below the rows already read. A merged
cell cut by the break stays two cells (the lower one empty), as printed.
"""

from __future__ import annotations

from jixiao.layout import Table
from jixiao.readers.paged.tables import (
    PageTable,
    Signature,
    merge_boundaries,
    regrid,
    same_edge,
)

__all__ = ["continues", "stitch", "without_repeated_header"]

_HEADER_CELL_CHARS = 16  # repeated header cells are column titles: short and all filled


def _subset(small: list[float], large: list[float]) -> bool:
    return all(any(same_edge(x, y) for y in large) for x in small)


def continues(previous: PageTable, fragment: PageTable) -> bool:
    """Whether ``fragment`` (first on its page, right after ``previous``) continues it."""
    a, b = previous.columns, fragment.columns
    if not (same_edge(a[0], b[0]) and same_edge(a[-1], b[-1])):
        return False
    return _subset(b, a) or _subset(a, b)


def without_repeated_header(fragment: PageTable, previous: PageTable) -> PageTable:
    """``fragment`` without the leading rows that repeat the leading rows of ``previous``.
    Only short, fully filled rows count as header rows."""
    drop = 0
    for mine, theirs in zip(fragment.signatures, previous.signatures, strict=False):
        if mine != theirs or not _header_like(mine):
            break
        drop += 1
    if not drop:
        return fragment
    cells = [c for c in fragment.table.cells if c.row >= drop]
    table = Table(
        cells=tuple(regrid(cells, fragment.columns, -drop)), position=fragment.table.position
    )
    return PageTable(table, fragment.top, fragment.columns, fragment.signatures[drop:])


def _header_like(signature: Signature) -> bool:
    texts = [text for _, _, text in signature]
    return len(texts) >= 2 and all(0 < len(t) <= _HEADER_CELL_CHARS for t in texts)


def stitch(previous: PageTable, fragment: PageTable) -> PageTable:
    """One table: ``previous`` with the rows of ``fragment`` below, on the combined grid.
    The leading-row signatures stay those of the first fragment."""
    columns = merge_boundaries(previous.columns, fragment.columns)
    above = regrid(list(previous.table.cells), columns)
    below = regrid(list(fragment.table.cells), columns, previous.table.n_rows)
    table = Table(cells=tuple(above + below), position=previous.table.position)
    return PageTable(table, previous.top, columns, previous.signatures)
