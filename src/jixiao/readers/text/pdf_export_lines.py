"""Lines of text exported from a PDF, with the two hints the export leaves about layout.

The export separates visual lines with a blank line, except where the next line begins a new
text box (another table cell), where it uses a single newline: a "tight" break is a cell
boundary. A line that starts with a space begins a new page. Page numbers stand alone.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from jixiao.textutil import LIST_MARKER, NO_LINE_START, display_width

__all__ = ["PdfLine", "join_paragraphs", "split_lines"]

_PAGE_NUMBER = re.compile(r"^\s*[0-9]{1,4}\s*$")
# Sub-items such as "目标 1：…" start a new paragraph even when the line before is full.
_SENTENCE_END = set("。；！？")
_ITEM_START = re.compile(r"^目标\s*[0-9一二三四五六七八九十]*\s*[：:]")


class PdfLine(NamedTuple):  # a tuple: a few hundred are made per document
    text: str
    number: int  # 1-based line number in the input
    tight: bool  # no blank line between this line and the previous one
    page_start: bool  # the export marks a new page with a leading space

    @property
    def width(self) -> float:
        return display_width(self.text)


def split_lines(text: str) -> list[PdfLine]:
    out: list[PdfLine] = []
    previous_blank = True
    for number, raw in enumerate(text.split("\n"), start=1):
        stripped = raw.strip()
        if not stripped:
            previous_blank = True
            continue
        page_start = raw.startswith(" ") or number == 1
        out.append(PdfLine(stripped, number, not previous_blank, page_start))
        previous_blank = False
    return out


def is_page_number(line: PdfLine) -> bool:
    return bool(_PAGE_NUMBER.match(line.text))


def join_paragraphs(lines: list[PdfLine]) -> list[tuple[str, int, int]]:
    """Rebuild paragraphs: a line that fills the text width continues on the next line.

    Returns (text, first line number, last line number). The text width is measured on the
    lines themselves (the longest lines are the full ones), so no page size is assumed.
    """
    lines = [line for line in lines if not is_page_number(line)]
    if not lines:
        return []
    line_widths = [line.width for line in lines]
    widths = sorted(line_widths)
    full = widths[int(len(widths) * 0.9)] if len(widths) >= 5 else widths[-1]
    paragraphs: list[tuple[str, int, int]] = []
    parts: list[str] = []
    first = last = 0
    for index, line in enumerate(lines):
        following = lines[index + 1].text if index + 1 < len(lines) else ""
        starts_item = bool(LIST_MARKER.match(line.text) or _ITEM_START.match(line.text))
        if parts and starts_item:
            paragraphs.append(("".join(parts), first, last))
            parts = []
        if not parts:
            first = line.number
        # A paragraph's first line is indented (2 em); a full line that ends a sentence a little
        # short of the margin is taken as the paragraph's last line.
        threshold = full - 1.6 - (2.0 if not parts else 0.0)
        if line.text[-1] in _SENTENCE_END:
            threshold = full - 0.75
        parts.append(line.text)
        last = line.number
        # The next line starting with a character that may not start a line (``看”``) means
        # the break was pushed back by line-breaking rules: the paragraph goes on.
        pushed = any(ch in NO_LINE_START for ch in following[:2])
        if line_widths[index] < threshold and not pushed:
            paragraphs.append(("".join(parts), first, last))
            parts = []
    if parts:
        paragraphs.append(("".join(parts), first, last))
    return paragraphs
