"""Text nodes → the lines a reader of the page sees, whitespace handled as browsers do.

HTML collapses runs of spaces, tabs and newlines to one space, and a line break in the source
between two Chinese characters disappears (CSS segment-break rules), so ``保障劳务派遣⏎人员经费``
reads as one word. ``&nbsp;`` is shown as a space that does not collapse; it becomes a plain
space here, so ``单位名称：某局&nbsp;&nbsp;项目名称：…`` keeps the two-space gap the assembler
splits header fields on, and a cell holding only ``&nbsp;`` is empty. Full-width spaces
(U+3000) are kept inside a line, as the other readers keep them; each line is stripped.
Zero-width characters (common in text pasted into portals' editors) are removed.
"""

from __future__ import annotations

import re

from jixiao.textutil import is_cjk

__all__ = ["BREAK", "visible_lines"]

BREAK = "\x00"
"""A hard line break (``<br>``, a block boundary) in collected text; NUL is never in a page."""

_COLLAPSIBLE = re.compile(r"[ \t\n\r\f]+")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
"""Zero-width spaces and joiners, word joiner, BOM, soft hyphen: in pages, never shown."""


def _collapse(match: re.Match[str]) -> str:
    run = match.group(0)
    if "\n" in run or "\r" in run:
        text = match.string
        before = text[match.start() - 1] if match.start() > 0 else ""
        after = text[match.end()] if match.end() < len(text) else ""
        if is_cjk(before) and is_cjk(after):
            return ""
    return " "


def visible_lines(raw: str) -> list[str]:
    """The non-empty lines of collected text, whitespace collapsed, each stripped."""
    text = _COLLAPSIBLE.sub(_collapse, _INVISIBLE.sub("", raw)).replace("\u00a0", " ")
    return [line for part in text.split(BREAK) if (line := part.strip())]
