"""The 资金支出计划 of a project table: the months' cumulative percentages, read from the cells
under the month labels or from a plan written inside one cell. A part of ``ProjectBuilder``."""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.assemble.field_values import parse_amount
from jixiao.assemble.indicator_rows import one_line
from jixiao.layout import Cell, LayoutWarning, Position
from jixiao.model import ExtraField

__all__ = ["SpendingPlanCells"]

_PLAN_MONTH = re.compile(r"(1[0-2]|[1-9])\s*月(?:底|末)?")
_PLAN_FIGURE = re.compile(r"[0-9]+(?:\.[0-9]+)?")


class SpendingPlanCells:
    """Reading the plan and the amounts; mixed into ``ProjectBuilder``, whose fields these are."""

    plan: dict[int, Decimal | None]
    extra: list[ExtraField]
    warnings: list[LayoutWarning]
    _months: dict[int, int]
    _state: str

    def _amount(self, cell: Cell, text: str, label: str) -> Decimal | None:
        try:
            return parse_amount(text)
        except ValueError:
            self._warn(
                "amount_unreadable",
                f"“{one_line(label)}”的金额“{text.strip()}”不是数字，已留空",
                cell.position,
            )
            return None

    def _plan_in_cells(self, row: list[Cell]) -> bool:
        """The plan written inside the row's own cells (a table nested in the cell beside the
        label, flattened by the reader: ``3月底 6月底 10月底 12月底⏎25% 50% 75% 100%``): the
        months and, in order, as many figures; other text is kept as an extra field. False
        when the figures are not here (the month labels, or nothing, beside the label)."""
        rest = [c for c in row if c.text.strip() and "资金支出计划" not in "".join(c.text.split())]
        text = "\n".join(c.text for c in rest)
        months = [int(m) for m in _PLAN_MONTH.findall(text)]
        figures = _PLAN_FIGURE.findall(_PLAN_MONTH.sub(" ", text))
        if not figures:
            return False
        label = one_line(next(c.text for c in row if "资金支出计划" in "".join(c.text.split())))
        if len(figures) == len(months) and set(months) <= {3, 6, 10, 12}:
            for month, figure in zip(months, figures, strict=True):
                self.plan[month] = self._amount(rest[0], figure, f"{month}月底支出计划")
        else:
            self.extra.append(ExtraField(label=label, text=text))
            self._warn(
                "spending_plan_unreadable",
                f"“{label}”一栏的内容未能按月份读出，已原样保留为附加信息",
                rest[0].position,
            )
        self._state = "after_plan"
        return True

    def _plan_values(self, grid_row: list[Cell | None], r: int) -> None:
        for col, month in self._months.items():
            cell = grid_row[col] if col < len(grid_row) else None
            if cell is None or cell.row != r:
                self.plan[month] = None
                continue
            self.plan[month] = self._amount(cell, cell.text, f"{month}月底支出计划")

    def _warn(self, code: str, message: str, position: Position) -> None:
        self.warnings.append(LayoutWarning(code, message, position))
