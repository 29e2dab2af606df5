"""Measuring and wrapping text for the direct PDF writer, the way the PDF reader expects it.

Lines break between the pieces the reader's wrap test knows (``readers/paged/lines.py``,
``first_chunk``): a CJK character with the marks that may not start a line after it, a run of
digits and Latin letters, quotation marks glued to their neighbours. Non-breaking spaces glue
too (a wrap at a space would lose it when read back). A piece wider than the line is cut
between characters, like CSS ``overflow-wrap: anywhere``.
"""

from __future__ import annotations

import re

from jixiao.render.pdf_font import FontFile
from jixiao.textutil import unbreakable_end

__all__ = ["Measure"]

_NBSP = "\u00a0"
_QUOTES = frozenset("“”‘’\"'")
_GLUE = _QUOTES | {_NBSP}
# Runs without CJK characters or spaces (Latin words, numbers, ``≥98%``) do not break.
_UNBREAKABLE = re.compile(
    "[^\\s\u2018-\u201d\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0002ffff]+"
)


def _pieces(text: str) -> list[str]:
    """``text`` cut where a line may break."""
    out: list[str] = []
    i = 0
    while i < len(text):
        start, i = i, unbreakable_end(text, i, _UNBREAKABLE, _GLUE)
        out.append(text[start:i])
    return out


class Measure:
    """Advance widths of one font (in 1/1000 em), cached per character, and line wrapping."""

    def __init__(self, font: FontFile) -> None:
        self.font = font
        self._advance: dict[str, float] = {}

    def advance(self, char: str) -> float:
        width = self._advance.get(char)
        if width is None:
            width = self._advance[char] = self.font.glyph(char)[1]
        return width

    def width(self, text: str, size: float) -> float:
        """Width of ``text`` in points at font size ``size``."""
        advance = self._advance
        try:
            return sum([advance[c] for c in text]) * size / 1000.0
        except KeyError:
            return sum([self.advance(c) for c in text]) * size / 1000.0

    def wrap(self, text: str, width: float, size: float) -> list[str]:
        """``text`` as lines no wider than ``width`` points (hard breaks kept)."""
        lines: list[str] = []
        for hard in text.split("\n"):
            if self.width(hard, size) <= width:
                lines.append(hard)
            else:
                lines.extend(self._wrap_line(hard, width * 1000.0 / size))
        return lines

    def _wrap_line(self, text: str, room: float) -> list[str]:
        lines: list[str] = []
        line = ""
        used = 0.0
        for piece in _pieces(text):
            wide = sum([self.advance(c) for c in piece])
            if used + wide <= room:
                line += piece
                used += wide
                continue
            if line:
                lines.append(line)
                line, used = "", 0.0
            if wide <= room:
                line, used = piece, wide
                continue
            for char in piece:  # a piece wider than the line: cut between characters
                step = self.advance(char)
                if line and used + step > room:
                    lines.append(line)
                    line, used = "", 0.0
                line += char
                used += step
        if line or not lines:
            lines.append(line)
        return lines
