"""A value judged against its peers in the library: the editor's hint and rule VAL-16.

Quantities (positive numbers that are not percentages) are compared on a log scale, since
peers span orders of magnitude (10 件 vs 4 480 件); percentages on their own scale.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from jixiao.library.model import Entry, ValueStats
from jixiao.model import Indicator

__all__ = ["PeerJudgement", "hint", "judge"]

_PERCENT = ("%", "百分比")


def _fmt(x: float) -> str:
    return f"{x:.0f}" if x == int(x) else f"{x:g}"


def _show(stats: ValueStats, x: float) -> str:
    unit = stats.unit
    return f"{_fmt(x)}{unit}" if unit in _PERCENT else f"{_fmt(x)} {unit}".rstrip()


def hint(entry: Entry) -> str:
    """ "同类指标多设为 ≥95%（35 个项目，中间一半在 90%–98%）" — for the editor."""
    stats = entry.values[0] if entry.values else None
    if stats is None:
        return f"同类指标共 {entry.count} 个，多数没有数值。"
    if stats.p25 == stats.p75:
        middle = f"中间一半都是 {_show(stats, stats.median)}"
    else:
        middle = f"中间一半在 {_show(stats, stats.p25)}–{_show(stats, stats.p75)}"
    return f"同类指标多设为 {stats.typical}（{stats.n} 个有数值，{middle}）"


@dataclass(frozen=True, slots=True)
class PeerJudgement:
    stats: ValueStats
    score: float
    """How many spreads (p90 − p10 on the compared scale) the value lies outside [p10, p90]."""
    low: bool

    def describe(self) -> str:
        s = self.stats
        side = "远低于" if self.low else "远高于"
        return (
            f"{side}同类指标（{s.n} 个，中位数 {_show(s, s.median)}，"
            f"八成在 {_show(s, s.p10)}–{_show(s, s.p90)} 之间）"
        )


def _scale(stats: ValueStats, x: float) -> float | None:
    if stats.unit in _PERCENT:
        return x
    return math.log(x) if x > 0 else None


def judge(entry: Entry, ind: Indicator, *, min_peers: int, spreads: float) -> PeerJudgement | None:
    """A judgement when the value is more than ``spreads`` spreads outside its peers' 10–90 %
    range; None when it is within, not comparable (other unit, no number) or peers are few."""
    value = ind.value
    if value.number is None:
        return None
    stats = entry.stats_for(value.unit)
    if stats is None or stats.n < min_peers:
        return None
    x, lo, hi = (_scale(stats, v) for v in (float(value.number), stats.p10, stats.p90))
    if x is None or lo is None or hi is None:
        return None
    spread = max(hi - lo, abs(hi) * 0.05, 1e-9)
    if x < lo:
        score, low = (lo - x) / spread, True
    elif x > hi:
        score, low = (x - hi) / spread, False
    else:
        return None
    return PeerJudgement(stats, score, low) if score > spreads else None
