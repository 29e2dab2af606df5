"""Render an ``IndicatorValue`` back to canonical printed text (``≥95%``, ``≤29.25万元``).

The canonical form is what ``parse_value`` reads back to the same value (anomalies aside),
so it can be used to rewrite messy values and to compare values as text.
"""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.model.document import IndicatorValue

__all__ = ["render_value"]

_SIGNS: dict[str | None, str] = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "=": "", None: ""}
_FULL_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_NO_YEAR_DATE = re.compile(r"--([0-9]{2})-([0-9]{2})")


def render_value(value: IndicatorValue) -> str:
    """The canonical text of ``value``; never raises on a valid model."""
    if value.kind == "empty":
        return ""
    if value.kind == "qualitative":
        return value.text or ""
    if value.date is not None:
        return _render_date(value)
    if value.number is None:
        # Not produced by the parser; keep whatever text there is.
        return value.text or ""
    unit = value.unit or ""
    if value.upper is not None:
        core = f"{_digits(value.number)}{unit}-{_digits(value.upper)}{unit}"
    else:
        core = f"{_SIGNS[value.op]}{_digits(value.number)}{unit}"
    # The space keeps free text from being read as part of the unit on the way back.
    return f"{core} {value.text}" if value.text else core


def _digits(number: Decimal) -> str:
    return format(number, "f")


def _render_date(value: IndicatorValue) -> str:
    date = value.date or ""
    if match := _FULL_DATE.fullmatch(date):
        year, month, day = (int(part) for part in match.groups())
        text = f"{year}年{month}月{day}日"
    elif match := _NO_YEAR_DATE.fullmatch(date):
        month, day = (int(part) for part in match.groups())
        text = f"{month}月{day}日"
    else:
        return value.text or date
    if value.op == "<=":
        return f"{text}前"
    return f"{_SIGNS[value.op]}{text}"
