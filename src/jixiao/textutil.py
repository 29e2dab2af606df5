"""Small text helpers shared by readers and the assembler: CJK-aware joins, widths, markers."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

__all__ = [
    "ANY_SPACE",
    "LIST_MARKER",
    "NO_LINE_END",
    "display_width",
    "is_cjk",
    "join_wrapped",
    "needs_wrap_space",
    "normalize_space",
    "strip_list_marker",
    "to_simplified",
    "unbreakable_end",
]

# A list marker at the start of an item: 1、 1. 1． （1） (1) （一） 一、 一） 1） ①.
LIST_MARKER = re.compile(
    r"^\s*(?:"
    r"[（(]\s*[0-9一二三四五六七八九十]+\s*[）)][、.．]?"
    r"|[0-9]{1,2}\s*(?:、|[.．)）](?![0-9]))"
    r"|[一二三四五六七八九十]{1,3}\s*[、)）]+"
    r"|[①②③④⑤⑥⑦⑧⑨⑩]"
    r")\s*"
)

_SPACES = re.compile(r"[ \t\u3000\u00a0]+")
# Characters a line may not start with (Chinese line-breaking rules): they pull the previous
# character onto the next line, so the line before them looks one character short.
NO_LINE_START = set("、，。；：？！）》」』】〉”’%％,.;:?!)")

NO_LINE_END = frozenset("“‘（《【〈「『([")
"""Opening marks: a line does not end with one (it is carried to the next line)."""


def unbreakable_end(text: str, i: int, run: re.Pattern[str], glue: frozenset[str]) -> int:
    """Where the piece of ``text`` starting at ``i`` (``i < len(text)``) ends, that no line
    break may split: one character or a ``run`` match, with the marks that may not start a
    line after it, and as long as a ``glue`` character (quotation marks: UAX #14, LB19) or an
    opening mark stands at the seam, the next piece too. Shared by the PDF reader's wrap test
    and the PDF writer's line breaking, so what one writes the other reads as wrapped."""
    n = len(text)
    while True:
        found = run.match(text, i)
        i = found.end() if found else i + 1
        while i < n and text[i] in NO_LINE_START:
            i += 1
        last = text[i - 1]
        if i < n and (text[i] in glue or last in glue or last in NO_LINE_END):
            continue
        return i


def is_cjk(ch: str) -> bool:
    """CJK ideographs and full-width punctuation: joined across a wrap with no space."""
    if not ch:
        return False
    code = ord(ch)
    return (
        0x3000 <= code <= 0x303F
        or 0x3400 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0xFF00 <= code <= 0xFFEF
        or 0x2018 <= code <= 0x201D
        or 0x20000 <= code <= 0x2FFFF
    )


def _char_width(ch: str) -> float:
    if ch == " ":
        return 0.25
    if ch in "“”‘’":
        return 0.5  # proportional in the fonts these documents use
    if is_cjk(ch) or unicodedata.east_asian_width(ch) in ("W", "F"):
        return 1.0
    if ch in "≥≤＞＜":
        return 0.55
    if ch in ".,:;'|!":
        return 0.25
    if ch in "%‰":
        return 0.8
    return 0.5


_CHAR_WIDTHS: dict[str, float] = {}  # per character, bounded (any character may come in)


def display_width(text: str) -> float:
    """Approximate printed width in ems (CJK = 1, digits and Latin ≈ 0.5, spaces ≈ 0.25).

    Used to tell a wrapped (full) line from a short one in text exported from PDF.
    """
    width = 0.0
    known = _CHAR_WIDTHS
    for ch in text:
        step = known.get(ch)
        if step is None:
            step = _char_width(ch)
            if len(known) < 20000:
                known[ch] = step
        width += step
    return width


ANY_SPACE = re.compile(r"\s")
"""Every character ``str.split``, ``strip`` and ``splitlines`` act on: a text without one needs
no normalising."""


def normalize_space(text: str) -> str:
    """Collapse runs of spaces/tabs (incl. ideographic space) and strip the ends of each line."""
    if ANY_SPACE.search(text) is None:
        return text  # most cells: nothing to collapse, strip or split
    lines = [_SPACES.sub(" ", line).strip() for line in text.splitlines()]
    return "\n".join(line for line in lines if line)


def needs_wrap_space(left: str, right: str) -> bool:
    # A wrap between two Latin words was a space; anywhere CJK is involved it was nothing.
    if not left or not right:
        return False
    a, b = left[-1], right[0]
    return a.isascii() and a.isalpha() and b.isascii() and b.isalpha()


def join_wrapped(lines: list[str]) -> str:
    """Join visual lines of one cell or paragraph back into its text.

    Soft wraps are removed (no space inside CJK text); a line that starts a new list item
    (``2、…``, ``（二）…``) keeps a hard break, since that break was in the original.
    """
    out = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if not out:
            out = line
        elif LIST_MARKER.match(line):
            out += "\n" + line
        else:
            out += (" " if needs_wrap_space(out, line) else "") + line
    return out


def strip_list_marker(text: str) -> str:
    """``1、保障…`` → ``保障…``; text without a leading marker is returned stripped."""
    return LIST_MARKER.sub("", text, count=1).strip()


@lru_cache(maxsize=1)
def _t2s() -> Any:
    import opencc  # imported on first use: a simplified-only document never loads it

    return opencc.OpenCC("t2s")


_ASCII_OR_COMMON = re.compile(r"^[\x00-\x7f，。；：、（）“”‘’《》【】—…·％≥≤＞＜＝\s]*$")


def to_simplified(text: str) -> str:
    """Traditional characters converted to simplified (OpenCC ``t2s``), for matching labels.

    Only ever used to compare: the printed text is what the document model keeps.
    """
    if _ASCII_OR_COMMON.match(text):
        return text
    converted: str = _t2s().convert(text)
    return converted
