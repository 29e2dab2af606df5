"""The comparison's result: a typed, JSON-ready record (``jixiao diff -f json`` prints it).

Field names are English; every text meant for people (reasons, labels, flag messages) is
Chinese. Amounts are exact decimals written as JSON numbers.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from jixiao.compare.change import Change
from jixiao.model import Number
from jixiao.review.finding import Severity

__all__ = [
    "BudgetChange",
    "DiffSummary",
    "DocumentDiff",
    "DocumentRef",
    "Flag",
    "GoalsChange",
    "IndicatorChange",
    "IndicatorRef",
    "ProjectDiff",
    "ProjectRef",
]


class _Result(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DocumentRef(_Result):
    name: str
    title: str | None = None
    fiscal_year: int | None = None
    units: list[str] = Field(default_factory=list)


class ProjectRef(_Result):
    seq: int
    code: str | None = None
    name: str
    unit: str | None = None


class IndicatorRef(_Result):
    level1: str
    level2: str
    name: str
    value_text: str


class IndicatorChange(_Result):
    old: IndicatorRef
    new: IndicatorRef
    match_reason: str
    score: float
    change: Change
    change_label: str
    reason: str


class BudgetChange(_Result):
    money_unit: str
    old: Number | None = None
    new: Number | None = None
    delta: Number | None = None
    percent: float | None = None
    """Change in per cent of the old amount, one decimal; None when the old amount is 0 or
    missing."""


class GoalsChange(_Result):
    changed: bool
    added: list[str] = Field(default_factory=list)
    removed: list[str] = Field(default_factory=list)


class Flag(_Result):
    """A finding-like item: something a reader of the two years should look at."""

    code: str
    title: str
    severity: Severity
    severity_label: str
    message: str
    project: str
    project_seq: int
    indicator: str | None = None


class ProjectDiff(_Result):
    old: ProjectRef
    new: ProjectRef
    match_reason: str
    score: float
    budget: BudgetChange
    goals: GoalsChange
    indicators: list[IndicatorChange] = Field(default_factory=list)
    indicators_added: list[IndicatorRef] = Field(default_factory=list)
    indicators_dropped: list[IndicatorRef] = Field(default_factory=list)
    flags: list[Flag] = Field(default_factory=list)

    def has_changes(self) -> bool:
        """Anything beyond the match itself: a target moved or not comparable, an indicator
        added or dropped, the goals or the budget changed."""
        return bool(
            any(i.change != "unchanged" for i in self.indicators)
            or self.indicators_added
            or self.indicators_dropped
            or self.goals.changed
            or self.budget.delta != 0
        )


class DiffSummary(_Result):
    matched: int
    added: int
    dropped: int
    raised: int
    lowered: int
    unchanged: int
    incomparable: int
    indicators_added: int
    indicators_dropped: int
    flags: int


class DocumentDiff(_Result):
    old: DocumentRef
    new: DocumentRef
    summary: DiffSummary
    department: ProjectDiff | None = None
    """The department-wide targets (部门整体绩效目标, seq 0), when both documents have
    their indicators."""
    projects: list[ProjectDiff] = Field(default_factory=list)
    projects_added: list[ProjectRef] = Field(default_factory=list)
    """Projects of NEW with no partner in OLD (新增)."""
    projects_dropped: list[ProjectRef] = Field(default_factory=list)
    """Projects of OLD with no partner in NEW (取消)."""
    flags: list[Flag] = Field(default_factory=list)
    """Every flag: the department's first, then the projects' in order."""

    def to_json(self, *, indent: int | None = 2) -> str:
        return self.model_dump_json(indent=indent)
