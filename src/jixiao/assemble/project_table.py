"""Reading one 绩效目标表 from table rows, by the labels in its cells, not by fixed positions.

Rows arrive in order from one or more tables (a DOCX may split the header block and the
indicator table). Label cells are recognised with whitespace removed, so ``其中：财政    资金``
and a label wrapped in a PDF read the same. Merged 一级/二级 cells, whether spans (DOCX, XLSX)
or blank cells (text exports), are inherited from the row above.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from jixiao.layout import Cell, LayoutWarning, Position
from jixiao.model import Budget, Indicator, Project, SpendingPoint, Unit, categorize
from jixiao.textutil import join_wrapped, normalize_space, strip_list_marker
from jixiao.values import parse_value

__all__ = ["MONEY_UNIT", "ProjectBuilder", "parse_amount"]

_MONTH = re.compile(r"^(3|6|10|12)月(?:底|末)?$")
_UNIT_OWNER = re.compile(r"^([0-9]{3,})\s*(.*)$")
MONEY_UNIT = re.compile(r"单位[：:]\s*(万元|元)")
_INLINE_GOAL = re.compile(r"(?<=[；;。])\s*(?=[0-9]{1,2}[、.．](?![0-9]))")
_HEADER_KEYS = {
    "一级指标": "level1",
    "二级指标": "level2",
    "三级指标": "name",
    "绩效指标描述": "description",
    "指标描述": "description",
    "指标值": "value",
    "指标值确定依据": "basis",
    "确定依据": "basis",
}
_TOTAL_LABELS = ("预算数", "预算金额", "资金总额", "年度预算数")
_FISCAL_LABELS = ("其中：财政资金", "财政资金", "其中：财政拨款", "财政拨款")
_OTHER_LABELS = ("其他资金", "其中：其他资金")


def _key(text: str) -> str:
    return "".join(text.split()).replace(":", "：")


def parse_amount(text: str) -> Decimal | None:
    """``72.64`` → Decimal('72.64'); blank → None; ``1,234.50`` → Decimal('1234.50')."""
    cleaned = "".join(text.split()).replace(",", "").replace("，", "").rstrip("%％")
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(text) from None
    if not value.is_finite():
        raise ValueError(text)
    return value


@dataclass
class ProjectBuilder:
    """Collects one project's rows; ``build()`` turns them into a ``Project``."""

    seq: int
    title: str | None = None
    first_line: int | None = None
    last_line: int | None = None
    first_page: int | None = None  # paged formats (PDF) and spreadsheets: where the table starts
    sheet: str | None = None
    unit: Unit = field(default_factory=Unit)
    money_unit: str = "万元"
    code: str | None = None
    name: str | None = None
    budget: Budget = field(default_factory=Budget)
    purpose: str | None = None
    plan: dict[int, Decimal | None] = field(default_factory=dict)
    goals: list[str] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    warnings: list[LayoutWarning] = field(default_factory=list)
    columns: dict[int, str] | None = None
    header_width: int = 0
    last_row_short: bool = False
    _state: str = "start"
    _months: dict[int, int] = field(default_factory=dict)
    _level1: str = ""
    _level2: str = ""

    def is_finished(self) -> bool:
        """Indicators have been read: a new 单位 or 项目编码 row belongs to the next project."""
        return self.columns is not None and bool(self.indicators)

    # -- rows ---------------------------------------------------------------------------

    def add_row(self, row: list[Cell], grid_row: list[Cell | None], r: int) -> None:
        self._touch(row)
        keys = [_key(cell.text) for cell in row]
        if self._state == "indicators" and "一级指标" not in keys:
            self._indicator_row(grid_row, r)
            return
        if not any(keys) and self._state != "plan_values":
            return  # a blank row between blocks (spreadsheets keep them) is not the purpose row
        if any(MONEY_UNIT.search(k) for k in keys):
            self._unit_row(row)
        elif "项目编码" in keys or "项目名称" in keys:
            self._identity_row(row, keys)
        elif any(k in _TOTAL_LABELS for k in keys):
            self._money_row(row, keys)
            self._state = "after_money"
        elif any("资金支出计划" in k for k in keys):
            self._months = {
                cell.col: int(m.group(1))
                for cell, k in zip(row, keys, strict=True)
                if (m := _MONTH.match(k))
            }
            self._state = "plan_values"
        elif self._state == "plan_values":
            self._plan_values(grid_row, r)
            self._state = "after_plan"
        elif keys and keys[0] in ("绩效目标", "年度绩效目标", "项目绩效目标", "年度目标"):
            self.goals = split_goals("\n".join(cell.text for cell in row[1:]))
        elif "一级指标" in keys and ("三级指标" in keys or "指标值" in keys):
            self.columns = {
                cell.col: _HEADER_KEYS[k]
                for cell, k in zip(row, keys, strict=True)
                if k in _HEADER_KEYS
            }
            self.header_width = sum(cell.colspan for cell in row)
            self._state = "indicators"
        elif self._state == "after_money" and (
            not keys[0] or keys[0] == "资金用途" or _label_merged_from_above(grid_row, r)
        ):
            own = row if _label_merged_from_above(grid_row, r) else row[1:]
            text = join_wrapped([cell.text for cell in own if cell.text.strip()])
            self.purpose = normalize_space(text) or None
            self._state = "after_purpose"

    def _touch(self, row: list[Cell]) -> None:
        lines = [n for cell in row for n in (cell.position.line, cell.position.end_line) if n]
        if lines:
            self.first_line = min([*lines, *([self.first_line] if self.first_line else [])])
            self.last_line = max([*lines, *([self.last_line] if self.last_line else [])])
        for cell in row:
            self.first_page = self.first_page or cell.position.page
            self.sheet = self.sheet or cell.position.sheet

    def _unit_row(self, row: list[Cell]) -> None:
        for cell in row:
            found = MONEY_UNIT.search(_key(cell.text))
            if found:
                self.money_unit = found.group(1)
                continue
            owner = normalize_space(cell.text).replace("\n", "")
            if not owner:
                continue
            match = _UNIT_OWNER.match(owner)
            if match:
                self.unit = Unit(code=match.group(1), name=match.group(2).strip() or None)
            else:
                self.unit = Unit(code=None, name=owner)

    def _identity_row(self, row: list[Cell], keys: list[str]) -> None:
        for i, key in enumerate(keys[:-1]):
            value = row[i + 1].text
            if key == "项目编码":
                self.code = "".join(value.split()) or None
            elif key == "项目名称":
                self.name = normalize_space(join_wrapped(value.split("\n"))) or None

    def _money_row(self, row: list[Cell], keys: list[str]) -> None:
        amounts: dict[str, Decimal | None] = {}
        for i, key in enumerate(keys[:-1]):
            slot = (
                "total"
                if key in _TOTAL_LABELS
                else "fiscal"
                if key in _FISCAL_LABELS
                else "other"
                if key in _OTHER_LABELS
                else None
            )
            if slot is not None:
                amounts[slot] = self._amount(row[i + 1], key)
        self.budget = Budget(**amounts)

    def _amount(self, cell: Cell, label: str) -> Decimal | None:
        try:
            return parse_amount(cell.text)
        except ValueError:
            self._warn(
                "amount_unreadable",
                f"“{label}”的金额“{cell.text.strip()}”不是数字，已留空",
                cell.position,
            )
            return None

    def _plan_values(self, grid_row: list[Cell | None], r: int) -> None:
        for col, month in self._months.items():
            cell = grid_row[col] if col < len(grid_row) else None
            if cell is None or cell.row != r:
                self.plan[month] = None
                continue
            self.plan[month] = self._amount(cell, f"{month}月底支出计划")

    def _indicator_row(self, grid_row: list[Cell | None], r: int) -> None:
        assert self.columns is not None
        fields: dict[str, str] = {}
        inherited: dict[str, bool] = {}
        for i, name in self.columns.items():
            cell = grid_row[i] if i < len(grid_row) else None
            fields[name] = cell.text.strip() if cell is not None else ""
            inherited[name] = cell is not None and cell.row != r
        cells = [c for c in grid_row if c is not None and c.row == r]
        if not any(v for k, v in fields.items() if not inherited[k]):
            return  # an empty row (the exports leave them at the end of tables)
        # A row covering fewer grid slots than the header has cells was cut off. (The grid is
        # as wide as the table's widest row, so count the slots this row's cells cover.)
        self.last_row_short = sum(1 for c in grid_row if c is not None) < self.header_width
        own_level1 = "" if inherited.get("level1") else normalize_space(fields.get("level1", ""))
        own_level2 = "" if inherited.get("level2") else normalize_space(fields.get("level2", ""))
        if own_level1:
            level1, level2 = own_level1, own_level2
        else:
            level1, level2 = self._level1, own_level2 or self._level2
        self._level1, self._level2 = level1, level2
        value_text = fields.get("value", "")
        lines = [n for c in cells for n in (c.position.line, c.position.end_line) if n]
        first = cells[0].position if cells else Position()
        position = Position(
            line=min(lines) if lines else None,
            end_line=max(lines) if lines else None,
            page=first.page,
            table=first.table,
            row=first.row,
            sheet=first.sheet,
        )
        self.indicators.append(
            Indicator(
                level1=level1,
                level2=level2,
                category=categorize(level1, level2),
                name=_one_line(fields.get("name", "")),
                description=_one_line(fields.get("description", "")) or None,
                value_text=value_text,
                value=parse_value(value_text),
                basis=_one_line(fields.get("basis", "")) or None,
                source=position.to_location(),
            )
        )

    def _warn(self, code: str, message: str, position: Position) -> None:
        self.warnings.append(LayoutWarning(code, message, position))

    # -- result -------------------------------------------------------------------------

    def is_complete(self) -> bool:
        """A project cut off mid-table lacks its indicators or ends in a short row."""
        return bool(
            self.name and self.columns is not None and self.indicators and not self.last_row_short
        )

    def build(self) -> Project:
        plan = (
            [SpendingPoint(month=m, percent=self.plan.get(m)) for m in (3, 6, 10, 12)]
            if self.plan
            else []
        )
        return Project(
            seq=self.seq,
            title=self.title,
            unit=self.unit,
            code=self.code,
            name=self.name or (self.title or ""),
            money_unit="元" if self.money_unit == "元" else "万元",
            budget=self.budget,
            purpose=self.purpose,
            spending_plan=plan,
            goals=self.goals,
            indicators=self.indicators,
            source=Position(
                line=self.first_line,
                end_line=self.last_line,
                page=self.first_page,
                sheet=self.sheet,
            ).to_location(),
        )


def _label_merged_from_above(grid_row: list[Cell | None], r: int) -> bool:
    """The row's first grid slot belongs to a cell merged down from a row above (or none)."""
    return not grid_row or grid_row[0] is None or grid_row[0].row != r


def _one_line(text: str) -> str:
    return normalize_space(join_wrapped(text.split("\n")).replace("\n", ""))


def split_goals(text: str) -> list[str]:
    """Numbered goal sentences → list, list markers removed (``1、保障…`` → ``保障…``)."""
    goals: list[str] = []
    for line in normalize_space(text).split("\n"):
        for part in _INLINE_GOAL.split(line):
            goal = strip_list_marker(part)
            if goal:
                goals.append(goal)
    return goals
