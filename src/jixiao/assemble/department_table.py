"""Department-wide target tables (family G: 部门整体支出绩效目标表) → the department part.

The table names the department, its functions, its main tasks with their money (a sub-table
任务名称 / 主要内容 / 预算金额 with 总额 / 财政拨款 / 其他资金), the total, the year's overall
goal and the department's indicators. Fields are found by the label dictionary, the tasks and
indicators by the roles of their header cells, as in project tables.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.assemble.columns import header_columns
from jixiao.assemble.field_values import parse_amount, parse_unit, split_goals
from jixiao.assemble.indicator_rows import IndicatorRows, one_line
from jixiao.assemble.labels import label_key, match_label, money_unit_in
from jixiao.layout import Cell, LayoutWarning, Table
from jixiao.model import Budget, Department, DepartmentTask, ExtraField, Unit

__all__ = ["TASK_COLUMNS", "DepartmentTable", "is_department_table"]

_MARKERS = {"dept_name", "functions", "tasks"}
TASK_COLUMNS = {
    "任务名称": "name",
    "任务": "name",
    "主要内容": "content",
    "任务内容": "content",
    "主要任务内容": "content",
    "总额": "total",
    "金额": "total",
}
_MONEY_COLUMNS = {"total": "total", "fiscal": "fiscal", "other": "other"}


def is_department_table(table: Table) -> bool:
    """A table with at least two of 部门名称 / 部门职能概述 / 年度主要任务 as labels."""
    fields = set()
    for cell in table.cells:
        found = match_label(cell.text, glued=False)
        if found is not None and found.field in _MARKERS:
            fields.add(found.field)
    return len(fields) >= 2


@dataclass
class DepartmentTable:
    unit: Unit | None = None
    functions: str | None = None
    money_unit: str | None = None
    budget: Budget | None = None
    tasks: list[DepartmentTask] = field(default_factory=list)
    goals: list[str] = field(default_factory=list)
    extra: list[ExtraField] = field(default_factory=list)
    rows: IndicatorRows | None = None
    warnings: list[LayoutWarning] = field(default_factory=list)
    found: bool = False
    _task_cols: dict[int, str] = field(default_factory=dict)
    _state: str = "fields"

    def read(self, table: Table) -> None:
        self.found = True
        grid = table.grid()
        for r, row in enumerate(table.rows()):
            if not any(c.text.strip() for c in row):
                continue
            for cell in row:
                unit = money_unit_in(cell.text)
                if unit:
                    self.money_unit = unit
            columns = header_columns([(c.col, c.colspan, c.text) for c in row])
            if columns is not None:
                self.rows = IndicatorRows(columns)
                self._state = "indicators"
                continue
            first = match_label(row[0].text, glued=False) if row[0].col == 0 else None
            if self._state == "indicators" and first is None and self.rows is not None:
                self.rows.add(grid[r], r, 0)
                continue
            if self._task_header(row):
                self._state = "tasks"
                continue
            if self._state == "tasks" and first is None and self._task_cols:
                self._task_row(grid[r], r)
                continue
            self._state = "fields"
            self._fields(row)

    def _task_header(self, row: list[Cell]) -> bool:
        if any(_amount(c.text) is not None for c in row):
            return False  # a row of figures (金额合计) is not a header
        cols: dict[int, str] = {}
        for cell in row:
            key = label_key(cell.text)
            if key in TASK_COLUMNS:
                cols[cell.col] = TASK_COLUMNS[key]
            found = match_label(cell.text, glued=False)
            if found is not None and found.field in _MONEY_COLUMNS:
                cols[cell.col] = _MONEY_COLUMNS[found.field]
        money = set(cols.values()) & set(_MONEY_COLUMNS)
        if "name" in cols.values() or (self._task_cols and money):
            self._task_cols.update(cols)
            return True
        return False

    def _task_row(self, grid_row: list[Cell | None], r: int) -> None:
        values: dict[str, str] = {}
        for col, role in self._task_cols.items():
            cell = grid_row[col] if col < len(grid_row) else None
            if cell is not None and cell.row == r:
                values[role] = cell.text
        name = one_line(values.get("name", ""))
        if not name:
            return
        self.tasks.append(
            DepartmentTask(
                name=name,
                content=one_line(values.get("content", "")) or None,
                budget=Budget(**{k: _amount(values.get(k, "")) for k in _MONEY_COLUMNS}),
            )
        )

    def _fields(self, row: list[Cell]) -> None:
        label = match_label(row[0].text)
        if label is None:
            return
        rest = [c.text for c in row[1:] if c.text.strip()]
        value = label.rest or "\n".join(rest)
        if label.field == "dept_name" or label.field == "unit":
            self.unit = parse_unit(value)
        elif label.field == "functions":
            self.functions = one_line(value) or None
        elif label.field in ("goals", "dept_goals", "goals_group"):
            self.goals = split_goals(value)
        elif label.field == "total":
            amounts = [_amount(t) for t in rest]
            by_col = {c.col: c.text for c in row[1:]}
            money = {
                role: _amount(by_col.get(col, ""))
                for col, role in self._task_cols.items()
                if role in _MONEY_COLUMNS
            }
            if not any(v is not None for v in money.values()):
                money = dict(zip(("total", "fiscal", "other"), amounts, strict=False))
            self.budget = Budget(**money)
        elif label.field != "tasks":
            self.extra.append(ExtraField(label=one_line(label.label), text=one_line(value)))

    def merge_into(self, department: Department) -> Department:
        if not self.found:
            return department
        return department.model_copy(
            update={
                "unit": self.unit,
                "functions": self.functions,
                "money_unit": "元" if self.money_unit == "元" else "万元",
                "budget": self.budget,
                "tasks": self.tasks,
                "overall_goals": self.goals or department.overall_goals,
                "indicators": [] if self.rows is None else self.rows.indicators,
                "extra": self.extra,
            }
        )


def _amount(text: str) -> Decimal | None:
    try:
        return parse_amount(text)
    except ValueError:
        return None
