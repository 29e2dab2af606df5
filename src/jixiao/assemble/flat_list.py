"""Flat lists (family F): one row per indicator, the project's columns on every row.

System exports print 单位名称 / 项目名称 / 预算数 / 年度目标 beside the indicator columns and fill
them only on a block's first row (merged in the original, blank in a copy). A row whose own
project cells name another project or unit starts that project; a blank or merged cell means
the same project as the row above.
"""

from __future__ import annotations

from dataclasses import dataclass

from jixiao.assemble.columns import Columns
from jixiao.assemble.field_values import parse_unit
from jixiao.assemble.indicator_rows import IndicatorRows
from jixiao.assemble.project_table import ProjectBuilder
from jixiao.layout import Cell

__all__ = ["FlatProjects"]

_KEY_ROLES = ("p_unit", "p_code", "p_name")
_FIELD_OF_ROLE = {
    "p_unit": "unit",
    "p_code": "code",
    "p_name": "name",
    "p_total": "total",
    "p_fiscal": "fiscal",
    "p_other": "other",
    "p_goals": "goals",
    "p_purpose": "purpose",
}


@dataclass
class FlatProjects:
    columns: Columns

    def route(self, current: ProjectBuilder, grid_row: list[Cell | None], r: int) -> ProjectBuilder:
        """The project this row belongs to: ``current``, or a new one it starts."""
        own: dict[str, tuple[str, Cell]] = {}
        for col, role in self.columns.roles.items():
            if not role.startswith("p_"):
                continue
            cell = grid_row[col] if col < len(grid_row) else None
            if cell is not None and cell.row == r and cell.text.strip():
                own[role] = (cell.text.strip(), cell)
        if not own:
            return current
        target = current
        if current.indicators and self._differs(current, own):
            target = ProjectBuilder(seq=current.seq + 1)
            target.columns = self.columns
            target.rows = IndicatorRows(self.columns)
            target.header_width = current.header_width
            target.money_unit = current.money_unit
            target.set_state_indicators()
            if "p_unit" not in own and current.unit_labelled:
                target.unit, target.unit_labelled = current.unit, True
        for role, (text, cell) in own.items():
            target.set_field(_FIELD_OF_ROLE[role], text, cell)
        return target

    @staticmethod
    def _differs(current: ProjectBuilder, own: dict[str, tuple[str, Cell]]) -> bool:
        for role in _KEY_ROLES:
            if role not in own:
                continue
            text = own[role][0]
            if role == "p_unit" and parse_unit(text) != current.unit:
                return True
            if role == "p_code" and "".join(text.split()) != current.code:
                return True
            if role == "p_name" and " ".join(text.split()) != (current.name or ""):
                return True
        return False
