"""Reader for plain text exported from a DOCX (seeds 000-002).

The export writes every table cell on its own line led by one tab; a cell's further paragraphs
follow on lines without a tab; a blank line ends a table row. Two things make that ambiguous:
a cell that ends in an empty paragraph also prints a blank line, and paragraphs between tables
may be indented with several tabs. Rows are therefore rebuilt by width: after a header-like row
(all cells filled) the rows below it have the same number of cells, so a short group of cells
is merged with the groups that follow when together they make exactly one such row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from jixiao.layout import Cell, Layout, Paragraph, Position, Table

__all__ = ["is_docx_export", "is_word_cell_export", "read_docx_export"]

_BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")
_CELL_LINE = re.compile(r"^\t(?!\t)")
_SINGLE_CELL = re.compile(r"^\t[^\t]*$")


def is_docx_export(lines: list[str]) -> bool:
    """A DOCX text export has tab-led cell lines such as ``\\t项目编码``."""
    return any("项目编码" in line and _CELL_LINE.match(line) for line in lines)  # cheap test first


def is_word_cell_export(lines: list[str]) -> bool:
    """The same export of a table without 项目编码 (other templates): nearly every line with a
    tab is one tab-led cell (a tab row would have tabs between its cells), and one of them is
    an indicator header label (``\\t一级指标``)."""
    from jixiao.assemble.vocabulary import cell_label

    led = other = blank = 0
    header = False
    for line in lines:
        if not line.strip():
            blank += 1  # rows end with a blank line (else: one cell per line, indented)
            continue
        if "\t" not in line:
            continue
        if _SINGLE_CELL.match(line):
            led += 1
            found = cell_label(line[1:]) if not header and len(line) <= 12 else None
            header = header or (found is not None and found.role in ("level1", "level2"))
        elif line.strip():
            other += 1
    return header and led >= 6 and other * 10 <= led and blank * 12 >= led


@dataclass
class _RawCell:
    lines: list[str]
    first: int  # 1-based line numbers
    last: int

    _text: str | None = None  # the text, once the cell is complete (rows are rebuilt)

    def text(self) -> str:
        # Hard breaks (paragraphs) are kept; empty paragraphs at the ends are not content.
        if self._text is None:
            joined = "\n".join(line.strip() for line in self.lines)
            self._text = joined.strip("\n ").replace("\n\n", "\n")
        return self._text


@dataclass
class _Region:
    groups: list[list[_RawCell]] = field(default_factory=list)


def _clean(line: str) -> str:
    return _BOOKMARK.sub("", line)


def read_docx_export(text: str) -> Layout:
    lines = [_clean(line) for line in text.split("\n")]
    layout = Layout()
    region: _Region | None = None
    group: list[_RawCell] = []
    current: _RawCell | None = None  # the cell a tab-less line would continue
    table_no = 0

    def close_group() -> None:
        nonlocal group
        if group and region is not None:
            region.groups.append(group)
        group = []

    def close_region() -> None:
        nonlocal region, table_no
        close_group()
        if region is not None and region.groups:
            table_no += 1
            layout.blocks.append(_build_table(region, table_no))
        region = None

    for number, line in enumerate(lines, start=1):
        if _CELL_LINE.match(line):
            if region is None:
                region = _Region()
            current = _RawCell([line[1:]], number, number)
            group.append(current)
        elif not line.strip():
            close_group()
            current = None
        elif current is not None:
            current.lines.append(line)
            current.last = number
        else:
            close_region()
            layout.blocks.append(Paragraph(line.strip(), Position(line=number, end_line=number)))
    close_region()
    return layout


def _regroup_rows(groups: list[list[_RawCell]]) -> list[list[_RawCell]]:
    rows: list[list[_RawCell]] = []
    width: int | None = None
    i = 0
    while i < len(groups):
        row = groups[i]
        j = i + 1
        if width is not None and len(row) < width:
            merged = list(row)
            k = i + 1
            while k < len(groups) and len(merged) < width:
                merged += groups[k]
                k += 1
            if len(merged) == width:
                row, j = merged, k
        rows.append(row)
        if len(row) > 1 and all(cell.text() for cell in row) and _indicator_header(row):
            width = len(row)
        i = j
    return rows


_AMOUNT = re.compile(r"^-?[0-9][0-9,]*(?:\.[0-9]+)?$")


def _under_amounts(row: list[_RawCell], above: list[_RawCell]) -> int:
    """The columns the first cell covers when a row of a label and amounts (金额合计 | 320.00
    | 305.00 | 15.00) is narrower than the row of amounts above it: the export printed the
    label merged over the leading columns once, so the amounts stand under the last columns."""
    if len(row) < 2 or len(above) <= len(row):
        return 1
    amounts = [cell.text() for cell in row[1:]]
    if _AMOUNT.match(row[0].text()):
        return 1
    if not all(_AMOUNT.match(text) for text in amounts):
        return 1
    if not all(_AMOUNT.match(cell.text()) for cell in above[-len(amounts) :]):
        return 1
    return len(above) - len(amounts)


def _indicator_header(row: list[_RawCell]) -> bool:
    """The indicator header (一级指标 | 二级指标 | …): the width of the rows below it. A row of
    header fields sets none (预算数 | 72.64 | 其中：财政资金 | 72.64 is as wide as it is; the
    short rows after it, 其他资金 | 0.00, are rows of their own)."""
    from jixiao.assemble.columns import role_of
    from jixiao.assemble.vocabulary import is_header_run

    if not any(role_of(cell.text()) for cell in row[:3]):  # cheap: an indicator row is not
        return False
    return is_header_run([cell.text() for cell in row])


def _build_table(region: _Region, table_no: int) -> Table:
    cells: list[Cell] = []
    rows = _regroup_rows(region.groups)
    previous: list[_RawCell] = []
    for r, row in enumerate(rows):
        spread = _under_amounts(row, previous)
        col = 0
        for c, raw in enumerate(row):
            span = spread if c == 0 else 1
            position = Position(
                line=raw.first, end_line=raw.last, table=table_no, row=r + 1, col=col + 1
            )
            cells.append(Cell(raw.text(), r, col, colspan=span, position=position))
            col += span
        previous = row
    first = region.groups[0][0].first
    last = region.groups[-1][-1].last
    return Table(tuple(cells), Position(line=first, end_line=last, table=table_no))
