"""What the assembler's dictionaries say about one piece of text, for readers of text that lost
its table structure (one cell per line, copied from a web page).

Such a reader must tell a label from a value and a level-1 label from a level-3 name to
rebuild the rows. It asks here, so there is one dictionary: the header-field labels
(``labels``), the column roles (``columns``), the department task columns, the spending-plan
months and the indicator framework (``model.categories``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from jixiao.assemble.columns import header_columns, role_of
from jixiao.assemble.department_table import TASK_COLUMNS
from jixiao.assemble.labels import label_key, match_label, money_unit_in
from jixiao.assemble.project_table import MONTH
from jixiao.model.categories import categorize, level1_code, level1_for
from jixiao.textutil import to_simplified

__all__ = [
    "GROUP_FIELDS",
    "MONEY_FIELDS",
    "CellLabel",
    "carries_money_unit",
    "cell_label",
    "is_header_run",
    "is_level1",
    "is_level2",
    "is_money_unit_line",
    "is_table_title",
]

GROUP_FIELDS = frozenset({"indicators_group", "goals_group", "money_group", "tasks"})
"""Labels printed down a table's left edge over several rows (a rowspan), with no own value."""
MONEY_FIELDS = frozenset({"total", "fiscal", "other", "mid_total"})

_PROJECT_TITLE = re.compile(
    r"^\s*[0-9一二三四五六七八九十]{1,3}\s*[、.．]\s*\S.*绩效目标\S{0,6}表\s*$"
)
_TABLE_TITLE = re.compile(r"绩效目标(?:申报|批复|设定|申报审核)?表\s*$")


@dataclass(frozen=True, slots=True)
class CellLabel:
    """A cell's text read as a label: the header field it names and/or its column role."""

    field: str | None  # a header field of ``labels.FIELD_LABELS``, "task" or "month"
    role: str | None  # a column role of ``columns.ROLE_LABELS``


@lru_cache(maxsize=16384)
def cell_label(text: str) -> CellLabel | None:
    """The label a whole cell's text is, or None for a value (``项目名称`` yes,
    ``项目名称：乡村道路`` no: that is a label and its value in one cell)."""
    stripped = text.strip()
    if not stripped or len(stripped) > 24:
        return None
    role = role_of(stripped)
    found = match_label(stripped, glued=False)
    field = found.field if found is not None else None
    if field is None and label_key(stripped) in TASK_COLUMNS:
        field = "task"
    if field is None and MONTH.match("".join(stripped.split())):
        field = "month"
    if field is None and role is None:
        return None
    return CellLabel(field, role)


def is_header_run(texts: list[str]) -> bool:
    """Whether these cells, side by side, are an indicator table's header row."""
    return header_columns([(i, 1, t) for i, t in enumerate(texts)]) is not None


def is_level1(text: str) -> bool:
    return len(text) <= 16 and level1_code(text) is not None


def is_level2(text: str, level1: str = "") -> bool:
    """A level-2 label: under ``level1`` when given, else anywhere in the framework."""
    if len(text) > 20:
        return False
    if level1 and categorize(level1, text) is not None:
        return True
    return level1_for(text) is not None


def is_money_unit_line(text: str) -> bool:
    """``单位：万元`` / ``金额单位：元`` standing alone (not a label such as 项目资金（万元））."""
    return len(text.strip()) <= 16 and money_unit_in(text) is not None and cell_label(text) is None


def carries_money_unit(text: str) -> bool:
    """A label that states its unit: ``预算金额（万元）``."""
    return money_unit_in(text) is not None


def is_table_title(text: str) -> bool:
    """``1、某项目绩效目标表``, ``项目支出绩效目标申报表``: a title above a table, not a cell."""
    stripped = to_simplified(text.strip())
    return len(stripped) <= 60 and bool(
        _PROJECT_TITLE.match(stripped) or _TABLE_TITLE.search(stripped)
    )
