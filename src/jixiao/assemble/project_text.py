"""Reading the text of a 绩效目标表's cells: amounts, the unit that owns a project, goal
sentences, and the value columns printed under one 指标值 title. Shared by the table readers
(``project_table``, ``department_table``, ``prose``, ``flat_list``)."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from jixiao.assemble.columns import role_of
from jixiao.layout import Cell
from jixiao.model import Unit
from jixiao.textutil import LIST_MARKER, join_wrapped, normalize_space, strip_list_marker

__all__ = [
    "UNIT_OWNER",
    "continue_goals",
    "parse_amount",
    "parse_unit",
    "split_goals",
    "value_part",
]

UNIT_OWNER = re.compile(r"^[\[【(（]?\s*([0-9]{3,})\s*[\]】)）]?\s*[-－—_:：]?\s*(.*)$", re.S)
_INLINE_GOAL = re.compile(
    r"(?<=[；;。])\s*(?=(?:[0-9]{1,2}(?:、|[.．](?![0-9]))|目标[0-9一二三四五六七八九十]{1,2}[：:]))"
)
_GOAL_MARKER = re.compile(r"^\s*目标\s*[0-9一二三四五六七八九十]{1,2}\s*[：:]\s*")
# The end of an organisation's name: free text alone in a table's first row is its unit only
# when it names one (某县交通运输局, 某县第一中学), never a note (以下内容据实填写).
_SENTENCE_END = ("。", "；", ";", "！", "!", "？", "?", ".")


def parse_amount(text: str) -> Decimal | None:
    """``72.64`` → Decimal('72.64'); blank → None; ``1,234.50`` → Decimal('1234.50')."""
    cleaned = "".join(text.split()).replace(",", "").replace("，", "").rstrip("%％")
    for suffix in ("万元", "元"):
        cleaned = cleaned.removesuffix(suffix)
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(text) from None
    if not value.is_finite():
        raise ValueError(text)
    return value


def parse_unit(text: str) -> Unit:
    """``630002秦皇岛市…局``, ``[610001]某县教育局``, ``219001-某中心`` → code and name."""
    owner = normalize_space(text).replace("\n", "")
    match = UNIT_OWNER.match(owner)
    if match:
        return Unit(code=match.group(1), name=match.group(2).strip() or None)
    return Unit(code=None, name=owner or None)


def value_part(cell: Cell, above: list[Cell] | None) -> str:
    """A column title under a 指标值 printed over several columns (指标值 over 符号 | 数值 |
    单位): a title no dictionary knows there (数值, 值) is the value's figure, so the header
    reads 符号 | 指标值 | 单位 and the parts are joined as in a split-value export."""
    text = cell.text
    if not above or not text.strip() or role_of(text) is not None:
        return text
    # the title over this column: the last filled cell of the row above starting at or
    # before it (the cell covering it, or 指标值 followed by empty slots when a copy lost the
    # merge)
    title = max(
        (c for c in above if c.col <= cell.col and c.text.strip()),
        key=lambda c: c.col,
        default=None,
    )
    if title is not None and title.col < cell.col and role_of(title.text) == "value":
        return "指标值"
    return text


def continue_goals(goals: list[str], text: str) -> list[str]:
    """More goal text below the goals read so far (a row cut by a page break): a sentence cut
    in the middle (no closing punctuation, the rest not numbered) is joined back."""
    more = split_goals(text)
    cut = bool(goals) and not goals[-1].endswith(_SENTENCE_END)
    numbered = LIST_MARKER.match(text.strip()) or _GOAL_MARKER.match(text)
    if cut and more and not numbered:
        return [*goals[:-1], join_wrapped([goals[-1], more[0]]), *more[1:]]
    return goals + more


def split_goals(text: str) -> list[str]:
    """Numbered goal sentences → list, list markers removed (``1、保障…`` → ``保障…``)."""
    goals: list[str] = []
    for line in normalize_space(text).split("\n"):
        for part in _INLINE_GOAL.split(line):
            goal = strip_list_marker(_GOAL_MARKER.sub("", part))
            if goal:
                goals.append(goal)
    return goals
