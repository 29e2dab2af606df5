"""Stable indicator identity: how monitoring and self-evaluation rows find their target.

Row positions move when a table is edited, so lifecycle records point at an indicator by a
key derived from what the indicator *is*: its category code (``output.quantity``) — or, for
labels outside the framework, its normalised 一级/二级 labels — and its normalised 三级 name.
``output.quantity:培训人数`` stays the same whether the row is printed first or fifth, with or
without spaces, in traditional or simplified characters, ``产出指标`` or ``产出``. A name that
occurs twice under the same heading gets ``#2``, ``#3`` in reading order.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from jixiao.model.categories import normalize_label
from jixiao.model.document import Indicator
from jixiao.textutil import to_simplified

__all__ = ["indicator_key", "indicator_keys", "keyed_indicators", "normalize_name"]

_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=65536)
def normalize_name(name: str) -> str:
    """Width-folded (NFKC), simplified, without whitespace, lower-case."""
    text = unicodedata.normalize("NFKC", name)
    return _SPACE.sub("", to_simplified(text)).lower()


def _heading(indicator: Indicator) -> str:
    if indicator.category:
        return indicator.category
    return f"{normalize_label(indicator.level1)}/{normalize_label(indicator.level2)}"


def indicator_key(indicator: Indicator) -> str:
    """The key of one indicator, without the duplicate suffix (see ``indicator_keys``)."""
    return f"{_heading(indicator)}:{normalize_name(indicator.name)}"


def indicator_keys(indicators: Sequence[Indicator]) -> list[str]:
    """The keys of a table's indicators, in order; repeated keys get ``#2``, ``#3``…"""
    seen: dict[str, int] = {}
    keys: list[str] = []
    for indicator in indicators:
        base = indicator_key(indicator)
        seen[base] = seen.get(base, 0) + 1
        keys.append(base if seen[base] == 1 else f"{base}#{seen[base]}")
    return keys


def keyed_indicators(indicators: Sequence[Indicator]) -> dict[str, Indicator]:
    """key → indicator, for looking up the target of a lifecycle row."""
    return dict(zip(indicator_keys(indicators), indicators, strict=True))
