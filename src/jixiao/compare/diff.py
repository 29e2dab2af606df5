"""Building the year-over-year diff of two documents (OLD = the earlier year, NEW = the later).

``compare_documents`` matches the projects (``matching``), then for each pair compares the
budget, the goals and the indicators (``change``) — the department-wide table too, when both
documents have its indicators — and raises two kinds of flags:

- ``YOY-01`` 目标值低于上年: a matched indicator's target was lowered;
- ``YOY-02`` 预算增加而产出未增加: the budget rose by at least ``budget_increase`` per cent
  while no comparable 数量指标 target rose (at least one must be comparable).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jixiao.compare.change import CHANGE_LABELS, classify_change
from jixiao.compare.matching import match_indicators, match_projects
from jixiao.compare.result import (
    BudgetChange,
    DiffSummary,
    DocumentDiff,
    DocumentRef,
    Flag,
    GoalsChange,
    IndicatorChange,
    IndicatorRef,
    ProjectDiff,
    ProjectRef,
)
from jixiao.compare.text import normalise
from jixiao.model import Budget, Document, Indicator, Project, Unit
from jixiao.review.output.labels import SEVERITY_LABELS

__all__ = ["DEPARTMENT_NAME", "FLAG_TITLES", "DiffOptions", "compare_documents"]

FLAG_TITLES = {"YOY-01": "目标值低于上年", "YOY-02": "预算增加而产出未增加"}

_MONEY_SCALE = {"元": Decimal(1), "万元": Decimal(10_000)}
_QUANTITY = "output.quantity"


@dataclass(frozen=True)
class DiffOptions:
    project_threshold: float = 0.6
    """Least name similarity (0…1) for projects matched by name."""
    indicator_threshold: float = 0.6
    """Least name similarity (0…1) for indicators matched by name."""
    budget_increase: float = 10.0
    """Budget rise (per cent) from which flat quantity targets are flagged (YOY-02)."""


def _doc_ref(doc: Document) -> DocumentRef:
    units: list[str] = []
    for project in doc.projects:
        name = project.unit.name or project.unit.code
        if name and name not in units:
            units.append(name)
    return DocumentRef(
        name=doc.source.name, title=doc.title, fiscal_year=doc.fiscal_year, units=units
    )


def _project_ref(project: Project) -> ProjectRef:
    return ProjectRef(
        seq=project.seq,
        code=project.code,
        name=project.name,
        unit=project.unit.name or project.unit.code,
    )


def _indicator_ref(indicator: Indicator) -> IndicatorRef:
    return IndicatorRef(
        level1=indicator.level1,
        level2=indicator.level2,
        name=indicator.name,
        value_text=indicator.value_text,
    )


def _amount(budget: Budget) -> Decimal | None:
    return budget.total if budget.total is not None else budget.fiscal


def _budget_change(old: Project, new: Project) -> BudgetChange:
    before, after = _amount(old.budget), _amount(new.budget)
    if before is not None and old.money_unit != new.money_unit:
        before = before * _MONEY_SCALE[old.money_unit] / _MONEY_SCALE[new.money_unit]
    change = BudgetChange(money_unit=new.money_unit, old=before, new=after)
    if before is not None and after is not None:
        change.delta = after - before
        if before != 0:
            change.percent = round(float((after - before) / before * 100), 1)
    return change


def _goals_change(old: Project, new: Project) -> GoalsChange:
    before = {normalise(g) for g in old.goals}
    after = {normalise(g) for g in new.goals}
    added = [g for g in new.goals if normalise(g) not in before]
    removed = [g for g in old.goals if normalise(g) not in after]
    return GoalsChange(changed=bool(added or removed), added=added, removed=removed)


def _flag(code: str, message: str, project: Project, indicator: str | None = None) -> Flag:
    return Flag(
        code=code,
        title=FLAG_TITLES[code],
        severity="warning",
        severity_label=SEVERITY_LABELS["warning"],
        message=message,
        project=project.name,
        project_seq=project.seq,
        indicator=indicator,
    )


def _money(amount: Decimal | None, unit: str) -> str:
    return "—" if amount is None else f"{format(amount.normalize(), 'f')} {unit}"


def _project_diff(
    old: Project, new: Project, reason: str, score: float, options: DiffOptions
) -> ProjectDiff:
    indicators = match_indicators(old.indicators, new.indicators, options.indicator_threshold)
    diff = ProjectDiff(
        old=_project_ref(old),
        new=_project_ref(new),
        match_reason=reason,
        score=score,
        budget=_budget_change(old, new),
        goals=_goals_change(old, new),
        indicators_added=[_indicator_ref(new.indicators[j]) for j in indicators.added],
        indicators_dropped=[_indicator_ref(old.indicators[i]) for i in indicators.dropped],
    )
    quantity_changes: list[str] = []
    for pair in indicators.pairs:
        a, b = old.indicators[pair.old], new.indicators[pair.new]
        change = classify_change(a, b)
        diff.indicators.append(
            IndicatorChange(
                old=_indicator_ref(a),
                new=_indicator_ref(b),
                match_reason=pair.reason,
                score=pair.score,
                change=change.change,
                change_label=CHANGE_LABELS[change.change],
                reason=change.reason,
            )
        )
        if change.change == "lowered":
            message = f"指标“{b.name}”的目标值低于上年：{change.reason}"
            diff.flags.append(_flag("YOY-01", message, new, b.name))
        if _QUANTITY in (a.category, b.category) and change.change != "incomparable":
            quantity_changes.append(change.change)
    budget = diff.budget
    if (
        budget.percent is not None
        and budget.percent >= options.budget_increase
        and quantity_changes
        and "raised" not in quantity_changes
    ):
        message = (
            f"预算增加 {budget.percent:.1f}%（{_money(budget.old, budget.money_unit)} → "
            f"{_money(budget.new, budget.money_unit)}），而数量指标目标没有提高"
            f"（可比较的 {len(quantity_changes)} 项均持平或降低）"
        )
        diff.flags.append(_flag("YOY-02", message, new))
    return diff


DEPARTMENT_NAME = "部门整体绩效目标"


def _department_as_project(doc: Document) -> Project | None:
    """The department-wide table (family G) in the shape of a project (seq 0), so its budget,
    overall goals and indicators are compared by the same code; None when it has no
    indicators."""
    dept = doc.department
    if not dept.indicators:
        return None
    return Project(
        seq=0,
        name=DEPARTMENT_NAME,
        unit=dept.unit or Unit(),
        money_unit=dept.money_unit or "万元",
        budget=dept.budget or Budget(),
        goals=dept.overall_goals,
        indicators=dept.indicators,
    )


def compare_documents(
    old: Document, new: Document, options: DiffOptions | None = None
) -> DocumentDiff:
    """The diff of OLD (earlier year) against NEW (later year)."""
    options = options or DiffOptions()
    matching = match_projects(old.projects, new.projects, options.project_threshold)
    projects = [
        _project_diff(
            old.projects[pair.old], new.projects[pair.new], pair.reason, pair.score, options
        )
        for pair in matching.pairs
    ]
    old_dept, new_dept = _department_as_project(old), _department_as_project(new)
    department = (
        _project_diff(old_dept, new_dept, "部门整体", 1.0, options)
        if old_dept is not None and new_dept is not None
        else None
    )
    every = projects if department is None else [department, *projects]
    changes = [ind.change for p in every for ind in p.indicators]
    flags = [flag for p in every for flag in p.flags]
    summary = DiffSummary(
        matched=len(projects),
        added=len(matching.added),
        dropped=len(matching.dropped),
        raised=changes.count("raised"),
        lowered=changes.count("lowered"),
        unchanged=changes.count("unchanged"),
        incomparable=changes.count("incomparable"),
        indicators_added=sum(len(p.indicators_added) for p in every),
        indicators_dropped=sum(len(p.indicators_dropped) for p in every),
        flags=len(flags),
    )
    return DocumentDiff(
        old=_doc_ref(old),
        new=_doc_ref(new),
        summary=summary,
        department=department,
        projects=projects,
        projects_added=[_project_ref(new.projects[j]) for j in matching.added],
        projects_dropped=[_project_ref(old.projects[i]) for i in matching.dropped],
        flags=flags,
    )
