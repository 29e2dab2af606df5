"""Budget progress (预算执行进度) of a monitoring period, as a traffic light (MON-01).

Three comparisons, each explained in Chinese with its figures:

- against **elapsed time**: ``x = (执行数 ÷ 预算数) ÷ (月份 ÷ 12) × 100`` (the vendor
  ``bgtwarn`` rule: below 60 red, below 80 yellow);
- against the table's **own 资金支出计划**: the cumulative percent planned for the end of the
  period, read off the plan's 3/6/10/12月 points (straight lines between them, from 0 % at the
  start of the year), and ``x = 执行率 ÷ 计划进度 × 100`` with the same thresholds;
- against a province's **spending floors** (Sichuan: 25/40/60/80 % by the end of April, June,
  August, October): below the floor of the latest checkpoint passed is red.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jixiao.lifecycle.formulas import HUNDRED, fmt, round2
from jixiao.lifecycle.schemes import Light, MonitoringScheme
from jixiao.model.document import Number, SpendingPoint

__all__ = [
    "BudgetProgress",
    "Comparison",
    "budget_progress",
    "light_of",
    "planned_percent",
    "worst",
]

_ORDER: dict[Light, int] = {"green": 0, "blue": 0, "yellow": 1, "red": 2}


@dataclass(frozen=True, slots=True, kw_only=True)
class Comparison:
    """One comparison of the spending rate with what is expected by the end of the period."""

    basis: str
    """序时进度 / 资金支出计划 / 支出进度下限."""
    expected: Number
    """The expected cumulative percent."""
    ratio: Number | None
    light: Light
    formula: str


@dataclass(frozen=True, slots=True, kw_only=True)
class BudgetProgress:
    month: int
    budget: Number
    executed: Number
    rate: Number
    """执行率 in percent (2 decimals)."""
    comparisons: list[Comparison]
    light: Light


def light_of(ratio: Decimal, red: Decimal, yellow: Decimal, blue: Decimal | None = None) -> Light:
    if ratio < red:
        return "red"
    if ratio < yellow:
        return "yellow"
    if blue is not None and ratio >= blue:
        return "blue"
    return "green"


def worst(lights: list[Light]) -> Light:
    """The most serious light (blue counts as green: over-achievement is not a delay)."""
    return max(lights, key=lambda light: _ORDER[light], default="green")


def planned_percent(plan: list[SpendingPoint], month: int) -> Decimal | None:
    """The plan's cumulative percent at the end of ``month`` (None without a usable plan)."""
    points = sorted((p.month, p.percent) for p in plan if p.percent is not None)
    if not points:
        return None
    previous_month, previous = 0, Decimal(0)
    for point_month, percent in points:
        if month <= point_month:
            share = Decimal(month - previous_month) / Decimal(point_month - previous_month)
            return previous + (percent - previous) * share
        previous_month, previous = point_month, percent
    return previous


def budget_progress(
    executed: Decimal,
    budget: Decimal,
    month: int,
    plan: list[SpendingPoint],
    scheme: MonitoringScheme,
) -> BudgetProgress:
    """The budget light of a period; ``budget`` must be positive."""
    rate = executed / budget * HUNDRED
    shown = round2(rate)
    time_share = Decimal(month) / 12 * HUNDRED
    comparisons = [
        _compare(
            "序时进度",
            rate,
            time_share,
            scheme,
            f"执行进度 = 执行率 ÷ 序时进度 × 100 = {shown}% ÷ "
            f"({month} ÷ 12 = {round2(time_share)}%) × 100",
        )
    ]
    planned = planned_percent(plan, month)
    if planned is not None and planned > 0:
        comparisons.append(
            _compare(
                "资金支出计划",
                rate,
                planned,
                scheme,
                f"计划完成度 = 执行率 ÷ 计划支出进度 × 100 = {shown}% ÷ {fmt(planned)}% × 100",
            )
        )
    passed = [m for m in scheme.spending_floors if m <= month]
    if passed:
        at = max(passed)
        floor = scheme.spending_floors[at]
        comparisons.append(
            Comparison(
                basis="支出进度下限",
                expected=floor,
                ratio=None,
                light="red" if rate < floor else "green",
                formula=f"截至 {at} 月底支出进度应不低于 {fmt(floor)}%：执行率 {shown}%",
            )
        )
    return BudgetProgress(
        month=month,
        budget=budget,
        executed=executed,
        rate=shown,
        comparisons=comparisons,
        light=worst([c.light for c in comparisons]),
    )


def _compare(
    basis: str, rate: Decimal, expected: Decimal, scheme: MonitoringScheme, formula: str
) -> Comparison:
    ratio = round2(rate / expected * HUNDRED)
    return Comparison(
        basis=basis,
        expected=round2(expected),
        ratio=ratio,
        light=light_of(ratio, scheme.budget_red, scheme.budget_yellow),
        formula=f"{formula} = {ratio}%",
    )
