"""One worksheet's rows and merged ranges → layout blocks (paragraphs and tables).

A row whose only value sits in the sheet's first column, alone and not inside a vertically
merged range, is a paragraph: project titles (``1、…绩效目标表``) and the department sections
are written that way, whether each project has its own sheet or all share one. Every other
row belongs to a table, with one cell per grid slot (blank slots included, since the assembler
reads the 资金支出计划 values by position) and one cell per merged range, spanning it.

Empty rows around paragraphs are dropped and the table's rows renumbered; the cell positions
keep the sheet's own 1-based row and column. Reading stops after a long run of empty rows, so
a sheet whose used range claims a million rows costs no more than its content.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from jixiao.layout import Block, Cell, LayoutWarning, Paragraph, Position, Table
from jixiao.readers.xlsx.scan import Merge

__all__ = ["MAX_EMPTY_RUN", "SheetRows", "sheet_blocks"]

MAX_EMPTY_RUN = 1000
"""Reading a sheet stops after this many consecutive empty rows."""

_INDEX_HEADERS = ("序号", "项目名称")
_MAX_MERGED_SLOTS = 4_000_000


@dataclass
class SheetRows:
    """A sheet as its reader delivers it: rows of cell texts from column A, lazily."""

    name: str
    number: int  # 1-based position of the sheet in the workbook
    rows: Iterable[tuple[int, list[str]]]  # (0-based row, texts from column A)
    merges: list[Merge]
    last_row: int  # the last row the source may hold (0-based), for the stop warning
    warnings: list[LayoutWarning] = field(default_factory=list)


def _collect(sheet: SheetRows, warnings: list[LayoutWarning]) -> dict[int, list[str]]:
    content: dict[int, list[str]] = {}
    last = -1
    for r, texts in sheet.rows:
        while texts and not texts[-1]:
            texts.pop()
        if texts:
            content[r] = texts
            last = r
        elif r - last > MAX_EMPTY_RUN:
            if sheet.last_row > r:
                warnings.append(
                    LayoutWarning(
                        "sheet_truncated",
                        f"工作表“{sheet.name}”第 {last + 1} 行之后连续 {MAX_EMPTY_RUN} 行为空，"
                        f"已停止读取其余 {sheet.last_row - r} 行；如其后还有内容，请删除中间的空行",
                        Position(sheet=sheet.name, table=sheet.number, row=r + 1),
                    )
                )
            break
    return content


def is_index_sheet(first_row: list[str]) -> bool:
    """The 汇总 sheet of a rendered workbook (a list of projects, one per row)."""
    cells = {"".join(text.split()) for text in first_row}
    return all(h in cells for h in _INDEX_HEADERS) and "一级指标" not in cells


@dataclass
class _Grid:
    content: dict[int, list[str]]
    col0: int
    col1: int
    owner: dict[tuple[int, int], Merge]

    def text(self, r: int, c: int) -> str:
        texts = self.content.get(r)
        return texts[c] if texts is not None and c < len(texts) else ""


def _grid(content: dict[int, list[str]], merges: list[Merge]) -> _Grid:
    col0 = min(next(i for i, t in enumerate(texts) if t) for texts in content.values())
    col1 = max(len(texts) for texts in content.values()) - 1
    row0, row1 = min(content), max(content)
    owner: dict[tuple[int, int], Merge] = {}
    budget = _MAX_MERGED_SLOTS
    for r0, c0, r1, c1 in merges:
        # Clipped to the content's columns and to the rows read (a hostile range may cover
        # the whole sheet); a range may reach below the last value (a merged label cell).
        top, left = max(r0, row0), max(c0, col0)
        bottom, right = min(r1, row1 + MAX_EMPTY_RUN), min(c1, col1)
        if top > row1 or top > bottom or left > right or (top, left) == (bottom, right):
            continue
        budget -= (bottom - top + 1) * (right - left + 1)
        if budget < 0:
            break  # more merged area than a real sheet can have: ignore the rest
        slots = [(r, c) for r in range(top, bottom + 1) for c in range(left, right + 1)]
        if any(slot in owner for slot in slots):
            continue  # overlapping ranges are invalid; keep the first
        merge = (top, left, bottom, right)
        for slot in slots:
            owner[slot] = merge
    return _Grid(content, col0, col1, owner)


def _is_paragraph(grid: _Grid, r: int) -> bool:
    filled: list[int] = []
    for c in range(grid.col0, grid.col1 + 1):
        merge = grid.owner.get((r, c))
        if merge is not None and (merge[0] != r or merge[2] != r):
            return False  # inside, or at the top of, a vertically merged range
        if merge is not None and merge[1] != c:
            continue
        if grid.text(r, c):
            filled.append(c)
    return filled == [grid.col0]


def sheet_blocks(sheet: SheetRows, warnings: list[LayoutWarning]) -> list[Block]:
    """The sheet's blocks in reading order; empty and index (汇总) sheets give none.

    An empty row between two table rows stays in the table (a blank 资金支出计划 values row
    must not let the next row take its place); empty rows next to paragraphs are dropped.
    """
    warnings += sheet.warnings
    content = _collect(sheet, warnings)
    if not content or is_index_sheet(content[min(content)]):
        return []
    grid = _grid(content, sheet.merges)
    used = set(grid.content) | {r for r, _ in grid.owner}
    blocks: list[Block] = []
    table_rows: list[int] = []
    blank: list[int] = []
    for r in range(min(used), max(used) + 1):
        if r not in used:
            blank.append(r)
        elif _is_paragraph(grid, r):
            if table_rows:
                blocks.append(_table(grid, table_rows, sheet))
                table_rows = []
            position = Position(sheet=sheet.name, table=sheet.number, row=r + 1, col=grid.col0 + 1)
            blocks.append(Paragraph(grid.text(r, grid.col0), position))
            blank = []
        else:
            table_rows += [*blank, r] if table_rows else [r]
            blank = []
    if table_rows:
        blocks.append(_table(grid, table_rows, sheet))
    return blocks


def _table(grid: _Grid, rows: list[int], sheet: SheetRows) -> Table:
    local = {r: i for i, r in enumerate(rows)}
    cells: list[Cell] = []
    for r in rows:
        for c in range(grid.col0, grid.col1 + 1):
            merge = grid.owner.get((r, c))
            rowspan = colspan = 1
            if merge is not None:
                if (merge[0], merge[1]) != (r, c):
                    continue
                rowspan = local[merge[2]] - local[r] + 1
                colspan = merge[3] - merge[1] + 1
            position = Position(sheet=sheet.name, table=sheet.number, row=r + 1, col=c + 1)
            cells.append(Cell(grid.text(r, c), local[r], c - grid.col0, rowspan, colspan, position))
    position = Position(sheet=sheet.name, table=sheet.number, row=rows[0] + 1)
    return Table(tuple(cells), position)
