"""Indicator progress (绩效目标实现程度) of a monitoring period, as a traffic light (MON-02/05).

- **Positive, cumulative** (a count, an amount): ``x = 完成值 ÷ (年度指标值 × 月份 ÷ 12) × 100``
  (the vendor ``goalwarn`` rule): below 60 red, below 80 yellow, from 120 blue (over-achieved).
- **Positive, a level** (a rate or a degree: unit %, or a name ending in 率/度): a level is not
  accumulated over the year, so ``x = 完成值 ÷ 年度指标值 × 100`` without the time share.
- **Reverse** (≤, a ceiling): ``x = 年度指标值 ÷ 值 × 100`` on the projected full-year value
  when given, else the value to date; at or under the ceiling is green.
- **"="**: a zero target is green when the value is ≤ 0, else red; otherwise like a level.
- **Qualitative** (MON-05): 达成 green, 部分达成 yellow, 未达成 red, from the written status.

``progress`` is the share of the annual target reached (percent), used by MON-04.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jixiao.lifecycle.formulas import HUNDRED, Kind, fmt, kind_of, number_of, round2, tier_of_text
from jixiao.lifecycle.progress import light_of
from jixiao.lifecycle.schemes import LIGHT_LABELS, Light, MonitoringScheme
from jixiao.model.document import Indicator, Number
from jixiao.model.lifecycle import IndicatorProgress

__all__ = ["IndicatorStatus", "indicator_status", "is_level"]

_TIER_LIGHTS: dict[str, Light] = {"达成": "green", "部分达成": "yellow", "未达成": "red"}


@dataclass(frozen=True, slots=True, kw_only=True)
class IndicatorStatus:
    key: str
    name: str
    index: int
    kind: Kind
    light: Light | None
    """None when the row gives nothing to judge (no value to date)."""
    ratio: Number | None = None
    progress: Number | None = None
    formula: str


def is_level(indicator: Indicator) -> bool:
    """A rate or degree (unit %, …率, …度): compared as a level, not accumulated over months."""
    name = "".join(indicator.name.split())
    return indicator.value.unit == "%" or name.endswith(("率", "度"))


def indicator_status(
    key: str,
    index: int,
    indicator: Indicator,
    row: IndicatorProgress | None,
    month: int,
    scheme: MonitoringScheme,
) -> IndicatorStatus:
    kind = kind_of(indicator)

    def status(
        light: Light | None,
        formula: str,
        ratio: Decimal | None = None,
        progress: Decimal | None = None,
    ) -> IndicatorStatus:
        return IndicatorStatus(
            key=key,
            name=indicator.name,
            index=index,
            kind=kind,
            light=light,
            ratio=None if ratio is None else round2(ratio),
            progress=None if progress is None else round2(progress),
            formula=formula,
        )

    if row is None:
        return status(None, "未填报")
    if kind == "qualitative":
        tier = tier_of_text(row.achieved_text, indicator.value_text) or tier_of_text(
            row.projected_text, indicator.value_text
        )
        if tier is None:
            return status(None, f"定性指标：完成情况“{row.achieved_text or ''}”未注明达成程度")
        light = _TIER_LIGHTS[tier]
        return status(light, f"定性指标：{tier} → {LIGHT_LABELS[light]}")
    target = indicator.value.number
    achieved = number_of(row.achieved, row.achieved_text)
    if target is None or achieved is None:
        return status(None, f"1–{month}月完成值“{row.achieved_text or ''}”不是数值")
    if kind == "reverse":
        projected = number_of(row.projected, row.projected_text)
        value = achieved if projected is None else projected
        label = "完成值" if projected is None else "全年预计完成值"
        if value <= target:
            return status("green", f"反向指标：{label} {fmt(value)} ≤ 年度指标值 {fmt(target)}")
        ratio = target / value * HUNDRED
        light = light_of(ratio, scheme.indicator_red, scheme.indicator_yellow)
        return status(
            light,
            f"反向指标：年度指标值 ÷ {label} × 100 = {fmt(target)} ÷ {fmt(value)} × 100 = "
            f"{round2(ratio)}%",
            ratio,
        )
    if target == 0:
        if kind == "equal":
            ok = achieved <= 0
            return status("green" if ok else "red", f"指标值为 0：完成值 {fmt(achieved)}")
        return status("green", "指标值为 0：任何完成值均达到")
    progress = achieved / target * HUNDRED
    if achieved <= 0:
        return status("red", f"1–{month}月完成值为 {fmt(achieved)}", Decimal(0), progress)
    if kind == "equal" or is_level(indicator):
        ratio = progress
        formula = f"完成值 ÷ 年度指标值 × 100 = {fmt(achieved)} ÷ {fmt(target)} × 100"
    else:
        expected = target * month / 12
        ratio = achieved / expected * HUNDRED
        formula = (
            f"完成值 ÷ (年度指标值 × {month} ÷ 12) × 100 = {fmt(achieved)} ÷ {fmt(expected)} × 100"
        )
    blue = None if kind == "equal" else scheme.indicator_blue
    light = light_of(ratio, scheme.indicator_red, scheme.indicator_yellow, blue)
    return status(light, f"{formula} = {round2(ratio)}%", ratio, progress)
