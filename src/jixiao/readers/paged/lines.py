"""Characters of a PDF page → visual lines → paragraphs, the way a reader sees them.

pdfminer gives characters with boxes, not lines or paragraphs. Lines are words clustered by
vertical position (words as pdfplumber's word extractor makes them, ``words``: a space where
the text has one or where the gap between characters is wide). Paragraphs are rebuilt from
layout cues: a line continues the paragraph above when the line above was wrapped (it reached
the right edge of the text, or the first unbreakable piece of this line would not have fitted
after it), this line is not indented, does not start a list item (``2、``, ``（三）``) and the
gap above it is not clearly wider than the gap between the lines of a paragraph (learnt from
lines that wrapped). Lone page numbers in the top and bottom bands are dropped.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from jixiao.readers.paged.words import words
from jixiao.textutil import LIST_MARKER, is_cjk, join_wrapped, unbreakable_end

__all__ = [
    "Char",
    "Line",
    "LineGaps",
    "PageParagraph",
    "drop_page_furniture",
    "first_chunk",
    "page_items",
    "text_lines",
]

Char = dict[str, Any]

_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－\s]*[0-9]+[-—–－\s]*|第\s*[0-9]+\s*页(?:\s*[，,]?\s*共\s*[0-9]+\s*页)?"
    r"|[0-9]+\s*/\s*[0-9]+)$"
)
_MARGIN_BAND = 0.08  # top and bottom share of the page where running headers/footers live
# A wrapped line may end this many characters short of the right edge: a character that may
# not start a line (，。）”…) pulls the one before it down, and Latin words wrap whole.
_FULL_SLACK = 3.0
_SAME_SIZE = 0.15  # relative font size difference still counted as the same text
_QUOTES = frozenset("“”‘’\"'")  # no break before or after these (UAX #14, rule LB19)
_UNBREAKABLE = re.compile(r"[0-9A-Za-z.,%/:+\-]+")


def first_chunk(text: str) -> str:
    """What a line break could not split at the start of ``text``: a character or a run of
    digits and Latin letters, with the marks that may not end or start a line and the
    quotation marks glued to it (``100%，``, ``《承``, ``结、“好``)."""
    return text[: unbreakable_end(text, 0, _UNBREAKABLE, _QUOTES)] if text else ""


def _width(text: str) -> float:
    """Width in ems as CJK fonts print it: ideographs, full-width forms and curly quotes 1,
    the rest about half."""
    return sum(1.0 if is_cjk(ch) or ch in _QUOTES else 0.55 for ch in text)


@dataclass(frozen=True, slots=True)
class Line:
    """One visual line of text with its box and font size."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


def text_lines(chars: list[Char]) -> list[Line]:
    """Visual lines, top to bottom: words clustered by vertical position, left to right."""
    upright = [c for c in chars if c.get("upright", True) and c["text"] not in ("\n", "\r")]
    if not upright:
        return []
    found = words(upright)
    found.sort(key=lambda w: (w["top"], w["x0"]))
    groups: list[tuple[float, float, list[dict[str, Any]]]] = []  # (top, bottom, words)
    for word in found:
        if groups:
            top, bottom, members = groups[-1]
            half = min(bottom - top, word["bottom"] - word["top"]) / 2
            centre = (word["top"] + word["bottom"]) / 2
            if abs(centre - (top + bottom) / 2) <= max(half, 1.0):
                members.append(word)
                groups[-1] = (min(top, word["top"]), max(bottom, word["bottom"]), members)
                continue
        groups.append((word["top"], word["bottom"], [word]))
    lines: list[Line] = []
    for top, bottom, members in groups:
        members.sort(key=lambda w: w["x0"])
        lines.append(
            Line(
                text=" ".join(w["text"] for w in members),
                x0=min(w["x0"] for w in members),
                x1=max(w["x1"] for w in members),
                top=top,
                bottom=bottom,
                size=max(float(w.get("size") or 0) for w in members) or bottom - top,
            )
        )
    return lines


def drop_page_furniture(lines: list[Line], height: float) -> list[Line]:
    """Without lone page numbers (``3``, ``- 3 -``, ``第 3 页``) in the top or bottom band."""
    band = height * _MARGIN_BAND
    return [
        line
        for line in lines
        if not (
            (line.bottom <= band or line.top >= height - band)
            and _PAGE_NUMBER.match(line.text.strip())
        )
    ]


@dataclass(slots=True)
class PageParagraph:
    """Consecutive lines of one paragraph; the flags decide joins across a page break."""

    lines: list[Line]
    ends_full: bool
    starts_item: bool
    starts_indented: bool

    def text(self) -> str:
        return join_wrapped([line.text for line in self.lines])

    def bbox(self) -> tuple[float, float, float, float]:
        """The box of the lines on the paragraph's first page."""
        first = [self.lines[0]]
        for line in self.lines[1:]:
            if line.top < first[-1].top:  # continued on the next page
                break
            first.append(line)
        return (
            round(min(line.x0 for line in first), 2),
            round(first[0].top, 2),
            round(max(line.x1 for line in first), 2),
            round(first[-1].bottom, 2),
        )


class LineGaps:
    """The gap between the lines of a paragraph, per font size, remembered across pages.

    Samples are pairs of lines that look wrapped (same size, same left edge, the upper one
    full); the smallest such gap is a paragraph's line gap, since a gap between paragraphs
    is wider. A page's own samples win; pages without any use what earlier pages showed.
    """

    def __init__(self) -> None:
        self._seen: dict[int, float] = {}

    def learn(self, samples: list[tuple[float, float]]) -> dict[int, float]:
        """(size, gap) samples of one page → that page's gaps; remembered for later pages."""
        page: dict[int, float] = {}
        for size, gap in samples:
            key = round(size)
            page[key] = min(gap, page.get(key, gap))
            self._seen[key] = min(gap, self._seen.get(key, gap))
        return page

    def usual(self, page: dict[int, float], size: float) -> float:
        key = round(size)
        return page.get(key, self._seen.get(key, 0.5 * size))


def page_items(
    lines: list[Line],
    tables: Sequence[tuple[float, float, float]],
    width: float,
    gaps: LineGaps,
) -> list[PageParagraph | int]:
    """Paragraphs and tables (their index in ``tables``) in reading order, top to bottom.

    ``tables`` holds each table's (top, left, right): tables also mark the text's edges. The
    right edge is at least as far as the left margin mirrored, so that a page of short lines
    does not count them as full.
    """
    if not lines:
        return list(range(len(tables)))
    left = min([line.x0 for line in lines] + [t_left for _, t_left, _ in tables])
    right = max([line.x1 for line in lines] + [t_right for _, _, t_right in tables])
    right = max(right, width - left)

    def full(line: Line) -> bool:
        return line.x1 >= right - _FULL_SLACK * line.size

    def wrapped(prev: Line, line: Line) -> bool:
        """``prev`` is full, or the start of ``line`` would not have fitted after it."""
        chunk = _width(first_chunk(line.text)) * line.size
        return full(prev) or prev.x1 + chunk > right - 0.25 * line.size

    def indented(line: Line) -> bool:
        return line.x0 > left + 0.8 * line.size

    samples = [
        (b.size, b.top - a.bottom)
        for a, b in itertools.pairwise(lines)
        if b.top > a.bottom
        and abs(a.size - b.size) <= 0.02 * b.size
        and abs(a.x0 - b.x0) <= 1.0
        and full(a)
    ]
    page_gaps = gaps.learn(samples)

    def continues(prev: Line, line: Line) -> bool:
        size = max(prev.size, line.size)
        usual = gaps.usual(page_gaps, size)
        return (
            wrapped(prev, line)
            and not indented(line)
            and not LIST_MARKER.match(line.text)
            and abs(prev.size - line.size) <= _SAME_SIZE * size
            and line.top - prev.bottom <= usual + max(0.25 * size, 0.3 * usual)
        )

    ordered: list[tuple[float, int, Line | int]] = [(ln.top, 1, ln) for ln in lines]
    ordered += [(top, 0, n) for n, (top, _, _) in enumerate(tables)]
    ordered.sort(key=lambda item: (item[0], item[1]))
    items: list[PageParagraph | int] = []
    current: list[Line] = []

    def close() -> None:
        if current:
            items.append(
                PageParagraph(
                    lines=list(current),
                    ends_full=full(current[-1]),
                    starts_item=bool(LIST_MARKER.match(current[0].text)),
                    starts_indented=indented(current[0]),
                )
            )
            current.clear()

    for _, _, obj in ordered:
        if isinstance(obj, int):
            close()
            items.append(obj)
        elif current and continues(current[-1], obj):
            current.append(obj)
        else:
            close()
            current.append(obj)
    close()
    return items
