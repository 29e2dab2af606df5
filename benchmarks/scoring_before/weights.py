"""EVA-01: the weight (分值) of every indicator of a self-evaluation.

Declared weights (the 自评表's 分值, or the target table's 权重) are used as printed. Where some
are missing, each scheme block's weight (产出 50, 效益 30, 满意度 10 by default) minus the
declared weights in it is shared equally among the block's other indicators; a block without
indicators gives its weight to the block the scheme names (满意度 → 效益). Weights are kept
exact (50 ÷ 3 stays 16.666…); only scores are rounded.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from jixiao.lifecycle.schemes import BLOCK_LABELS, ScoringScheme
from jixiao.model.categories import level1_code
from jixiao.model.document import Indicator
from scoring_before.formulas import fmt

__all__ = ["WeightPlan", "block_of", "plan_weights"]


@dataclass(frozen=True)
class WeightPlan:
    weights: list[Decimal]
    blocks: list[str]
    problems: list[str]
    """Chinese sentences, one per EVA-01 problem."""


def block_of(indicator: Indicator, scheme: ScoringScheme) -> str:
    """The scheme block of an indicator (an unknown 一级 counts with 产出)."""
    code = indicator.category.split(".")[0] if indicator.category else level1_code(indicator.level1)
    block = scheme.block_of.get(code or "output")
    return block if block is not None else next(iter(scheme.block_weights))


def plan_weights(
    indicators: list[Indicator],
    declared: list[Decimal | None],
    budget_weight: Decimal,
    scheme: ScoringScheme,
) -> WeightPlan:
    """Each indicator's weight, with the problems that make the sum differ from 100."""
    blocks = [block_of(ind, scheme) for ind in indicators]
    problems: list[str] = []
    weights: list[Decimal] = [Decimal(0) if d is None else d for d in declared]
    if any(d is None for d in declared):
        block_weight = dict(scheme.block_weights)
        present = set(blocks)
        for block, weight in list(block_weight.items()):
            if block in present:
                continue
            receiver = scheme.missing_to.get(block)
            if receiver is not None and receiver in present:
                block_weight[receiver] += weight
                block_weight[block] = Decimal(0)
        members: dict[str, list[int]] = defaultdict(list)
        for i, block in enumerate(blocks):
            members[block].append(i)
        for block, rows in members.items():
            open_rows = [i for i in rows if declared[i] is None]
            if not open_rows:
                continue
            rest = block_weight.get(block, Decimal(0)) - sum(
                (weights[i] for i in rows if declared[i] is not None), Decimal(0)
            )
            if rest < 0:
                label = BLOCK_LABELS.get(block, block)
                problems.append(f"{label}指标填报的分值之和超过了该类的权重")
                rest = Decimal(0)
            for i in open_rows:
                weights[i] = rest / len(open_rows)
    total = budget_weight + sum(weights, Decimal(0))
    if abs(total - 100) > Decimal("0.01"):
        problems.append(f"预算执行分值与各指标分值合计为 {fmt(total)} 分，不是 100 分")
    return WeightPlan(weights=weights, blocks=blocks, problems=problems)
