"""Words from upright characters, as pdfplumber's ``WordExtractor`` makes them, faster.

``text_lines`` runs once per table cell, a few thousand times per document, and pdfplumber's
general extractor (any direction, options, generators at every step) was then the largest
part of reading a PDF after PDFium took over the characters. This is the same algorithm for
the one case used here (upright text, left to right, tolerance 3, words also split by font
size, ligatures expanded), checked against pdfplumber in ``tests/formats/test_pdf_pdfium.py``:

1. consecutive characters of the same size form a group;
2. in each group, characters whose tops chain within 3 points form a line, sorted by ``x0``;
3. a line breaks into words at blanks, where a character starts left of the previous one's
   start, more than 3 points right of its end, or more than 3 points above or below it.
"""

from __future__ import annotations

import itertools
from typing import Any

from pdfplumber.utils.text import LIGATURES

__all__ = ["words"]

Char = dict[str, Any]

_TOLERANCE = 3.0


def words(chars: list[Char]) -> list[Char]:
    """Words (text, x0, x1, top, bottom, size) of upright ``chars``, in pdfplumber's order."""
    out: list[Char] = []
    for _, group in itertools.groupby(chars, key=lambda c: c["size"]):
        for line in _lines(list(group)):
            _line_words(line, out)
    return out


def _lines(group: list[Char]) -> list[list[Char]]:
    tops = sorted({c["top"] for c in group})
    cluster: dict[Any, int] = {}
    index, last = 0, tops[0]
    for top in tops:
        if top > last + _TOLERANCE:
            index += 1
        cluster[top] = index
        last = top
    ordered = sorted(group, key=lambda c: cluster[c["top"]])
    return [
        sorted(members, key=lambda c: c["x0"])
        for _, members in itertools.groupby(ordered, key=lambda c: cluster[c["top"]])
    ]


def _line_words(line: list[Char], out: list[Char]) -> None:
    current: list[Char] = []
    for char in line:
        text = char["text"]
        if text.isspace():
            _emit(current, out)
            current = []
        elif text == "":  # pdfplumber: "" is "in" its (empty) punctuation set
            _emit(current, out)
            _emit([char], out)
            current = []
        elif current and _new_word(current[-1], char):
            _emit(current, out)
            current = [char]
        else:
            current.append(char)
    _emit(current, out)


def _new_word(prev: Char, char: Char) -> bool:
    x0 = char["x0"]
    return bool(
        x0 < prev["x0"]
        or x0 > prev["x1"] + _TOLERANCE
        or abs(char["top"] - prev["top"]) > _TOLERANCE
    )


def _emit(chars: list[Char], out: list[Char]) -> None:
    if not chars:
        return
    out.append(
        {
            "text": "".join(LIGATURES.get(c["text"], c["text"] or "") for c in chars),
            "x0": min(c["x0"] for c in chars),
            "x1": max(c["x1"] for c in chars),
            "top": min(c["top"] for c in chars),
            "bottom": max(c["bottom"] for c in chars),
            "size": chars[0]["size"],
        }
    )
