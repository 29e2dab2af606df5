"""Spreadsheet cell values → the text a reader of the printed sheet sees.

Spreadsheets store numbers as binary floats (72.64 is 72.6399999…), so a number is printed
through its cell's number format where the reader knows it (``0.00`` → ``25.00``, ``0.0%`` →
``95.0%``), else with Excel's own 15 significant digits (``25.0`` → ``25``, never
``72.6399999``). A format never drops digits the value has: an amount of 0.125 formatted
``0.00`` reads ``0.125``, because the exact amount matters more than the rounded display.
Dates become ISO text.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

__all__ = ["BUILTIN_FORMATS", "NumberStyle", "cell_text", "number_style"]

BUILTIN_FORMATS = {
    1: "0",
    2: "0.00",
    3: "#,##0",
    4: "#,##0.00",
    9: "0%",
    10: "0.00%",
    37: "#,##0 ;(#,##0)",
    38: "#,##0 ;[Red](#,##0)",
    39: "#,##0.00;(#,##0.00)",
    40: "#,##0.00;[Red](#,##0.00)",
}
"""The built-in number formats (by id) that print a plain number or a percentage."""

NumberStyle = tuple[int, bool]
"""(decimals shown, is a percentage)."""

_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')


@lru_cache(maxsize=512)
def number_style(code: str) -> NumberStyle | None:
    """How a number format prints a plain number; None for General, dates, text, scientific."""
    section = _QUOTED.sub("", code.split(";", 1)[0])
    if not section or "@" in section or re.search(r"[EeYyMmDdHhSs]", section):
        return None
    if not re.search(r"[0#?]", section):
        return None
    percent = "%" in section
    _, dot, frac = section.partition(".")
    decimals = len(re.findall(r"[0#?]", frac)) if dot else 0
    return decimals, percent


def _number_text(value: float | int, style: NumberStyle | None) -> str:
    if isinstance(value, int):
        number = Decimal(value)
    else:
        try:
            number = Decimal(format(value, ".15g"))
        except InvalidOperation:  # pragma: no cover - format() always gives a number
            return str(value)
        if not number.is_finite():
            return str(value)
    suffix = ""
    if style is not None:
        decimals, percent = style
        if percent:
            number = (number * 100).normalize()
            suffix = "%"
        exponent = number.normalize().as_tuple().exponent
        own = -exponent if isinstance(exponent, int) and exponent < 0 else 0
        number = number.quantize(Decimal(1).scaleb(-max(decimals, own)))
    else:
        number = number.normalize()
    text = format(number, "f")
    return ("0" if text in ("-0", "") else text) + suffix


def cell_text(value: object, style: NumberStyle | None = None) -> str:
    """One cell's value as text (``\\r\\n`` → ``\\n``, surrounding whitespace removed)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.replace("\r\n", "\n").replace("\r", "\n").strip()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        return _number_text(value, style)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    return str(value).strip()
