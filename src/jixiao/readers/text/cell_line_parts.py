"""The pieces a one-cell-per-line table is rebuilt from (``cell_lines``): the lines and the
cells made of them, amounts, how a split 指标值 header and shifted project cells are recognised,
money labels held back for their row, numbered items, and the width of value rows."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from jixiao.assemble.columns import role_of
from jixiao.assemble.vocabulary import carries_money_unit, is_level1, is_level2
from jixiao.readers.text.grid_builder import GridBuilder, TextCell

__all__ = [
    "HeldMoney",
    "TextLine",
    "column_leaves",
    "couple",
    "flush_held",
    "is_amount",
    "joined_cell",
    "line_cell",
    "numbered_items_joined",
    "opens_levels",
    "project_cells_shifted",
    "row_width",
    "split_value",
]


@dataclass(frozen=True, slots=True)
class TextLine:
    text: str  # without surrounding whitespace
    number: int  # 1-based line number in the file


def is_amount(text: str) -> bool:
    cleaned = text.replace(",", "").replace("，", "").strip().rstrip("%％")
    if not cleaned:
        return False
    try:
        Decimal(cleaned)
    except InvalidOperation:
        return False
    return True


def split_value(titles: list[str]) -> tuple[int, int] | None:
    """(index of 指标值, index of its first part) when the titles are a first header row
    followed by the parts of its 指标值 (符号 / 计算符号 / 指标性质 first): an operator title
    after the value one, with at most two more titles after it."""
    roles = [role_of(t) for t in titles]
    if "value" not in roles or "operator" in roles[: roles.index("value")]:
        return None
    v = roles.index("value")
    o = next((k for k in range(v + 1, len(roles)) if roles[k] == "operator"), None)
    if o is None or len(titles) - o > 3:
        return None
    return v, o


def project_cells_shifted(roles: list[str | None], cells: list[TextCell | None]) -> bool:
    """A flat list's project cells (单位名称 / 项目名称 / 预算数 …) merged over several rows are
    the leading ones (a unit spans its projects): the cells a row does print are the last of
    them, so they are moved right in place. True when they then still do not fit (an amount
    column holding text)."""
    slots = [k for k, role in enumerate(roles) if role and role.startswith("p_") and k < len(cells)]
    kept = [cells[k] for k in slots if cells[k] is not None]
    if not kept or len(kept) == len(slots):
        return False
    for k, cell in zip(slots, [None] * (len(slots) - len(kept)) + kept, strict=True):
        cells[k] = cell
    return any(
        roles[k] in ("p_total", "p_fiscal", "p_other")
        and (cell := cells[k]) is not None
        and cell.text
        and not is_amount(cell.text)
        for k in slots
    )


def opens_levels(lines: list[TextLine], p: int, n: int) -> bool:
    """Whether ``lines[p]`` is a level-1 label followed by a level-2 one, or a level-2 label:
    the indicator part of a row whose leading (project) cells were merged from above."""
    text = lines[p].text
    if is_level1(text) and p + 1 < n and is_level2(lines[p + 1].text, text):
        return True
    return is_level2(text)


def line_cell(line: TextLine) -> TextCell:
    return TextCell(line.text, line.number, line.number)


def joined_cell(lines: list[TextLine]) -> TextCell:
    filled = [line for line in lines if line.text]
    if not filled:
        return TextCell("")
    return TextCell("\n".join(x.text for x in filled), filled[0].number, filled[-1].number)


@dataclass
class HeldMoney:
    """A money label and its amount, held back in case the next pair shares its row."""

    kind: str
    cells: list[TextCell | None]
    coupled: bool = False


def flush_held(grid: GridBuilder, held: HeldMoney | None) -> None:
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
        if all(len({is_amount(row[c].text) for row in rows}) == 1 for c in range(width)):
            return width
    return None


def column_leaves(labels: list[TextLine], width: int) -> list[TextLine]:
    """The labels that head a column of values: a label over others (预算金额（万元） over
    总额 / 财政拨款 / 其他资金, recognisable by its unit) is left out, then leading ones."""
    leaves = list(labels)
    for label in labels:
        if len(leaves) > width and carries_money_unit(label.text):
            leaves.remove(label)
    return leaves[len(leaves) - width :]
