"""The intermediate layout every reader produces and the one assembler consumes.

A layout is the document reduced to what all formats share: paragraphs and tables, in reading
order. A table is a list of cells placed on a grid (row, col, rowspan, colspan), so merged
一级指标/二级指标 cells from DOCX/XLSX/PDF and the flattened cells of text exports look the same
to the assembler. Every block keeps its position in the source, so the document model, and later
review findings, can point back at evidence.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from jixiao.model import SourceLocation

__all__ = ["Block", "Cell", "Layout", "LayoutWarning", "Paragraph", "Position", "Table"]


@dataclass(frozen=True, slots=True)
class Position:
    """A place in the source: lines for text, page/table/row/col (and bbox) for paged formats."""

    line: int | None = None
    end_line: int | None = None
    page: int | None = None
    table: int | None = None
    row: int | None = None
    col: int | None = None
    sheet: str | None = None
    bbox: tuple[float, float, float, float] | None = None

    def to_location(self) -> SourceLocation:
        return SourceLocation(
            line=self.line,
            end_line=self.end_line,
            page=self.page,
            table=self.table,
            row=self.row,
            col=self.col,
            sheet=self.sheet,
            bbox=self.bbox,
        )

    def spanning(self, other: Position) -> Position:
        """The smallest position covering both (used when cells or rows are merged)."""
        lines = [x for x in (self.line, self.end_line, other.line, other.end_line) if x]
        if not lines:
            return self
        return Position(
            line=min(lines),
            end_line=max(lines),
            page=self.page,
            table=self.table,
            row=self.row,
            col=self.col,
            sheet=self.sheet,
            bbox=self.bbox,
        )


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    position: Position = field(default_factory=Position)


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell. ``text`` keeps hard line breaks as ``\\n``; soft wraps are already joined."""

    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    position: Position = field(default_factory=Position)


@dataclass(frozen=True, slots=True)
class Table:
    cells: tuple[Cell, ...]
    position: Position = field(default_factory=Position)

    @property
    def n_rows(self) -> int:
        return max((c.row + c.rowspan for c in self.cells), default=0)

    def rows(self) -> list[list[Cell]]:
        """Cells grouped by the row they start in, left to right."""
        out: list[list[Cell]] = [[] for _ in range(self.n_rows)]
        for cell in self.cells:
            out[cell.row].append(cell)
        for row in out:
            row.sort(key=lambda c: c.col)
        return out

    def grid(self) -> list[list[Cell | None]]:
        """A rectangular view: every grid slot holds the cell covering it (merged cells repeat).

        Use ``cell.row != r`` to tell a vertically merged continuation from the cell's own row.
        """
        n_cols = max((c.col + c.colspan for c in self.cells), default=0)
        slots: list[list[Cell | None]] = [[None] * n_cols for _ in range(self.n_rows)]
        for cell in self.cells:
            for r in range(cell.row, cell.row + cell.rowspan):
                for c in range(cell.col, cell.col + cell.colspan):
                    slots[r][c] = cell
        return slots


Block = Paragraph | Table


@dataclass(frozen=True, slots=True)
class LayoutWarning:
    """Something a reader recovered from; it becomes a ``Document.warnings`` entry."""

    code: str
    message: str  # Chinese, shown to users
    position: Position = field(default_factory=Position)


@dataclass(slots=True)
class Layout:
    """A document as blocks in reading order, plus what the reader had to say about it."""

    blocks: list[Block] = field(default_factory=list)
    warnings: list[LayoutWarning] = field(default_factory=list)

    def paragraphs(self) -> Iterator[Paragraph]:
        return (b for b in self.blocks if isinstance(b, Paragraph))

    def tables(self) -> Iterator[Table]:
        return (b for b in self.blocks if isinstance(b, Table))
