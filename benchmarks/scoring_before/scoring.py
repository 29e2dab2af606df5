"""The self-evaluation (绩效自评) scoring engine: EVA-01…12.

``score_project`` turns a project's target table and its ``SelfEvaluation`` into scores — the
budget block and one row per target indicator, each with its formula and inputs — a total, a
grade and ordinary findings. Declared scores are compared, never overwritten.

| code | checks |
|---|---|
| EVA-01 | the weights add up to 100 (block weights shared out, a missing 满意度 moved) |
| EVA-02 | budget score; 执行率 below 90 % needs an explanation; budget figures present |
| EVA-03/04/05 | positive / reverse / "=" formulas (the row's ``rule``) |
| EVA-06 | a qualitative score lies in its tier's range; the tier is known |
| EVA-07 | over-achievement beyond the scheme's percentage (optionally scored down) |
| EVA-08 | an unmet indicator carries 偏差原因分析及改进措施 |
| EVA-09 | total and grade |
| EVA-10 | a declared score, total or grade differs from the computed one |
| EVA-11 | not-applicable indicators dropped and the total rescaled to 100 |
| EVA-12 | rows that match no target indicator, targets without a result, unreadable actuals |
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jixiao.lifecycle.findings import Subject
from jixiao.lifecycle.schemes import ScoringScheme, scoring_scheme
from jixiao.model.document import Document, Indicator, Number, Project
from jixiao.model.identity import indicator_keys
from jixiao.model.lifecycle import Grade, IndicatorResult, SelfEvaluation, Tier
from jixiao.review.finding import Finding
from scoring_before.formulas import (
    HUNDRED,
    Scored,
    budget_score,
    equal_score,
    fmt,
    grade_of,
    kind_of,
    number_of,
    overachievement_score,
    positive_score,
    qualitative_score,
    reverse_linear_score,
    reverse_ratio_score,
    round2,
    tier_of_text,
)
from scoring_before.weights import plan_weights

__all__ = ["RowScore", "UnitScore", "score_document", "score_evaluation", "score_project"]


@dataclass(frozen=True, slots=True, kw_only=True)
class RowScore:
    """One indicator's score, with how it was reached."""

    key: str
    name: str
    index: int
    block: str
    weight: Number
    applicable: bool
    scored: Scored
    declared_score: Number | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class UnitScore:
    """The self-evaluation score of a project (``seq``) or of the department (``seq`` None)."""

    seq: int | None
    code: str | None
    name: str
    scheme: str
    budget: Scored
    rows: list[RowScore]
    raw_total: Number
    total: Number
    grade: Grade
    rescaled: bool
    findings: list[Finding]


def score_document(doc: Document, scheme: ScoringScheme | None = None) -> list[UnitScore]:
    """Scores of the department (when it has a self-evaluation) and of every project that has."""
    scheme = scheme or scoring_scheme()
    out: list[UnitScore] = []
    dept = doc.department
    if dept.self_evaluation is not None:
        subject = Subject(None, dept.unit.code if dept.unit else None, "部门整体")
        total = dept.budget.total if dept.budget else None
        out.append(score_evaluation(subject, dept.indicators, dept.self_evaluation, total, scheme))
    out.extend(score_project(p, scheme) for p in doc.projects if p.self_evaluation is not None)
    return out


def score_project(project: Project, scheme: ScoringScheme | None = None) -> UnitScore:
    if project.self_evaluation is None:
        raise ValueError("project has no self-evaluation")
    subject = Subject(project.seq, project.code, project.name)
    return score_evaluation(
        subject,
        project.indicators,
        project.self_evaluation,
        project.budget.total,
        scheme or scoring_scheme(),
    )


def score_evaluation(
    subject: Subject,
    indicators: list[Indicator],
    evaluation: SelfEvaluation,
    budget_total: Decimal | None,
    scheme: ScoringScheme,
) -> UnitScore:
    findings: list[Finding] = []
    keys = indicator_keys(indicators)
    results: dict[str, tuple[int, IndicatorResult]] = {}
    for position, result in enumerate(evaluation.indicators):
        if result.indicator in keys:
            results[result.indicator] = (position, result)
            continue
        findings.append(
            subject.finding(
                "EVA-12",
                "warning",
                "完整性",
                f"自评表第 {position + 1} 行的指标“{result.name or result.indicator}”"
                "在绩效目标表中找不到，未计分",
                field=f"self_evaluation.indicators[{position}]",
                suggestion="请核对指标名称和所属一级、二级指标是否与绩效目标表一致。",
            )
        )
    budget_weight = (
        evaluation.budget_weight if evaluation.budget_weight is not None else scheme.budget_weight
    )
    declared = [
        results[k][1].weight if k in results and results[k][1].weight is not None else ind.weight
        for k, ind in zip(keys, indicators, strict=True)
    ]
    plan = plan_weights(indicators, declared, budget_weight, scheme)
    findings.extend(
        subject.finding("EVA-01", "error", "一致性", problem, field="self_evaluation.indicators")
        for problem in plan.problems
    )
    budget = _budget(subject, evaluation, budget_total, budget_weight, scheme, findings)
    rows = [
        _row(
            subject,
            i,
            key,
            ind,
            results.get(key),
            plan.weights[i],
            plan.blocks[i],
            scheme,
            findings,
        )
        for i, (key, ind) in enumerate(zip(keys, indicators, strict=True))
    ]
    applicable = [r for r in rows if r.applicable]
    raw = budget.score + sum((r.scored.score for r in applicable), Decimal(0))
    rescaled = len(applicable) < len(rows)
    total = raw
    if rescaled:
        possible = budget_weight + sum((r.weight for r in applicable), Decimal(0))
        total = round2(raw / possible * HUNDRED) if possible else Decimal(0)
        findings.append(
            subject.finding(
                "EVA-11",
                "info",
                "一致性",
                f"{len(rows) - len(applicable)} 项指标不适用，未计分；适用指标得分 {raw} 分"
                f"（满分 {fmt(possible)} 分）按百分制折算为 {total} 分",
            )
        )
    grade = grade_of(total, scheme.excellent, scheme.good, scheme.fair)
    findings.append(
        subject.finding("EVA-09", "info", "一致性", f"自评得分 {total} 分，等级“{grade}”")
    )
    _check_declared_totals(subject, evaluation, total, grade, scheme, findings)
    return UnitScore(
        seq=subject.seq,
        code=subject.code,
        name=subject.name,
        scheme=scheme.name,
        budget=budget,
        rows=rows,
        raw_total=raw,
        total=total,
        grade=grade,
        rescaled=rescaled,
        findings=findings,
    )


def _zero(rule: str, formula: str) -> Scored:
    return Scored(score=Decimal(0), rule=rule, formula=formula, inputs={})


def _budget(
    subject: Subject,
    evaluation: SelfEvaluation,
    budget_total: Decimal | None,
    weight: Decimal,
    scheme: ScoringScheme,
    findings: list[Finding],
) -> Scored:
    budget = evaluation.annual_budget if evaluation.annual_budget is not None else budget_total
    executed = evaluation.executed
    if budget is None or budget <= 0 or executed is None:
        missing = "全年执行数" if executed is None else "全年预算数"
        findings.append(
            subject.finding(
                "EVA-02",
                "error",
                "完整性",
                f"缺少{missing}，预算执行得 0 分",
                field="self_evaluation.executed"
                if executed is None
                else "self_evaluation.annual_budget",
            )
        )
        return Scored(
            score=Decimal(0), rule="EVA-02", formula=f"缺少{missing}：得分 = 0", inputs={}
        )
    scored = budget_score(executed, budget, weight)
    rate = scored.inputs["rate"]
    if rate < scheme.explain_below and not evaluation.budget_analysis:
        findings.append(
            subject.finding(
                "EVA-02",
                "warning",
                "完整性",
                f"预算执行率 {rate}% 低于 {fmt(scheme.explain_below)}%，未说明原因",
                field="self_evaluation.budget_analysis",
                suggestion="请说明预算执行率偏低的原因；年中追加或调减预算的，请一并说明。",
            )
        )
    declared = evaluation.declared_budget_score
    if declared is not None and abs(declared - scored.score) > scheme.tolerance:
        findings.append(
            subject.finding(
                "EVA-10",
                "warning",
                "一致性",
                f"预算执行填报得分 {fmt(declared)} 分，按公式应为 {scored.score} 分",
                field="self_evaluation.declared_budget_score",
                text=scored.formula,
            )
        )
    return scored


def _row(
    subject: Subject,
    index: int,
    key: str,
    indicator: Indicator,
    found: tuple[int, IndicatorResult] | None,
    weight: Decimal,
    block: str,
    scheme: ScoringScheme,
    findings: list[Finding],
) -> RowScore:
    def row(scored: Scored, result: IndicatorResult | None = None) -> RowScore:
        return RowScore(
            key=key,
            name=indicator.name,
            index=index,
            block=block,
            weight=weight,
            applicable=result is None or result.applicable,
            scored=scored,
            declared_score=None if result is None else result.declared_score,
        )

    if found is None:
        findings.append(
            subject.finding(
                "EVA-12",
                "warning",
                "完整性",
                f"指标“{indicator.name}”没有填报实际完成值，得 0 分",
                indicator_index=index,
                field="self_evaluation.indicators",
            )
        )
        return row(_zero("EVA-12", "未填报：得分 = 0"))
    position, result = found
    field = f"self_evaluation.indicators[{position}]"
    if not result.applicable:
        return row(_zero("EVA-11", "不适用：不计分"), result)
    kind = kind_of(indicator)
    if kind == "qualitative":
        scored = _qualitative(subject, index, indicator, result, weight, scheme, field, findings)
    else:
        scored = _quantitative(subject, index, indicator, result, weight, scheme, field, findings)
    if scored.score < round2(weight) and not result.analysis:
        findings.append(
            subject.finding(
                "EVA-08",
                "error",
                "完整性",
                f"指标“{indicator.name}”未完全达成（得 {scored.score} 分，"
                f"满分 {round2(weight)} 分），没有填写偏差原因分析及改进措施",
                indicator_index=index,
                field=f"{field}.analysis",
            )
        )
    declared = result.declared_score
    if declared is not None and abs(declared - scored.score) > scheme.tolerance:
        findings.append(
            subject.finding(
                "EVA-10",
                "warning",
                "一致性",
                f"指标“{indicator.name}”填报得分 {fmt(declared)} 分，按公式应为 {scored.score} 分",
                indicator_index=index,
                field=f"{field}.declared_score",
                text=scored.formula,
            )
        )
    return row(scored, result)


def _quantitative(
    subject: Subject,
    index: int,
    indicator: Indicator,
    result: IndicatorResult,
    weight: Decimal,
    scheme: ScoringScheme,
    field: str,
    findings: list[Finding],
) -> Scored:
    target = indicator.value.number
    actual = number_of(result.actual, result.actual_text)
    if target is None or actual is None:
        findings.append(
            subject.finding(
                "EVA-12",
                "warning",
                "可衡量性",
                f"指标“{indicator.name}”的实际完成值“{result.actual_text or ''}”不是数值，得 0 分",
                indicator_index=index,
                field=f"{field}.actual_text",
                text=result.actual_text,
                suggestion="定量指标请填写数值，如“96%”“1200人”。",
            )
        )
        return _zero("EVA-12", "实际完成值无法识别：得分 = 0")
    kind = kind_of(indicator)
    if kind == "reverse":
        if scheme.reverse == "linear":
            return reverse_linear_score(weight, target, actual)
        return reverse_ratio_score(weight, target, actual)
    if kind == "equal":
        return equal_score(weight, target, actual)
    scored = positive_score(weight, target, actual)
    limit = target * (1 + scheme.overachievement_percent / HUNDRED)
    if target > 0 and actual > limit:
        findings.append(
            subject.finding(
                "EVA-07",
                "warning",
                "适当性",
                f"指标“{indicator.name}”实际完成值 {fmt(actual)} 超过年度指标值 {fmt(target)} 的 "
                f"{fmt(scheme.overachievement_percent)}% 以上，目标可能定得偏低",
                indicator_index=index,
                field=f"{field}.analysis",
                suggestion="请分析超额完成的原因；下一年度设定目标时适当提高。",
            )
        )
        if scheme.overachievement_deduction:
            return overachievement_score(weight, target, actual)
    return scored


def _qualitative(
    subject: Subject,
    index: int,
    indicator: Indicator,
    result: IndicatorResult,
    weight: Decimal,
    scheme: ScoringScheme,
    field: str,
    findings: list[Finding],
) -> Scored:
    tier: Tier | None = result.tier or tier_of_text(result.actual_text, indicator.value_text)
    if tier is None and result.declared_score is not None and weight > 0:
        share = result.declared_score / weight * HUNDRED
        by_floor = sorted(scheme.tiers.items(), key=lambda item: item[1][0], reverse=True)
        tier = next((t for t, (low, _high) in by_floor if share >= low), None)
    if tier is None:
        findings.append(
            subject.finding(
                "EVA-06",
                "error",
                "可衡量性",
                f"定性指标“{indicator.name}”没有注明达成情况（达成 / 部分达成 / 未达成），得 0 分",
                indicator_index=index,
                field=f"{field}.tier",
            )
        )
        return _zero("EVA-06", "达成情况不明：得分 = 0")
    scored, in_range = qualitative_score(weight, tier, scheme.tiers, result.declared_score)
    if not in_range:
        low, high = scheme.tiers[tier]
        findings.append(
            subject.finding(
                "EVA-06",
                "error",
                "规范性",
                f"定性指标“{indicator.name}”为“{tier}”，得分应在分值的 {fmt(low)}%–{fmt(high)}% "
                f"之间，填报的 {fmt(result.declared_score or Decimal(0))} 分超出范围",
                indicator_index=index,
                field=f"{field}.declared_score",
                text=scored.formula,
            )
        )
    return scored


def _check_declared_totals(
    subject: Subject,
    evaluation: SelfEvaluation,
    total: Decimal,
    grade: Grade,
    scheme: ScoringScheme,
    findings: list[Finding],
) -> None:
    declared = evaluation.declared_total
    if declared is not None and abs(declared - total) > scheme.tolerance:
        findings.append(
            subject.finding(
                "EVA-10",
                "warning",
                "一致性",
                f"填报的自评总分 {fmt(declared)} 分，按公式计算为 {total} 分",
                field="self_evaluation.declared_total",
            )
        )
    if evaluation.declared_grade is not None and evaluation.declared_grade != grade:
        findings.append(
            subject.finding(
                "EVA-10",
                "warning",
                "一致性",
                f"填报的评价等级“{evaluation.declared_grade}”与计算结果“{grade}”不一致",
                field="self_evaluation.declared_grade",
            )
        )
