"""How one matched indicator's target moved: 提高, 降低, 不变 or 无法比较.

Uses the parsed values (``Indicator.value``: operator, number, unit). Which way is "higher"
depends on the target: for a ``≤``/``<`` target (a cost ceiling, a time limit), or an indicator
marked 反向, or an exact money amount under a cost indicator, or an exact time under a 时效
indicator, a *lower* number is the stricter, i.e. raised, target. Numbers in different units
are compared only when one converts to the other (元/万元/亿元, 天/日); otherwise, and when either
side has no number, the change is 无法比较 (two identical texts without numbers are 不变).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from jixiao.compare.text import normalise
from jixiao.model import Indicator, IndicatorValue

__all__ = ["CHANGE_LABELS", "Change", "ValueChange", "classify_change", "show_value"]

Change = Literal["raised", "lowered", "unchanged", "incomparable"]

CHANGE_LABELS: dict[Change, str] = {
    "raised": "提高",
    "lowered": "降低",
    "unchanged": "不变",
    "incomparable": "无法比较",
}

_SCALES: tuple[dict[str, Decimal], ...] = (
    {"元": Decimal(1), "万元": Decimal(10_000), "亿元": Decimal(100_000_000)},
    {"天": Decimal(1), "日": Decimal(1)},
)
_MONEY = frozenset(_SCALES[0])
_TIME = frozenset({"天", "日", "个工作日", "工作日", "小时", "分钟", "月", "个月", "周", "年"})
_LOW = frozenset({"<=", "<"})
_HIGH = frozenset({">=", ">"})
_SYMBOLS = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "=": ""}


@dataclass(frozen=True)
class ValueChange:
    change: Change
    reason: str
    lower_is_better: bool | None = None


def _unit(value: IndicatorValue) -> str:
    return unicodedata.normalize("NFKC", value.unit or "").strip()


def _number_text(number: Decimal) -> str:
    text = format(number.normalize(), "f")
    return text


def show_value(value: IndicatorValue, fallback: str = "") -> str:
    """``≥95%``, ``≤29.25万元``, ``30个`` — the parsed target, compactly."""
    if value.number is None:
        return fallback
    return f"{_SYMBOLS.get(value.op or '=', '')}{_number_text(value.number)}{_unit(value)}"


def _scale(unit_a: str, unit_b: str) -> tuple[Decimal, Decimal] | None:
    """Factors converting both units to a common one, or None when they don't convert."""
    if unit_a == unit_b:
        return Decimal(1), Decimal(1)
    for table in _SCALES:
        if unit_a in table and unit_b in table:
            return table[unit_a], table[unit_b]
    return None


def _lower_is_better(old: Indicator, new: Indicator) -> bool | None:
    """True/False, or None when the two targets point opposite ways (≥ → ≤)."""
    ops = {old.value.op, new.value.op}
    if ops & _LOW and ops & _HIGH:
        return None
    if ops & _LOW:
        return True
    if ops & _HIGH:
        return False
    directions = {old.direction, new.direction}
    if "reverse" in directions:
        return True
    if "positive" in directions:
        return False
    category = new.category or old.category or ""
    unit = _unit(new.value)
    if (category == "output.cost" or category.startswith("cost.")) and unit in _MONEY:
        return True
    return category == "output.timeliness" and unit in _TIME


def classify_change(old: Indicator, new: Indicator) -> ValueChange:
    a, b = old.value, new.value
    before, after = show_value(a, old.value_text), show_value(b, new.value_text)
    if a.number is None or b.number is None:
        if normalise(old.value_text) == normalise(new.value_text):
            return ValueChange("unchanged", "指标值相同")
        side = "上年" if a.number is None else "本年"
        if a.number is None and b.number is None:
            side = "两年"
        return ValueChange("incomparable", f"{side}指标值没有数值，无法比较")
    scale = _scale(_unit(a), _unit(b))
    if scale is None:
        units = f"“{_unit(a) or '无单位'}”→“{_unit(b) or '无单位'}”"
        return ValueChange("incomparable", f"计量单位不同（{units}），无法比较")
    lower = _lower_is_better(old, new)
    if lower is None:
        return ValueChange("incomparable", f"目标方向相反（{before} → {after}），无法比较")
    x, y = a.number * scale[0], b.number * scale[1]
    if x == y:
        return ValueChange("unchanged", f"目标值相同（{after}）", lower)
    raised = (y < x) if lower else (y > x)
    if lower:
        words = "上限收紧" if raised else "上限放宽"
        reason = f"{words}：{before} → {after}（越低要求越高）"
    else:
        reason = f"{before} → {after}"
    return ValueChange("raised" if raised else "lowered", reason, lower)
