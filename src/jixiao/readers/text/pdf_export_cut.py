"""Cutting a PDF-export indicator row's body into its four cells, column by column.

The cost of a cut is the sum of four cell costs (see ``pdf_export_indicators``). Trying every
three-way split of a row's n pieces costs about n³; here the best cut is found column by
column instead (the best cost of columns k…3 from each start, right to left), and each cell's
cost is built incrementally as its end moves right, so a row costs about n² small steps.

Costs are integers in tenths and widths integers in hundredths of an em, so sums are exact and
ties are broken the same way every time: the first cut (a, b, c) in lexicographic order among
the cheapest, as the exhaustive search did.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right, insort
from dataclasses import dataclass
from functools import lru_cache

from jixiao.textutil import LIST_MARKER, NO_LINE_START, is_cjk, needs_wrap_space
from jixiao.values import parse_value

__all__ = ["Cut", "PieceRow", "best_cut", "cell_line_widths", "cell_lines", "width_units"]

Cut = tuple[int, int, int]

BODY_COLUMNS = 4  # 三级指标, 绩效指标描述, 指标值, 指标值确定依据
VALUE_COL = 2
EMPTY_COST = (60, 30, 40, 15)  # tenths
SPACE_UNITS = 25  # hundredths of an em, as display_width counts a space
_NO_CUT_YET = 1 << 60


def width_units(text: str) -> int:
    """``display_width`` in integer hundredths of an em (exact sums)."""
    width = 0
    for ch in text:
        if ch == " ":
            width += 25
        elif ch in "“”‘’":
            width += 50
        elif is_cjk(ch) or unicodedata.east_asian_width(ch) in ("W", "F"):
            width += 100
        elif ch in "≥≤＞＜":
            width += 55
        elif ch in ".,:;'|!":
            width += 25
        elif ch in "%‰":
            width += 80
        else:
            width += 50
    return width


@lru_cache(maxsize=65536)
def _piece_width(text: str) -> int:
    return width_units(text)


def _carried(text: str) -> str:
    """What a line starting with ``text`` pulls back onto the line before (one character, or
    two when the second may not start a line)."""
    return text[:2] if len(text) > 1 and text[1] in NO_LINE_START else text[:1]


# The value grammar reads a quantity only from digits (ASCII, or full-width ones it maps to
# ASCII): a text without any is qualitative, and is not parsed here.
_DIGIT = re.compile("[0-9\uff10-\uff19]")


@lru_cache(maxsize=65536)
def _is_quantitative(text: str) -> bool:
    return _DIGIT.search(text) is not None and parse_value(text).kind == "quantitative"


@lru_cache(maxsize=65536)
def _value_cost(text: str) -> int:
    value = parse_value(text) if _DIGIT.search(text) else None
    if value is not None and value.kind == "quantitative":
        return -5 if "missing_unit" in value.anomalies else -20
    words = text.split(" ")
    if len(words) > 2 or (len(words) == 2 and words[0] == words[1]):
        return 20
    return max(0, len(text) - 6) * 3


_BEST_VALUE_COST = -20


def append_wrapped(out: str, raw: str) -> str:
    """One step of ``textutil.join_wrapped``: ``out`` with the visual line ``raw`` added."""
    line = raw.strip()
    if not line:
        return out
    if not out:
        return line
    if LIST_MARKER.match(line):
        return out + "\n" + line
    return out + (" " if needs_wrap_space(out, line) else "") + line


@dataclass(frozen=True, slots=True)
class PieceRow:
    """A body's pieces as parallel arrays, with what the search reads of each piece."""

    texts: tuple[str, ...]
    lines: tuple[int, ...]  # index of the piece's physical line within the body
    seps: tuple[str, ...]  # start, space, wrap, tight: how it follows the previous piece
    widths: tuple[int, ...] = ()  # hundredths of an em
    carried: tuple[int, ...] = ()  # width a line starting here pulls onto the line before
    boundary: tuple[int, ...] = ()  # cost of a cell starting here (tenths)

    @classmethod
    def of(cls, texts: list[str], lines: list[int], seps: list[str]) -> PieceRow:
        boundary = []
        for k, sep in enumerate(seps):
            cost = 0
            if k and sep == "space":
                previous = texts[k - 1]
                cost = 8 + (20 if previous[-1].isdigit() or previous in ("≥", "≤") else 0)
            elif k and sep == "tight":
                cost = -5
            boundary.append(cost)
        return cls(
            tuple(texts),
            tuple(lines),
            tuple(seps),
            tuple(_piece_width(text) for text in texts),
            tuple(_piece_width(_carried(text)) for text in texts),
            tuple(boundary),
        )

    def __len__(self) -> int:
        return len(self.texts)


def cell_lines(row: PieceRow, start: int, end: int) -> list[str]:
    """The visual lines of pieces ``start…end-1`` (pieces of one line joined by a space)."""
    lines: list[list[str]] = []
    last_line = -1
    for k in range(start, end):
        if row.lines[k] != last_line:
            lines.append([])
            last_line = row.lines[k]
        lines[-1].append(row.texts[k])
    return [" ".join(parts) for parts in lines]


def cell_line_widths(row: PieceRow, start: int, end: int) -> list[int]:
    """The widths (hundredths of an em) of ``cell_lines(row, start, end)``."""
    widths: list[int] = []
    last_line = -1
    for k in range(start, end):
        if row.lines[k] != last_line:
            widths.append(row.widths[k])
            last_line = row.lines[k]
        else:
            widths[-1] += SPACE_UNITS + row.widths[k]
    return widths


def _best_from(
    row: PieceRow,
    col: int,
    start: int,
    cap: float | None,
    after: list[int],
    after_floor: list[int],
) -> tuple[int, int]:
    """The cheapest end for the cell ``col`` starting at piece ``start``, and its total.

    ``after[end]`` is the best cost of the columns right of this one when this cell ends at
    ``end``, ``after_floor[end]`` the least of ``after[end:]``. The cell's cost is built as its
    end moves right. Every term but the value's only grows with the end, so once even the best
    value and the floor cannot beat the best total so far, no later end can: the loop stops.
    The value column parses its text only when that end could still win.
    """
    n = len(row.texts)
    best, best_end = EMPTY_COST[col] + after[start], start
    if start >= n:
        return best, best_end
    texts, lines, seps, widths, carried = row.texts, row.lines, row.seps, row.widths, row.carried
    value_col = col == VALUE_COL
    fixed = row.boundary[start]  # boundary, tight breaks and lines short of the cap
    rooms: list[int] = []  # sorted rooms of the finished lines (width + what the next carries)
    widest_done = -1
    done_text = ""  # the finished lines joined as join_wrapped would (value column only)
    line_text = texts[start]
    line_width = widths[start]
    current = lines[start]
    narrow_cap = cap - 30 if cap is not None else -1.0
    wide_cap = cap + 60 if cap is not None else float("inf")
    least_value = _BEST_VALUE_COST if value_col else 0
    for k in range(start, n):
        if k > start:
            if lines[k] == current:
                if value_col or not rooms:
                    line_text += " " + texts[k]
                line_width += SPACE_UNITS + widths[k]
            else:
                room = line_width + carried[k]
                insort(rooms, room)
                if room < narrow_cap:
                    fixed += 20
                if line_width > widest_done:
                    widest_done = line_width
                if value_col:
                    done_text = append_wrapped(done_text, line_text)
                line_text, line_width, current = texts[k], widths[k], lines[k]
                if seps[k] == "tight":
                    fixed += 30
        widest = line_width if line_width > widest_done else widest_done
        cost = fixed
        if rooms:
            cost += 25 * bisect_right(rooms, widest - 10)
        if widest > wide_cap:
            cost += 30
        if cost + least_value + after_floor[k + 1] >= best:
            break
        rest = after[k + 1]
        if rest >= _NO_CUT_YET:
            continue
        cost += rest
        if value_col:
            if cost + _BEST_VALUE_COST >= best:
                continue
            text = append_wrapped(done_text, line_text) if done_text else line_text.strip()
            cost += _value_cost(text)
        elif not rooms and line_text[:1] in _COMPARISONS:
            text = line_text.strip()
            if text[:1] in _COMPARISONS and _is_quantitative(text):
                cost += 15
        if cost < best:
            best, best_end = cost, k + 1
    return best, best_end


_COMPARISONS = ("≥", "≤", "<", ">")


def _suffix_minima(values: list[int]) -> list[int]:
    out = values[:]
    for k in range(len(out) - 2, -1, -1):
        if out[k + 1] < out[k]:
            out[k] = out[k + 1]
    return out


def _tail_cost(row: PieceRow, start: int, cap: float | None) -> int:
    """The cost of the last column holding pieces ``start…`` to the end (``_best_from``'s cost
    at its last end, without the work for the ends before it)."""
    texts, lines, widths, carried = row.texts, row.lines, row.widths, row.carried
    n = len(texts)
    if start >= n:
        return EMPTY_COST[3]
    fixed = row.boundary[start]
    rooms: list[int] = []
    widest = line_width = widths[start]
    current = lines[start]
    for k in range(start + 1, n):
        if lines[k] == current:
            line_width += SPACE_UNITS + widths[k]
        else:
            rooms.append(line_width + carried[k])
            if line_width > widest:
                widest = line_width
            line_width, current = widths[k], lines[k]
            if row.seps[k] == "tight":
                fixed += 30
    if line_width > widest:
        widest = line_width
    cost = fixed + 25 * sum(1 for room in rooms if room <= widest - 10)
    if cap is not None:
        cost += 20 * sum(1 for room in rooms if room < cap - 30)
        if widest > cap + 60:
            cost += 30
    if not rooms and texts[start][:1] in _COMPARISONS:
        text = " ".join(texts[start:]).strip()
        if text[:1] in _COMPARISONS and _is_quantitative(text):
            cost += 15
    return cost


def best_cut(row: PieceRow, caps: tuple[float, ...] | None) -> Cut:
    """The cheapest cut (first in lexicographic order among equals); ``caps`` in hundredths."""
    n = len(row)
    cap3 = caps[3] if caps is not None else None
    after = [_tail_cost(row, start, cap3) for start in range(n + 1)]
    plans: list[list[int]] = [list(range(n + 1))]  # the last column ends at the end
    for col in (2, 1):
        cap = caps[col] if caps is not None else None
        floor = _suffix_minima(after)
        found = [_best_from(row, col, start, cap, after, floor) for start in range(n + 1)]
        after = [total for total, _ in found]
        plans.append([end for _, end in found])
    cap0 = caps[0] if caps is not None else None
    a = _best_from(row, 0, 0, cap0, after, _suffix_minima(after))[1]
    b = plans[2][a]
    return a, b, plans[1][b]
