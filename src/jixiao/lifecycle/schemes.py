"""Monitoring and scoring schemes: thresholds, weights and tiers as data, with named presets.

The central rules (财预〔2019〕136号, 财预〔2020〕10号) are the default; provinces differ
(``docs/lifecycle.md``), so every number here is configuration. A review configuration picks a
preset and may override any field:

```toml
[tool.jixiao.monitoring]
preset = "sichuan"            # central | sichuan | hubei
divergence_points = 15
[tool.jixiao.scoring]
preset = "hubei"
reverse = "linear"            # ratio (default) | linear
overachievement_deduction = true
```
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from jixiao._exceptions import JixiaoError
from jixiao.model.lifecycle import TIERS, Tier

__all__ = [
    "BLOCK_LABELS",
    "LIGHT_LABELS",
    "MONITORING_PRESETS",
    "SCORING_PRESETS",
    "Light",
    "MonitoringScheme",
    "SchemeError",
    "ScoringScheme",
    "monitoring_scheme",
    "scoring_scheme",
]

Light = Literal["red", "yellow", "green", "blue"]
LIGHT_LABELS: dict[Light, str] = {"red": "红灯", "yellow": "黄灯", "green": "绿灯", "blue": "蓝灯"}

BLOCK_LABELS: dict[str, str] = {
    "output": "产出",
    "effect": "效益",
    "satisfaction": "满意度",
    "indicators": "绩效",
}

Block = str
"""A scoring block: a level-1 code (``output``, ``effect``, ``satisfaction``) or a scheme's own
name for several (Sichuan's ``indicators``)."""


class SchemeError(JixiaoError):
    """A monitoring or scoring configuration that cannot be used."""


class _Scheme(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


CENTRAL_TIERS: dict[Tier, tuple[Decimal, Decimal]] = {
    "达成": (Decimal(80), Decimal(100)),
    "部分达成": (Decimal(60), Decimal(80)),
    "未达成": (Decimal(0), Decimal(60)),
}


class MonitoringScheme(_Scheme):
    """Traffic-light thresholds of 双监控 (percent values)."""

    name: str = "central"
    label: str = "中央（财预〔2019〕136号）"
    month: int = Field(7, ge=1, le=12)
    """The default period end (1–7月)."""
    budget_red: Decimal = Decimal(60)
    """Budget progress below this share of the expected (time share or plan) is red."""
    budget_yellow: Decimal = Decimal(80)
    indicator_red: Decimal = Decimal(60)
    indicator_yellow: Decimal = Decimal(80)
    indicator_blue: Decimal = Decimal(120)
    """At or above this share of the expected: over-achievement (blue)."""
    divergence_points: Decimal | None = Decimal(10)
    """MON-04: budget and target progress further apart than this (percentage points)."""
    spending_floors: dict[int, Decimal] = Field(default_factory=dict)
    """month → the cumulative spending (percent of the budget) required by its end."""

    @model_validator(mode="after")
    def _ordered(self) -> MonitoringScheme:
        if not self.budget_red <= self.budget_yellow:
            raise ValueError("budget_red 不能大于 budget_yellow")
        if not self.indicator_red <= self.indicator_yellow <= self.indicator_blue:
            raise ValueError("须 indicator_red ≤ indicator_yellow ≤ indicator_blue")
        if any(not 1 <= m <= 12 for m in self.spending_floors):
            raise ValueError("spending_floors 的月份须在 1–12 之间")
        return self


class ScoringScheme(_Scheme):
    """The 自评 scoring framework: block weights, formulas' variants, tiers and grade bands."""

    name: str = "central"
    label: str = "中央（财预〔2020〕10号）"
    budget_weight: Decimal = Decimal(10)
    block_weights: dict[Block, Decimal] = Field(
        default_factory=lambda: {
            "output": Decimal(50),
            "effect": Decimal(30),
            "satisfaction": Decimal(10),
        }
    )
    block_of: dict[str, Block] = Field(
        default_factory=lambda: {
            "output": "output",
            "cost": "output",
            "effect": "effect",
            "satisfaction": "satisfaction",
        }
    )
    """level-1 code → block (the 101号 level-1 成本 counts with 产出 by default)."""
    missing_to: dict[Block, Block] = Field(default_factory=lambda: {"satisfaction": "effect"})
    """A block without indicators gives its weight to this one (10号: 满意度 → 效益)."""
    reverse: Literal["ratio", "linear"] = "ratio"
    """EVA-04: (a) ``ratio`` 指标值 ÷ 实际值 × 分值; (b) ``linear`` to zero at twice the target."""
    tiers: dict[Tier, tuple[Decimal, Decimal]] = Field(default_factory=lambda: dict(CENTRAL_TIERS))
    """tier → the score range in percent of the weight (lower bound included)."""
    overachievement_percent: Decimal = Decimal(20)
    overachievement_deduction: bool = False
    explain_below: Decimal = Decimal(90)
    """EVA-02: a budget execution rate (percent) below this needs an explanation."""
    excellent: Decimal = Decimal(90)
    good: Decimal = Decimal(80)
    fair: Decimal = Decimal(60)
    tolerance: Decimal = Decimal("0.01")
    """EVA-10: a declared score further than this from the computed one is a finding."""

    @model_validator(mode="after")
    def _consistent(self) -> ScoringScheme:
        if set(self.tiers) != set(TIERS):
            raise ValueError("tiers 须包含 达成、部分达成、未达成 三档")
        for code, block in self.block_of.items():
            if block not in self.block_weights:
                raise ValueError(f"block_of 中 {code} 指向的 {block} 没有权重")
        if not self.fair <= self.good <= self.excellent:
            raise ValueError("等级分数线须 fair ≤ good ≤ excellent")
        return self


MONITORING_PRESETS: dict[str, MonitoringScheme] = {
    "central": MonitoringScheme(),
    "sichuan": MonitoringScheme(
        name="sichuan",
        label="四川（川财绩〔2025〕10号）",
        spending_floors={4: Decimal(25), 6: Decimal(40), 8: Decimal(60), 10: Decimal(80)},
    ),
    "hubei": MonitoringScheme(name="hubei", label="湖北"),
}

SCORING_PRESETS: dict[str, ScoringScheme] = {
    "central": ScoringScheme(),
    "sichuan": ScoringScheme(
        name="sichuan",
        label="四川（预算执行 10 分 + 绩效指标 90 分）",
        block_weights={"indicators": Decimal(90)},
        block_of={c: "indicators" for c in ("output", "cost", "effect", "satisfaction")},
        missing_to={},
    ),
    "hubei": ScoringScheme(
        name="hubei",
        label="湖北（预算执行 20 分、产出 40 分、效益与满意度 40 分）",
        budget_weight=Decimal(20),
        block_weights={"output": Decimal(40), "effect": Decimal(40)},
        block_of={
            "output": "output",
            "cost": "output",
            "effect": "effect",
            "satisfaction": "effect",
        },
        missing_to={},
        tiers={
            "达成": (Decimal(80), Decimal(100)),
            "部分达成": (Decimal(50), Decimal(80)),
            "未达成": (Decimal(0), Decimal(50)),
        },
    ),
}


S = TypeVar("S", bound=_Scheme)


def _scheme(kind: str, presets: dict[str, S], config: dict[str, Any] | None, table: str) -> S:
    data = dict(config or {})
    preset = str(data.pop("preset", "central"))
    if preset not in presets:
        names = "、".join(presets)
        raise SchemeError(
            f"{kind}方案“{preset}”不存在", hint=f"[tool.jixiao.{table}] preset 可选：{names}。"
        )
    base = presets[preset]
    if not data:
        return base
    try:
        return type(base).model_validate({**base.model_dump(), **data})
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or table
        message = str(first.get("ctx", {}).get("error", first["msg"]))
        raise SchemeError(
            f"{kind}配置有误：{where}（{message}）",
            hint=f"请对照 docs/lifecycle.md 检查 [tool.jixiao.{table}] 的配置项。",
        ) from None


def monitoring_scheme(config: dict[str, Any] | None = None) -> MonitoringScheme:
    """The scheme of a ``[tool.jixiao.monitoring]`` table (a preset plus overrides)."""
    return _scheme("运行监控", MONITORING_PRESETS, config, "monitoring")


def scoring_scheme(config: dict[str, Any] | None = None) -> ScoringScheme:
    """The scheme of a ``[tool.jixiao.scoring]`` table (a preset plus overrides)."""
    return _scheme("自评计分", SCORING_PRESETS, config, "scoring")
