"""The header-field part of a table copied as one cell per line: money labels that share a
row, numbered goal items that are one cell, and rows of values under a run of labels (a task
list, a spending plan). Used by ``cell_lines``, which rebuilds the whole table."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from jixiao.assemble.vocabulary import carries_money_unit
from jixiao.readers.text.grid_builder import GridBuilder, TextCell

__all__ = [
    "Held",
    "TextLine",
    "amount",
    "couple",
    "flush",
    "leaves",
    "numbered_items_joined",
    "row_width",
]


@dataclass(frozen=True, slots=True)
class TextLine:
    text: str  # without surrounding whitespace
    number: int  # 1-based line number in the file


def amount(text: str) -> bool:
    cleaned = text.replace(",", "").replace("，", "").strip().rstrip("%％")
    if not cleaned:
        return False
    try:
        Decimal(cleaned)
    except InvalidOperation:
        return False
    return True


@dataclass
class Held:
    """A money label and its amount, held back in case the next pair shares its row."""

    kind: str
    cells: list[TextCell | None]
    coupled: bool = False


def flush(grid: GridBuilder, held: Held | None) -> None:
    if held is not None:
        grid.add_row(held.cells)


def couple(previous: str, kind: str) -> bool:
    """Two money labels printed side by side: the 中期 and 年度 totals, then the 中期 and 年度
    amounts of the same kind (其中：财政拨款 | 800 | 其中：财政拨款 | 300)."""
    return previous == kind or {previous, kind} == {"mid_total", "total"}


_ITEM = re.compile(r"^\s*([0-9]{1,2})\s*[.、．]")


def numbered_items_joined(values: list[TextLine]) -> list[TextLine]:
    """``1.…`` / ``2.…`` on consecutive lines are the items of one cell (a goal list), not two
    cells: joined, so a cell with line breaks does not push the cells after it."""
    out: list[TextLine] = []
    last_item = 0
    for line in values:
        found = _ITEM.match(line.text)
        number = int(found.group(1)) if found else 0
        if out and number > 1 and number == last_item + 1:
            out[-1] = TextLine(out[-1].text + "\n" + line.text, out[-1].number)
        else:
            out.append(line)
        last_item = number if found else 0
    return out


def row_width(labels: list[TextLine], values: list[TextLine]) -> int | None:
    """The width of the value rows: the widest that divides the values into full rows whose
    columns hold amounts or text consistently."""
    for width in range(len(labels), 1, -1):
        if len(values) % width:
            continue
        rows = [values[k : k + width] for k in range(0, len(values), width)]
        if all(len({amount(row[c].text) for row in rows}) == 1 for c in range(width)):
            return width
    return None


def leaves(labels: list[TextLine], width: int) -> list[TextLine]:
    """The labels that head a column of values: a label over others (预算金额（万元） over
    总额 / 财政拨款 / 其他资金, recognisable by its unit) is left out, then leading ones."""
    leaves = list(labels)
    for label in labels:
        if len(leaves) > width and carries_money_unit(label.text):
            leaves.remove(label)
    return leaves[len(leaves) - width :]
