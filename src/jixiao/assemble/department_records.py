"""A 部门整体 自评表 / 监控表: a table read like a project's that describes the department.

A published 部门整体支出绩效自评表 or 部门整体绩效监控表 has the layout of the project tables
(budget block, 年度总体目标, indicator rows with actuals and scores), so the one pipeline reads
it with the same builder. What makes it the department's is label data, never a branch per
template: its title (``部门整体…自评表`` above the table), a budget block labelled for the
department (部门预算, 部门预算执行情况), or a 部门名称 in place of a 项目名称. The project it
was read into is then folded into ``Document.department``: indicators, goals, unit, budget
and its self-evaluation or monitoring record.
"""

from __future__ import annotations

import re
from functools import lru_cache

from jixiao.assemble.field_values import parse_unit
from jixiao.assemble.labels import label_key
from jixiao.model import Budget, Department, Project, Unit
from jixiao.textutil import to_simplified

__all__ = [
    "DEPARTMENT_BUDGET_LABELS",
    "is_department_budget_label",
    "is_department_title",
    "merge_department",
]

# Budget-block labels (as ``label_key`` leaves them) that only a department's table prints.
DEPARTMENT_BUDGET_LABELS = frozenset(
    {
        "部门预算",
        "部门预算执行情况",
        "部门整体预算执行情况",
        "部门预算资金",
        "部门资金",
        "部门整体支出",
        "部门整体支出情况",
        "部门整体资金",
    }
)
_TITLE = re.compile(r"部门整体.{0,12}(?:自评|监控|评价)表")
_LIFECYCLE_TITLE = re.compile(r"(?:自评|监控|评价)表")


@lru_cache(maxsize=4096)  # asked of every paragraph; OpenCC is the cost
def is_department_title(text: str) -> bool | None:
    """True for a 部门整体 自评表 / 监控表 title, False for another 自评表 / 监控表 title
    (a project's), None for any other line."""
    compact = "".join(to_simplified(text).split())
    if len(compact) > 60 or not _LIFECYCLE_TITLE.search(compact):
        return None
    return _TITLE.search(compact) is not None


def is_department_budget_label(text: str) -> bool:
    return len(text) <= 30 and label_key(text) in DEPARTMENT_BUDGET_LABELS


def merge_department(department: Department, read: Project) -> Department:
    """The department with what a department-wide 自评表 / 监控表 read as ``read`` holds;
    what the department already has from its target table (family G) is kept."""
    update: dict[str, object] = {}
    if read.indicators and not department.indicators:
        update["indicators"] = read.indicators
    if read.goals and not department.overall_goals:
        update["overall_goals"] = read.goals
    if department.unit is None or department.unit.name is None:
        unit = read.unit if read.unit.name else parse_unit(read.name) if read.name else None
        if unit is not None and unit != Unit():
            update["unit"] = unit
    if department.money_unit is None:
        update["money_unit"] = read.money_unit
    total = read.budget.total
    if total is None and read.self_evaluation is not None:
        total = read.self_evaluation.initial_budget
    if (department.budget is None or department.budget.total is None) and total is not None:
        update["budget"] = read.budget.model_copy(update={"total": total})
    elif department.budget is None and read.budget != Budget():
        update["budget"] = read.budget
    if read.extra:
        update["extra"] = [*department.extra, *read.extra]
    if read.self_evaluation is not None:
        update["self_evaluation"] = read.self_evaluation
    if read.monitoring:
        months = {r.month for r in read.monitoring}
        kept = [r for r in department.monitoring if r.month not in months]
        update["monitoring"] = sorted([*kept, *read.monitoring], key=lambda r: r.month)
    return department.model_copy(update=update)
