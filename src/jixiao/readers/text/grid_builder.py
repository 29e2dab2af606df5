"""Rows of cell texts (with their source lines) → a layout ``Table``, for the plain-text forms.

The forms differ in how they mark cells (``|``, tabs, runs of spaces, one cell per line), not
in what they give the assembler: a grid of cells with line positions. A cell left out because
it was merged over several rows (one cell per line) extends the cell above (``rowspan``), as in
a DOCX.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jixiao.layout import Cell, Position, Table

__all__ = ["GridBuilder", "TextCell"]


@dataclass(slots=True)
class TextCell:
    text: str
    first: int | None = None  # 1-based source lines
    last: int | None = None


@dataclass(slots=True)
class _Slot:
    text: str
    row: int
    col: int
    first: int | None
    last: int | None
    rowspan: int = 1


@dataclass
class GridBuilder:
    table_no: int
    _slots: list[_Slot] = field(default_factory=list)
    _by_col: dict[int, _Slot] = field(default_factory=dict)  # the last slot started per column
    n_rows: int = 0

    def add_row(self, cells: list[TextCell | None], start_col: int = 0) -> None:
        """One row; ``None`` is a cell merged with the one above (its rowspan grows)."""
        r = self.n_rows
        for offset, cell in enumerate(cells):
            col = start_col + offset
            above = self._by_col.get(col)
            if cell is None:
                if above is not None and above.row + above.rowspan == r:
                    above.rowspan += 1
                    continue
                cell = TextCell("")
            slot = _Slot(cell.text, r, col, cell.first, cell.last)
            self._slots.append(slot)
            self._by_col[col] = slot
        self.n_rows += 1

    def extend_span(self, col: int) -> None:
        """The cell in ``col`` started above also covers the row just added (a left-edge group
        label such as 绩效指标 printed once for the whole indicator block)."""
        above = self._by_col.get(col)
        if above is not None and above.row + above.rowspan == self.n_rows - 1:
            above.rowspan += 1

    def table(self) -> Table:
        cells = [
            Cell(
                s.text,
                s.row,
                s.col,
                rowspan=s.rowspan,
                position=Position(
                    line=s.first,
                    end_line=s.last,
                    table=self.table_no,
                    row=s.row + 1,
                    col=s.col + 1,
                ),
            )
            for s in self._slots
        ]
        cells.sort(key=lambda c: (c.row, c.col))
        lines = [n for s in self._slots for n in (s.first, s.last) if n]
        position = Position(
            line=min(lines) if lines else None,
            end_line=max(lines) if lines else None,
            table=self.table_no,
        )
        return Table(tuple(cells), position)
