"""The values of header fields as printed: amounts, units (with their codes) and goal lists.

Shared by every table reader of the assembler (project tables, flat lists, department
tables, prose notices), so that an amount or a unit reads the same wherever it is printed.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from jixiao.model import Unit
from jixiao.textutil import LIST_MARKER, join_wrapped, normalize_space, strip_list_marker

__all__ = [
    "UNIT_OWNER",
    "continue_goals",
    "names_organisation",
    "parse_amount",
    "parse_unit",
    "split_goals",
]

UNIT_OWNER = re.compile(r"^[\[【(（]?\s*([0-9]{3,})\s*[\]】)）]?\s*[-－—_:：]?\s*(.*)$", re.S)
_INLINE_GOAL = re.compile(
    r"(?<=[；;。])\s*(?=(?:[0-9]{1,2}(?:、|[.．](?![0-9]))|目标[0-9一二三四五六七八九十]{1,2}[：:]))"
)
_GOAL_MARKER = re.compile(r"^\s*目标\s*[0-9一二三四五六七八九十]{1,2}\s*[：:]\s*")
_SENTENCE_END = ("。", "；", ";", "！", "!", "？", "?", ".")
# The end of an organisation's name: free text alone in a table's first row is its unit only
# when it names one (某县交通运输局, 某县第一中学), never a note (以下内容据实填写).
_ORGANISATION = re.compile(
    r"(?:局|委|委员会|办|办公室|院|中心|学校|学院|小学|中学|大学|幼儿园|医院|卫生院|站|所|队|馆"
    r"|社|厅|部|处|科|政府|街道|街道办事处|乡|镇|村|村委会|居委会|公司|集团|协会|学会|联合会|会"
    r"|团|室|场|园|台|署|庭|监狱|部门|单位)\s*(?:[（(][^（）()]{1,8}[）)])?$"
)


def names_organisation(name: str) -> bool:
    """Whether a text names an organisation (某县交通运输局, 某县第一中学)."""
    return _ORGANISATION.search(name) is not None


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
