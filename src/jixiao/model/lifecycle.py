"""The rest of a target table's year (schema version 2): monitoring records and self-evaluation.

A project (and the department as a whole) carries one ``MonitoringRecord`` per monitoring
period (绩效运行监控, "双监控": the months 1…``month``) and at most one ``SelfEvaluation``
(绩效自评, after the year). Their indicator rows point at the target table's indicators by
the stable key of ``jixiao.model.identity``, never by row position, so a reordered or edited
table still matches. Values are kept as printed (``…_text``) beside their parsed meaning
(the same value grammar as the targets); declared scores are kept beside the ones jixiao
computes, so a difference can be reported instead of silently replaced.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

from jixiao.model.document import IndicatorValue, Number, SourceLocation

__all__ = [
    "CAUSES",
    "GRADES",
    "LIKELIHOODS",
    "TIERS",
    "Cause",
    "Grade",
    "IndicatorProgress",
    "IndicatorResult",
    "Likelihood",
    "MonitoringRecord",
    "SelfEvaluation",
    "Tier",
]

Cause = Literal["经费保障", "制度保障", "人员保障", "硬件条件保障", "其他"]
"""The official deviation causes (偏差原因分析) of the 136号 monitoring table."""
CAUSES: tuple[Cause, ...] = get_args(Cause)

Likelihood = Literal["确定能", "有可能", "完全不可能"]
"""完成目标可能性, as the monitoring table prints it (codes 1, 2, 3)."""
LIKELIHOODS: tuple[Likelihood, ...] = get_args(Likelihood)

Tier = Literal["达成", "部分达成", "未达成"]
"""The three qualitative tiers of 10号: 达成年度指标 / 部分达成年度指标并具有一定效果 /
未达成年度指标且效果较差."""
TIERS: tuple[Tier, ...] = get_args(Tier)

Grade = Literal["优", "良", "中", "差"]
GRADES: tuple[Grade, ...] = get_args(Grade)

Month = Annotated[int, Field(ge=1, le=12)]


def _empty(value: Any) -> bool:
    return value is None or value == []


def _optional(default: Any = None) -> Any:
    """Left out of the JSON while empty, like the optional fields of version 1."""
    if default is list:
        return Field(default_factory=list, exclude_if=_empty)
    return Field(default=default, exclude_if=_empty)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class IndicatorProgress(_Model):
    """One indicator row of a monitoring table (绩效目标执行监控表)."""

    indicator: str
    """The target indicator's identity key (``jixiao.model.identity``)."""
    name: str | None = _optional()
    """The 三级指标 as printed in the monitoring table, for people reading the record."""
    achieved_text: str | None = _optional()
    """1–X月实际完成值, as printed."""
    achieved: IndicatorValue | None = _optional()
    projected_text: str | None = _optional()
    """全年预计完成值, as printed."""
    projected: IndicatorValue | None = _optional()
    causes: list[Cause] = _optional(list)
    cause_text: str | None = _optional()
    """偏差原因分析: the free text beside the chosen causes."""
    likelihood: Likelihood | None = _optional()
    remark: str | None = _optional()
    source: SourceLocation | None = _optional()


class MonitoringRecord(_Model):
    """The monitoring of one period (January to ``month``) of a project or a department."""

    month: Month
    adjusted_budget: Number | None = _optional()
    """调整后预算数, only where the budget changed in the year (else the target's 预算数)."""
    executed: Number | None = _optional()
    """1–X月执行数 (same money unit as the target table)."""
    projected_executed: Number | None = _optional()
    """全年预计执行数."""
    goal_progress: str | None = _optional()
    """目标执行总体情况."""
    indicators: list[IndicatorProgress] = Field(default_factory=list)


class IndicatorResult(_Model):
    """One indicator row of a self-evaluation table (项目支出绩效自评表)."""

    indicator: str
    name: str | None = _optional()
    weight: Number | None = _optional()
    """分值 as declared; when absent the scheme's block weight is shared out."""
    actual_text: str | None = _optional()
    """实际完成值, as printed."""
    actual: IndicatorValue | None = _optional()
    tier: Tier | None = _optional()
    """The qualitative tier, for qualitative indicators."""
    applicable: bool = True
    declared_score: Number | None = _optional()
    """得分 as the table prints it (or as the unit entered it)."""
    analysis: str | None = _optional()
    """偏差原因分析及改进措施."""
    source: SourceLocation | None = _optional()


class SelfEvaluation(_Model):
    """The year-end self-evaluation (绩效自评, 财预〔2020〕10号) of a project or a department."""

    initial_budget: Number | None = _optional()
    """年初预算数."""
    annual_budget: Number | None = _optional()
    """全年预算数 (调整后预算数, carry-over included)."""
    executed: Number | None = _optional()
    """全年执行数."""
    budget_weight: Number | None = _optional()
    """The budget block's 分值 as declared (default: the scheme's)."""
    declared_budget_score: Number | None = _optional()
    budget_analysis: str | None = _optional()
    """The explanation a 执行率 below 90 % needs."""
    goal_outcome: str | None = _optional()
    """年度总体目标的实际完成情况."""
    indicators: list[IndicatorResult] = Field(default_factory=list)
    declared_total: Number | None = _optional()
    declared_grade: Grade | None = _optional()
    conclusion: str | None = _optional()
    problems: str | None = _optional()
    improvements: str | None = _optional()
