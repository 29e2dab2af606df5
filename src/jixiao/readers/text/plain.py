"""Text copied from web pages and documents: tables as ``|`` rows, tab rows, columns set apart
by spaces, or one cell per line, with ordinary paragraphs around them.

Each form is turned into the same layout the DOCX reader gives (paragraphs, and tables as
grids of cells with line positions), so the one assembler recognises the tables from their
labels. Lines that are not part of a table stay paragraphs; a text with no table at all is
left to the assembler, which says what it saw.
"""

from __future__ import annotations

from jixiao.assemble.columns import role_of
from jixiao.assemble.vocabulary import (
    cell_label,
    is_header_run,
    is_level1,
    is_level2,
    is_money_unit_line,
)
from jixiao.layout import Layout
from jixiao.readers.text.aligned import Segment, anchor_columns, place, segments
from jixiao.readers.text.cell_lines import TextLine, read_cell_lines
from jixiao.readers.text.delimited import (
    has_outer_pipes,
    is_pipe_separator,
    pipe_cells,
    tab_record,
)
from jixiao.readers.text.grid_builder import GridBuilder, TextCell
from jixiao.readers.text.spans import restore_spans
from jixiao.textutil import join_wrapped

__all__ = ["looks_tabular", "read_plain_text"]


def looks_tabular(lines: list[str]) -> bool:
    """Whether a text has an indicator table in one of the forms read here. Checked before the
    reader of the Hebei PDF export (whose header is one line of single spaces), so that a stray
    double space or tab in such an export does not take it from the reader that knows it."""
    previous = ""
    for line in lines:
        stripped = line.strip()
        if "|" in stripped and "|" in previous:
            return True
        if "\t" in stripped and "\t" in previous:
            return True
        if ("  " in stripped or "\u3000" in stripped or "\t" in stripped) and is_header_run(
            [text for _, _, text in segments(line)]
        ):
            return True
        if 2 <= len(stripped) <= 8 and 2 <= len(previous) <= 8:
            found, before = cell_label(stripped), cell_label(previous)
            roles = {found.role if found else None, before.role if before else None}
            if None not in roles and roles & {"level1", "level2"}:
                return True
        previous = stripped
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
            if "\t" in line.strip():  # tabs between cells (a lone leading tab: an indent)
                j = self._tab_table(i)
                if j > i:
                    i = j
                    continue
            self.free.append(TextLine(line.strip(), i + 1))
            i += 1
        self._flush_free()

    # -- | and tab rows ---------------------------------------------------------------------

    def _pipe_table(self, i: int) -> int:
        j = i
        while j < len(self.lines) and "|" in self.lines[j]:
            j += 1
        stripped = self.lines[i].strip()
        if j - i < 2 and not (stripped.startswith("|") and stripped.endswith("|")):
            return i
        outer = has_outer_pipes(self.lines[i:j])
        rows = [(pipe_cells(self.lines[k], outer=outer) or [], k + 1) for k in range(i, j)]
        texts = [
            [TextCell(c, number, number) for c in cells]
            for cells, number in rows
            if not is_pipe_separator(cells)
        ]
        grid = self._start_table()
        for row in restore_spans(texts):
            grid.add_row(row)
        self._end_table(grid)
        return j

    def _tab_table(self, i: int) -> int:
        rows: list[tuple[list[str], int, int]] = []
        j = i
        while j < len(self.lines):
            line = self.lines[j]
            if rows and line.strip() and "\t" not in line and self._tab_row_follows(j):
                # A browser copies a cell's line break as is: the line continues the last
                # filled cell above, unless it is a row of one label (单位：万元, 绩效指标).
                text = line.strip()
                if cell_label(text) is not None or is_money_unit_line(text):
                    rows.append(([text], j + 1, j + 1))
                else:
                    cells, first, _last = rows[-1]
                    k = max((n for n, c in enumerate(cells) if c.strip()), default=0)
                    cells[k] = cells[k].rstrip() + "\n" + text
                    rows[-1] = (cells, first, j + 1)
                j += 1
                continue
            if "\t" not in line or not line.strip():
                break
            cells, nxt = tab_record(self.lines, j)
            rows.append((cells, j + 1, nxt))
            j = nxt
        if not rows or (len(rows) == 1 and sum(1 for c in rows[0][0] if c.strip()) < 2):
            return i
        texts = [[TextCell(c.strip(), first, last) for c in cells] for cells, first, last in rows]
        grid = self._start_table()
        for row in restore_spans(texts):
            grid.add_row(row)
        self._end_table(grid)
        return j

    def _tab_row_follows(self, j: int) -> bool:
        """Whether a tab row comes after the tab-less lines from ``j`` (at most a few)."""
        for k in range(j + 1, min(j + 6, len(self.lines))):
            line = self.lines[k]
            if not line.strip():
                return False
            if "\t" in line:
                return True
        return False

    # -- the rest: columns set apart by spaces, one cell per line, paragraphs ---------------

    def _flush_free(self) -> None:
        free, self.free = self.free, []
        stream: list[TextLine] = []  # lines left to the one-cell-per-line reader
        i = 0
        while i < len(free):
            end = self._aligned_block(free, i)
            if end == i:
                stream.append(free[i])
                i += 1
                continue
            for group in _split_at_blank_lines(free[i:end]):
                if self._columns_line_up(group):
                    self._cell_lines(stream)
                    stream = []
                    self._aligned_table(group)
                    continue
                # Cells set apart by spaces but not in columns (empty cells left out): the
                # rows say no more than the cells' order, so they are read as one cell per line.
                for line in group:
                    cells = segments(self.lines[line.number - 1])
                    stream += [TextLine(text, line.number) for _, _, text in cells]
            i = end
        self._cell_lines(stream)

    def _columns_line_up(self, block: list[TextLine]) -> bool:
        """Whether the cells of a block stand in columns: their starts fall on few places, and
        most cells start where a cell of another line starts too (one display column of
        slack). Rows of labels of equal width can meet one test by chance, not both."""
        rows = [segments(self.lines[line.number - 1]) for line in block if line.text]
        if len(rows) < 2:
            return True
        starts: dict[int, int] = {}
        for row in rows:
            for start, _, _ in row:
                starts[start] = starts.get(start, 0) + 1
        shared = sum(
            1
            for row in rows
            for start, _, _ in row
            if sum(starts.get(s, 0) for s in (start - 1, start, start + 1)) >= 2
        )
        widest = max(len(r) for r in rows)
        few_places = len(anchor_columns(rows)) <= widest + max(2, widest // 2)
        return few_places and shared * 10 >= sum(len(r) for r in rows) * 8

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
        # Parts with their own columns: header fields, and each indicator header with its rows.
        parts: list[list[tuple[list[Segment], int]]] = [[]]
        in_indicators = False
        header_above = False  # the line above opened the indicator header
        for segs, number in raw:
            texts = [text for _, _, text in segs]
            if is_header_run(texts):
                in_indicators = True
                # a second header row (二级指标 | 三级指标 under 中期/年度绩效指标) shares the
                # first one's columns, including the blank one under 绩效指标
                if parts[-1] and not header_above:
                    # a first header row the dictionaries do not know alone (绩效指标 | 一级指标
                    # | 中期绩效指标 | 年度绩效指标) moves with the row under it
                    above = parts[-1][-1]
                    moved = any(role_of(t) == "level1" for _, _, t in above[0])
                    if moved:
                        parts[-1].pop()
                    parts.append([above] if moved else [])
                header_above = True
            else:
                header_above = False
                if in_indicators and _field_label(texts[0]):  # the next project's header fields
                    in_indicators = False
                    parts.append([])
            parts[-1].append((segs, number))
        grid = self._start_table()
        for part in parts:
            anchors = anchor_columns([segs for segs, _ in part])
            header = place(part[0][0], anchors)
            indicators = is_header_run([text for text in header if text])
            heads = 1  # header rows: the first, and a second one right under it
            if indicators and len(part) > 1:
                second = place(part[1][0], anchors)
                if _second_header_row([text for text in second if text]):
                    heads = 2
                    header = [b or a for a, b in zip(header, second, strict=True)]
            keys = {k: role for k, t in enumerate(header) if (role := role_of(t)) in _ROW_KEYS}
            rows: list[list[TextCell]] = []
            for n, (segs, number) in enumerate(part):
                cells = place(segs, anchors)
                if indicators and n >= heads and keys and not _starts_row(cells, keys):
                    _continue_row(rows[-1], cells, number)  # a cell wrapped onto this line
                    continue
                while not indicators and cells and not cells[-1]:
                    cells.pop()  # header fields: no empty cells after the last
                rows.append([TextCell(c, number, number) for c in cells])
            for row in rows:
                grid.add_row(list(row))
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


_ROW_KEYS = {"level1", "level2", "name", "p_unit", "p_name"}
"""Columns one of which every indicator row fills on its first line (a new row), unless the
line only continues cells wrapped from the line above."""


def _starts_row(cells: list[str], keys: dict[int, str]) -> bool:
    """A line opens a row with its name (or a flat list's project), or with a whole level-1 or
    level-2 label (the rest of a wrapped label, 度指标, does not)."""
    for k, role in keys.items():
        text = cells[k] if k < len(cells) else ""
        if not text:
            continue
        if role == "level1" and not is_level1(text):
            continue
        if role == "level2" and not is_level2(text):
            continue
        return True
    return False


def _second_header_row(texts: list[str]) -> bool:
    """A row of column titles under the first header row: a header of its own (二级指标 |
    三级指标 | 指标值 under 中期/年度绩效指标), or the parts of a 指标值 printed over them
    (符号 | 数值 | 单位: short titles, most of them known)."""
    if is_header_run(texts):
        return True
    known = sum(1 for t in texts if role_of(t) is not None)
    return known >= 2 and known * 3 >= len(texts) * 2 and all(len(t) <= 6 for t in texts)


def _continue_row(row: list[TextCell], cells: list[str], number: int) -> None:
    for k, text in enumerate(cells):
        if not text or k >= len(row):
            continue
        cell = row[k]
        cell.text = join_wrapped([cell.text, text]) if cell.text else text
        cell.first = cell.first or number
        cell.last = number


def _split_at_blank_lines(lines: list[TextLine]) -> list[list[TextLine]]:
    groups: list[list[TextLine]] = [[]]
    for line in lines:
        if not line.text:
            if groups[-1]:
                groups.append([])
            continue
        groups[-1].append(line)
    return [g for g in groups if g]


def _field_label(text: str) -> bool:
    found = cell_label(text)
    return found is not None and found.field is not None and found.field not in ("month", "task")


def read_plain_text(text: str) -> tuple[Layout, int]:
    """The layout of a plain text and the number of tables found in it."""
    reader = _PlainReader(text.split("\n"))
    reader.read()
    return reader.layout, reader.tables
