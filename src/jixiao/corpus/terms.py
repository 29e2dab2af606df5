"""Per-indicator facts the statistics count, decided once when the dataset is written."""

from __future__ import annotations

from jixiao.model import Indicator
from jixiao.review.rules._text_terms import is_placeholder

__all__ = ["VAGUE_TERMS", "is_placeholder_indicator", "is_vague"]

VAGUE_TERMS = (
    "有效",
    "明显",
    "显著",
    "进一步",
    "逐步",
    "逐年",
    "持续",
    "稳步",
    "不断",
    "大幅",
    "有所",
    "较好",
    "良好",
    "较高",
    "达到预期",
    "符合要求",
    "基本",
)
"""Words that make a value without a number vague (corpus.md §4.2 statistic 2)."""


def is_vague(ind: Indicator) -> bool:
    """A value with no number that only grades (有效改善, 明显提升, 达到预期 …)."""
    if ind.value.number is not None:
        return False
    return any(term in ind.value_text for term in VAGUE_TERMS)


def is_placeholder_indicator(ind: Indicator) -> bool:
    """Template text left in (目标内容1, 指标1, XXX, 待定 …) as name, description or value."""
    return (
        is_placeholder(ind.name)
        or is_placeholder(ind.description)
        or is_placeholder(ind.value_text, value=True)
    )
