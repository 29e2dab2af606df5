"""Text copied from web pages and documents: tables as ``|`` rows, tab rows, columns set apart
by spaces, or one cell per line, with ordinary paragraphs around them.

Each form is turned into the same layout the DOCX reader gives (paragraphs, and tables as
grids of cells with line positions), so the one assembler recognises the tables from their
labels. Lines that are not part of a table stay paragraphs; a text with no table at all is
left to the assembler, which says what it saw.
"""

from __future__ import annotations

from jixiao.assemble.vocabulary import cell_label, is_header_run, is_money_unit_line
from jixiao.layout import Layout
from jixiao.readers.text.aligned import Segment, anchor_columns, place, segments
from jixiao.readers.text.cell_lines import TextLine, read_cell_lines
from jixiao.readers.text.delimited import is_pipe_separator, pipe_cells, tab_record
from jixiao.readers.text.grid_builder import GridBuilder, TextCell

__all__ = ["looks_tabular", "read_plain_text"]


def looks_tabular(lines: list[str]) -> bool:
    """Whether a text has a table in one of the forms read here (cheap: checked before the
    reader for text exported from the Hebei PDF, whose header is one space-separated line)."""
    for line in lines:
        if "|" in line or "\t" in line or "  " in line.strip() or "\u3000" in line.strip():
            return True
        stripped = line.strip()
        if 2 <= len(stripped) <= 8:
            found = cell_label(stripped)
            if found is not None and found.role in ("level1", "level2"):
                return True
    return False


class _PlainReader:
    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.layout = Layout()
        self.table_no = 0
        self.tables = 0
        self.free: list[TextLine] = []

    def read(self) -> None:
        lines = self.lines
        i = 0
        while i < len(lines):
            line = lines[i]
            if "|" in line:
                j = self._pipe_table(i)
                if j > i:
                    i = j
                    continue
            if "\t" in line and line.strip():
                j = self._tab_table(i)
                if j > i:
                    i = j
                    continue
            self.free.append(TextLine(line.strip(), i + 1))
            i += 1
        self._flush_free()

    # -- | and tab rows ---------------------------------------------------------------------

    def _pipe_table(self, i: int) -> int:
        rows: list[tuple[list[str], int]] = []
        j = i
        while j < len(self.lines) and (cells := pipe_cells(self.lines[j])) is not None:
            rows.append((cells, j + 1))
            j += 1
        stripped = self.lines[i].strip()
        if len(rows) < 2 and not (stripped.startswith("|") and stripped.endswith("|")):
            return i
        grid = self._start_table()
        for cells, number in rows:
            if is_pipe_separator(cells):
                continue
            grid.add_row([TextCell(c, number, number) for c in cells])
        self._end_table(grid)
        return j

    def _tab_table(self, i: int) -> int:
        rows: list[tuple[list[str], int, int]] = []
        j = i
        while j < len(self.lines):
            line = self.lines[j]
            if "\t" not in line or not line.strip():
                break
            cells, nxt = tab_record(self.lines, j)
            rows.append((cells, j + 1, nxt))
            j = nxt
        if not rows or (len(rows) == 1 and sum(1 for c in rows[0][0] if c.strip()) < 2):
            return i
        grid = self._start_table()
        for cells, first, last in rows:
            grid.add_row([TextCell(c.strip(), first, last) for c in cells])
        self._end_table(grid)
        return j

    # -- the rest: columns set apart by spaces, one cell per line, paragraphs ---------------

    def _flush_free(self) -> None:
        free, self.free = self.free, []
        start = 0
        i = 0
        while i < len(free):
            end = self._aligned_block(free, i)
            if end > i:
                self._cell_lines(free[start:i])
                self._aligned_table(free[i:end])
                start = i = end
                continue
            i += 1
        self._cell_lines(free[start:])

    def _cell_lines(self, lines: list[TextLine]) -> None:
        if not lines:
            return
        blocks, warnings, tables = read_cell_lines(lines, self.table_no)
        self.table_no += tables
        self.tables += tables
        self.layout.blocks += blocks
        self.layout.warnings += warnings

    def _aligned_table(self, lines: list[TextLine]) -> None:
        raw = [(segments(self.lines[line.number - 1]), line.number) for line in lines]
        raw = [(segs, number) for segs, number in raw if segs]
        parts: list[list[tuple[list[Segment], int]]] = [[]]
        for segs, number in raw:
            if is_header_run([text for _, _, text in segs]) and parts[-1]:
                parts.append([])
            parts[-1].append((segs, number))
        grid = self._start_table()
        for part in parts:
            anchors = anchor_columns([segs for segs, _ in part])
            for segs, number in part:
                cells = place(segs, anchors)
                while cells and not cells[-1]:
                    cells.pop()
                grid.add_row([TextCell(c, number, number) for c in cells])
        self._end_table(grid)

    def _aligned_block(self, lines: list[TextLine], i: int) -> int:
        """The end of a table set out in columns of spaces starting at ``lines[i]``, or ``i``:
        at least two lines of several cells, one of them with a label; a single cell inside it
        only when indented (a row whose first cells are blank) or a label."""
        if len(segments(self.lines[lines[i].number - 1])) < 2:
            return i
        j = i
        wide = 0
        labelled = False
        blanks = 0
        while j < len(lines):
            line = lines[j]
            if not line.text:
                blanks += 1
                if blanks > 1:
                    break
                j += 1
                continue
            blanks = 0
            raw = self.lines[line.number - 1]
            segs = segments(raw)
            if len(segs) >= 2:
                wide += 1
            elif not (
                raw.startswith(("  ", "\u3000"))
                or cell_label(line.text)
                or is_money_unit_line(line.text)
            ):
                break
            if not labelled:
                labelled = any(cell_label(t) is not None for _, _, t in segs)
            j += 1
        while j > i and not lines[j - 1].text:
            j -= 1
        return j if wide >= 2 and labelled else i

    # -- tables -----------------------------------------------------------------------------

    def _start_table(self) -> GridBuilder:
        self._flush_paragraph_lines()
        self.table_no += 1
        return GridBuilder(self.table_no)

    def _flush_paragraph_lines(self) -> None:
        if self.free:
            self._flush_free()

    def _end_table(self, grid: GridBuilder) -> None:
        self.tables += 1
        self.layout.blocks.append(grid.table())


def read_plain_text(text: str) -> tuple[Layout, int]:
    """The layout of a plain text and the number of tables found in it."""
    reader = _PlainReader(text.split("\n"))
    reader.read()
    return reader.layout, reader.tables
