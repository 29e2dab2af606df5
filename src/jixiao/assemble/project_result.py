"""What a finished project table becomes: is it complete, its warnings, and the ``Project``.
A part of ``ProjectBuilder``."""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.assemble.columns import LIFECYCLE_ROLES, Columns
from jixiao.assemble.field_values import parse_unit
from jixiao.assemble.indicator_rows import IndicatorRows, one_line
from jixiao.assemble.lifecycle_budget import BudgetRows
from jixiao.assemble.lifecycle_tables import attach_records
from jixiao.layout import LayoutWarning, Position
from jixiao.model import Budget, ExtraField, Indicator, Project, SpendingPoint, Unit
from jixiao.model.document import FormPart

__all__ = ["ProjectResult"]

_CODE_PREFIX = re.compile(r"^([0-9A-Z]{12,})\s*[-－—_]\s*(\S.*)$", re.S)


class ProjectResult:
    """The result side of ``ProjectBuilder`` (mixed in; the fields are the builder's)."""

    seq: int
    title: str | None
    first_line: int | None
    last_line: int | None
    first_page: int | None
    sheet: str | None
    unit: Unit
    money_unit: str
    code: str | None
    name: str | None
    budget: dict[str, Decimal | None]
    mid_budget: dict[str, Decimal | None]
    purpose: str | None
    plan: dict[int, Decimal | None]
    goals: list[str]
    mid_goals: list[str]
    extra: list[ExtraField]
    warnings: list[LayoutWarning]
    columns: Columns | None
    rows: IndicatorRows | None
    department: str | None
    printed: set[str]
    department_wide: bool
    department_named: bool
    _touched: bool
    budget_rows: BudgetRows

    def is_finished(self) -> bool:
        """Indicators have been read: a new project header belongs to the next project."""
        return self.columns is not None and bool(self.indicators)

    def is_empty(self) -> bool:
        return not self._touched

    def is_department(self) -> bool:
        """A department's 自评表 / 监控表, to be folded into the document's department."""
        if not self.indicators:
            return False
        # 部门名称 alone says so only on a 自评表 / 监控表 naming no project (nor titled as one)
        lifecycle = self.columns is not None and bool(
            set(self.columns.roles.values()) & LIFECYCLE_ROLES
        )
        named = self.department_named and lifecycle and not (self.name or self.code or self.title)
        return self.department_wide or named

    @property
    def indicators(self) -> list[Indicator]:
        return [] if self.rows is None else self.rows.indicators

    @property
    def last_row_short(self) -> bool:
        return self.rows is not None and self.rows.last_row_short

    def is_complete(self) -> bool:
        """A project cut off mid-table lacks its indicators or ends in a short row."""
        return bool(
            (self.name or self.title)
            and self.columns is not None
            and self.indicators
            and not self.last_row_short
        )

    def all_warnings(self) -> list[LayoutWarning]:
        return self.warnings + ([] if self.rows is None else self.rows.warnings)

    def form_lacks(self) -> list[FormPart]:
        """The parts this project's form has no place for: no label was met and no column has
        the role (a blank under a printed label is the unit's omission, not the form's)."""
        roles = set() if self.columns is None else set(self.columns.roles.values())
        known = self.columns is not None and not self.columns.inferred
        lacks: list[FormPart] = []
        if self.code is None and "code" not in self.printed and "p_code" not in roles:
            lacks.append("code")
        if self.purpose is None and "purpose" not in self.printed and "p_purpose" not in roles:
            lacks.append("purpose")
        if not self.plan:
            lacks.append("spending_plan")
        if known and "description" not in roles:
            lacks.append("description")
        if known and "basis" not in roles:
            lacks.append("basis")
        return lacks

    def build(self) -> Project:
        plan = (
            [SpendingPoint(month=m, percent=self.plan.get(m)) for m in (3, 6, 10, 12)]
            if self.plan
            else []
        )
        unit = self.unit
        extra = self.extra
        if unit == Unit() and self.department:
            unit = parse_unit(self.department)
            extra = [e for e in extra if e.text != one_line(self.department)]
        code, name = self.code, self.name
        if code is None and name and (found := _CODE_PREFIX.match(name)):
            code, name = found.group(1), found.group(2).strip()
        project = Project(
            seq=self.seq,
            title=self.title,
            unit=unit,
            code=code,
            name=name or (self.title or ""),
            money_unit="元" if self.money_unit == "元" else "万元",
            budget=Budget(**self.budget),
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
            mid_term_budget=Budget(**self.mid_budget) if self.mid_budget else None,
            mid_term_goals=self.mid_goals,
            extra=extra,
            form_lacks=self.form_lacks(),
        )
        self.warnings += self.budget_rows.warnings()
        return attach_records(project, self.warnings)  # a 自评表 / 监控表's records
