"""EVA-01: the weight (分值) of every indicator of a self-evaluation.

Declared weights (the 自评表's 分值, or the target table's 权重) are used as printed. Where some
are missing, each scheme block's weight (产出 50, 效益 30, 满意度 10 by default) minus the
declared weights in it is shared equally among the block's other indicators; a block without
indicators gives its weight to the block the scheme names (满意度 → 效益). Weights are kept
exact (50 ÷ 3 stays 16.666…); only scores are rounded.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from jixiao.lifecycle.formulas import fmt
from jixiao.lifecycle.schemes import BLOCK_LABELS, ScoringScheme
from jixiao.model.categories import level1_code
from jixiao.model.document import Indicator

__all__ = ["WeightPlan", "block_of", "plan_weights"]


@dataclass(slots=True)
class WeightPlan:
    weights: list[Decimal]
    blocks: list[str]
    problems: list[str]
    """Chinese sentences, one per EVA-01 problem."""


_ZERO = Decimal(0)
_HUNDRED = Decimal(100)
_CENT = Decimal("0.01")


@lru_cache(maxsize=1024)
def _level1(category: str | None, level1: str) -> str | None:
    """The level-1 code of an indicator (its category's first part, else its 一级 label)."""
    return category.partition(".")[0] if category else level1_code(level1)


def block_of(indicator: Indicator, scheme: ScoringScheme) -> str:
    """The scheme block of an indicator (an unknown 一级 counts with 产出)."""
    block = scheme.block_of.get(_level1(indicator.category, indicator.level1) or "output")
    return block if block is not None else next(iter(scheme.block_weights))


def plan_weights(
    indicators: list[Indicator],
    declared: list[Decimal | None],
    budget_weight: Decimal,
    scheme: ScoringScheme,
) -> WeightPlan:
    """Each indicator's weight, with the problems that make the sum differ from 100."""
    by_code = scheme.block_of
    blocks: list[str] = []
    for ind in indicators:  # block_of, inlined (once per indicator of every project)
        block = by_code.get(_level1(ind.category, ind.level1) or "output")
        blocks.append(block if block is not None else next(iter(scheme.block_weights)))
    problems: list[str] = []
    weights: list[Decimal] = [_ZERO if d is None else d for d in declared]
    if None in declared:
        _share_out(blocks, declared, weights, scheme, problems)
    total = budget_weight + sum(weights, _ZERO)
    if abs(total - _HUNDRED) > _CENT:
        problems.append(f"预算执行分值与各指标分值合计为 {fmt(total)} 分，不是 100 分")
    return WeightPlan(weights=weights, blocks=blocks, problems=problems)


def _share_out(
    blocks: list[str],
    declared: list[Decimal | None],
    weights: list[Decimal],
    scheme: ScoringScheme,
    problems: list[str],
) -> None:
    """The open weights: each block's weight less its declared ones, shared equally."""
    members: dict[str, list[int]] = {}
    for i, block in enumerate(blocks):
        members.setdefault(block, []).append(i)
    block_weight = scheme.block_weights
    if not members.keys() >= block_weight.keys():  # a block without indicators gives its weight
        block_weight = dict(block_weight)
        for block, weight in scheme.block_weights.items():
            if block in members:
                continue
            receiver = scheme.missing_to.get(block)
            if receiver is not None and receiver in members:
                block_weight[receiver] += weight
                block_weight[block] = _ZERO
    for block, rows in members.items():
        open_rows = [i for i in rows if declared[i] is None]
        if not open_rows:
            continue
        rest = block_weight.get(block, _ZERO)
        if len(open_rows) < len(rows):
            rest -= sum((weights[i] for i in rows if declared[i] is not None), _ZERO)
        else:
            rest -= _ZERO  # as the sum of no declared weights did: the same digits
        if rest < 0:
            label = BLOCK_LABELS.get(block, block)
            problems.append(f"{label}指标填报的分值之和超过了该类的权重")
            rest = _ZERO
        share = rest / len(open_rows)
        for i in open_rows:
            weights[i] = share
