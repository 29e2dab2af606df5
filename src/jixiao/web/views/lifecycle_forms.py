"""The 运行监控 and 绩效自评 forms read into the model's records (``MonitoringRecord``,
``SelfEvaluation``). Row ``i`` is the project's target indicator ``i``; a row with every input
blank is left out, as the workbook reader does."""

from __future__ import annotations

from typing import cast

from pydantic import ValidationError
from starlette.datastructures import FormData

from jixiao._exceptions import InvalidInput
from jixiao.model import Project
from jixiao.model.identity import indicator_keys
from jixiao.model.lifecycle import (
    CAUSES,
    LIKELIHOODS,
    TIERS,
    IndicatorProgress,
    IndicatorResult,
    Likelihood,
    MonitoringRecord,
    SelfEvaluation,
    Tier,
)
from jixiao.values import parse_value
from jixiao.web.views.editor import _decimal, _text

__all__ = ["monitoring_from_form", "self_evaluation_from_form"]


def _choice(form: FormData, key: str, options: tuple[str, ...], label: str) -> str | None:
    text = _text(form, key)
    if not text:
        return None
    if text not in options:
        raise InvalidInput(f"“{label}”只能选择：{'、'.join(options)}")
    return text


def monitoring_from_form(form: FormData, project: Project, month: int) -> MonitoringRecord:
    rows = []
    for i, (key, indicator) in enumerate(
        zip(indicator_keys(project.indicators), project.indicators, strict=True)
    ):
        name = f"第 {i + 1} 个指标“{indicator.name}”的"
        causes = []
        for value in form.getlist(f"causes_{i}"):
            if value not in CAUSES:
                raise InvalidInput(f"{name}偏差原因只能选择：{'、'.join(CAUSES)}")
            causes.append(value)
        achieved, projected = _text(form, f"achieved_{i}"), _text(form, f"projected_{i}")
        cause_text, remark = _text(form, f"cause_text_{i}"), _text(form, f"remark_{i}")
        likelihood = _choice(form, f"likelihood_{i}", LIKELIHOODS, f"{name}完成目标可能性")
        if not any((achieved, projected, causes, cause_text, remark, likelihood)):
            continue
        rows.append(
            IndicatorProgress(
                indicator=key,
                name=indicator.name,
                achieved_text=achieved or None,
                achieved=parse_value(achieved) if achieved else None,
                projected_text=projected or None,
                projected=parse_value(projected) if projected else None,
                causes=causes,
                cause_text=cause_text or None,
                likelihood=cast("Likelihood | None", likelihood),
                remark=remark or None,
            )
        )
    try:
        return MonitoringRecord(
            month=month,
            adjusted_budget=_decimal(_text(form, "adjusted_budget"), "调整后预算数"),
            executed=_decimal(_text(form, "executed"), f"1–{month}月执行数"),
            projected_executed=_decimal(_text(form, "projected_executed"), "全年预计执行数"),
            goal_progress=_text(form, "goal_progress") or None,
            indicators=rows,
        )
    except ValidationError as exc:
        raise InvalidInput(f"填报内容无效：{exc.errors()[0]['msg']}") from None


def self_evaluation_from_form(form: FormData, project: Project) -> SelfEvaluation:
    """The form's self-evaluation; what the form does not show (declared 分值 and scores,
    conclusions) stays as stored."""
    stored = project.self_evaluation or SelfEvaluation()
    before = {r.indicator: r for r in stored.indicators}
    rows = []
    for i, (key, indicator) in enumerate(
        zip(indicator_keys(project.indicators), project.indicators, strict=True)
    ):
        name = f"第 {i + 1} 个指标“{indicator.name}”的"
        actual, analysis = _text(form, f"actual_{i}"), _text(form, f"analysis_{i}")
        tier = _choice(form, f"tier_{i}", TIERS, f"{name}达成情况")
        applicable = _text(form, f"na_{i}") != "1"
        old = before.get(key)
        if not any((actual, analysis, tier, not applicable)) and old is None:
            continue
        rows.append(
            IndicatorResult(
                indicator=key,
                name=indicator.name,
                weight=None if old is None else old.weight,
                actual_text=actual or None,
                actual=parse_value(actual) if actual else None,
                tier=cast("Tier | None", tier),
                applicable=applicable,
                declared_score=None if old is None else old.declared_score,
                analysis=analysis or None,
            )
        )
    try:
        return SelfEvaluation(
            **{
                **dict(stored),
                "initial_budget": _decimal(_text(form, "initial_budget"), "年初预算数"),
                "annual_budget": _decimal(_text(form, "annual_budget"), "全年预算数"),
                "executed": _decimal(_text(form, "executed"), "全年执行数"),
                "budget_analysis": _text(form, "budget_analysis") or None,
                "goal_outcome": _text(form, "goal_outcome") or None,
                "indicators": rows,
            }
        )
    except ValidationError as exc:
        raise InvalidInput(f"填报内容无效：{exc.errors()[0]['msg']}") from None
