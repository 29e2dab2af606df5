"""Rows whose cells are set apart by runs of spaces (text exported from a PDF with its layout
kept, or a table printed in a fixed-width font).

A cell is a stretch of text between runs of two or more spaces (or full-width spaces). Cells
are put in columns by where they start on the line, counted in display columns (a Chinese
character is two wide, as in a fixed-width font), so a row that leaves its merged
一级指标/二级指标 cells blank still puts its name and value under the right header.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["Segment", "anchor_columns", "place", "segments"]

_GAP = re.compile(r"(?: {2,}|\u3000+|\t+)")

Segment = tuple[int, int, str]  # display start, display end, text


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def segments(line: str) -> list[Segment]:
    """The line's cells with their display positions."""
    out: list[Segment] = []
    pos = 0
    display = 0
    for gap in _GAP.finditer(line):
        text = line[pos : gap.start()]
        if text.strip():
            lead = len(text) - len(text.lstrip())
            start = display + _width(text[:lead])
            out.append((start, display + _width(text.rstrip()), text.strip()))
        display += _width(line[pos : gap.end()])
        pos = gap.end()
    text = line[pos:]
    if text.strip():
        lead = len(text) - len(text.lstrip())
        out.append((display + _width(text[:lead]), display + _width(text.rstrip()), text.strip()))
    return out


def anchor_columns(rows: list[list[Segment]]) -> list[int]:
    """Column starts: every place a cell starts on some line (starts one column apart are the
    same column), so a row with blank first cells keeps its cells under the right ones."""
    starts = sorted({start for row in rows for start, _, _ in row})
    anchors: list[int] = []
    for start in starts:
        if not anchors or start > anchors[-1] + 1:
            anchors.append(start)
    return anchors


def place(row: list[Segment], anchors: list[int]) -> list[str]:
    """The row's cells in the anchors' columns (blank where it has none); a cell goes to the
    last column starting at or before it (with one column of slack), a cell past the last
    anchor to the last column."""
    out = [""] * len(anchors)
    for start, _end, text in row:
        col = 0
        for k, anchor in enumerate(anchors):
            if anchor <= start + 1:
                col = k
        if out[col]:
            # two cells in one column: the later one belongs further right when there is room
            nxt = next((k for k in range(col + 1, len(out)) if not out[k]), None)
            if nxt is not None:
                out[nxt] = text
                continue
            out[col] += " " + text
            continue
        out[col] = text
    return out
