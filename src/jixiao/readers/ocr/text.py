"""Safe corrections of OCR text: only where a wrong reading is certain to be wrong.

OCR models confuse look-alike characters, but most "fixes" would also damage correct text,
so only two kinds are made. Full-width digits become ASCII (and ``％`` after a digit, ``．``
between digits), so that amounts and percentages parse. In a token that is a number apart
from look-alikes (``1O0``, ``9O%``, ``l00``), the letters O, o and l become 0 and 1; a token
with any other letter (a project code such as ``JBN-I945``, a unit such as ``10ml``) is left
as read, and so is an ``l`` ending a number (``5l`` may be 5 litres). ``≧ ≦``,
which the documents do not print, become ``≥ ≤``.

Parentheses are the one mark OCR cannot tell apart by width: ``(`` followed by a Chinese
character and ``)`` preceded by one become the full-width ``（ ）`` that Chinese text uses
(GB/T 15834); ``(%)``, ``(1)`` and Latin text keep the half-width ones.
"""

from __future__ import annotations

import re

__all__ = ["fix_numbers", "normalize_ocr"]

_WIDTH = str.maketrans({**{chr(0xFF10 + d): str(d) for d in range(10)}, "≧": "≥", "≦": "≤"})
_LOOKALIKE = {"O": "0", "o": "0", "l": "1"}
_TOKEN = re.compile(r"[0-9A-Za-z]+(?:\.[0-9A-Za-z]+)*")
_PERCENT_AFTER_DIGIT = re.compile(r"(?<=[0-9])％")
_POINT_BETWEEN_DIGITS = re.compile(r"(?<=[0-9])．(?=[0-9])")
_OPEN_BEFORE_HAN = re.compile(r"\((?=[\u3400-\u9fff])")
_CLOSE_AFTER_HAN = re.compile(r"(?<=[\u3400-\u9fff])\)")


def _fix_token(match: re.Match[str]) -> str:
    token = match.group()
    letters = {ch for ch in token if ch.isascii() and ch.isalpha()}
    if not letters or not letters <= _LOOKALIKE.keys() or not any(c.isdigit() for c in token):
        return token
    percent = match.string[match.end() : match.end() + 1] in ("%", "‰")
    out = []
    for i, ch in enumerate(token):
        inside = ch != "l" or percent or any(c.isdigit() for c in token[i + 1 :])
        out.append(_LOOKALIKE[ch] if ch in _LOOKALIKE and inside else ch)
    return "".join(out)


def fix_numbers(text: str) -> str:
    """Look-alike letters inside numbers read as the digits they are."""
    return _TOKEN.sub(_fix_token, text)


def normalize_ocr(text: str) -> str:
    """Full-width digits and signs of numbers as ASCII, parentheses around Chinese text
    full-width, then :func:`fix_numbers`."""
    text = text.translate(_WIDTH)
    text = _PERCENT_AFTER_DIGIT.sub("%", text)
    text = _POINT_BETWEEN_DIGITS.sub(".", text)
    text = _OPEN_BEFORE_HAN.sub("（", text)
    text = _CLOSE_AFTER_HAN.sub("）", text)
    return fix_numbers(text)
