"""Cutting a PDF-export indicator row's body into its four cells, column by column.

The cost of a cut is the sum of four cell costs (see ``pdf_export_indicators``). Trying every
three-way split of a row's n pieces costs about n³; here the best cut is found column by
column instead (the best cost of columns k…3 from each start, right to left). ``CutSearch``
computes what a cell costs apart from its column once per row, for every start and end, and
serves both passes of the reader (without and with column widths) from it.

Costs are integers in tenths and widths integers in hundredths of an em, so sums are exact and
ties are broken the same way every time: the first cut (a, b, c) in lexicographic order among
the cheapest, as the exhaustive search did.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass
from functools import lru_cache

from jixiao.textutil import LIST_MARKER, NO_LINE_START, is_cjk, needs_wrap_space
from jixiao.values import parse_value
from jixiao.values.grammar import cannot_be_quantity, may_start_quantity

__all__ = [
    "Cut",
    "CutSearch",
    "PieceRow",
    "best_cut",
    "cell_line_widths",
    "cell_lines",
    "width_units",
]

Cut = tuple[int, int, int]

BODY_COLUMNS = 4  # 三级指标, 绩效指标描述, 指标值, 指标值确定依据
VALUE_COL = 2
EMPTY_COST = (60, 30, 40, 15)  # tenths
SPACE_UNITS = 25  # hundredths of an em, as display_width counts a space


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
def _quantity_cost(text: str) -> int | None:
    """-20 for a quantity, -5 for one without a unit, None for anything else: one parse for
    both the value column and the comparison rule, which often read the same text."""
    if cannot_be_quantity(text):  # most candidates: no number at the start
        return None
    value = parse_value(text)
    if value.kind != "quantitative":
        return None
    return -5 if "missing_unit" in value.anomalies else -20


def _is_quantitative(text: str) -> bool:
    return _quantity_cost(text) is not None


@lru_cache(maxsize=65536)
def _value_cost(text: str) -> int:
    quantity = _quantity_cost(text)
    if quantity is not None:
        return quantity
    words = text.split(" ")
    if len(words) > 2 or (len(words) == 2 and words[0] == words[1]):
        return 20
    return max(0, len(text) - 6) * 3


_BEST_VALUE_COST = -20
# Value cells of up to this many pieces are parsed as the scan reaches them; longer ones wait
# and are tried by their lower bound (a long row has many long candidates).
_SHORT_CELL = 8


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


_COMPARISONS = ("≥", "≤", "<", ">")
_NONE: list[int] = []


def _suffix_minima(values: list[int]) -> list[int]:
    out = values[:]
    for k in range(len(out) - 2, -1, -1):
        if out[k + 1] < out[k]:
            out[k] = out[k + 1]
    return out


class CutSearch:
    """The cheapest cut of one row, for any column widths.

    What a cell costs apart from its column (boundary, tight breaks, lines short of the cell's
    widest, the comparison rule) depends only on its first and last piece, so it is computed
    once for every start and end here and read by both passes and by every column; the value
    column's cost is computed when first needed and kept. Each start's row of ends is built
    incrementally, so a row costs about n² small steps.
    """

    __slots__ = (
        "_chars",
        "_compare",
        "_digits",
        "_done",
        "_fixed",
        "_joined",
        "_line_end",
        "_no_quantity",
        "_rooms",
        "_sorted_rooms",
        "_uncapped",
        "_values",
        "_widest",
        "n",
        "row",
    )

    def __init__(self, row: PieceRow) -> None:
        self.row = row
        texts, lines, seps, widths, carried = (
            row.texts,
            row.lines,
            row.seps,
            row.widths,
            row.carried,
        )
        n = self.n = len(texts)
        # For each start s, lists over the ends s+1…n (index end - s - 1):
        self._fixed: list[list[int]] = []  # boundary, tight breaks, lines short of the widest
        self._widest: list[list[int]] = []  # the cell's widest line
        self._done: list[list[int]] = []  # how many of the cell's lines are finished
        self._rooms: list[list[int]] = []  # rooms of the finished lines, in order
        self._sorted_rooms: list[list[int]] = []  # the same, sorted, up to the last piece
        self._compare: list[list[int]] = []  # a one-line cell reading as a comparison: +15
        self._values: dict[int, int] = {}
        self._joined: dict[int, tuple[int, str]] = {}  # start: (line start reached, text before)
        self._uncapped: dict[int, tuple[list[int], list[int]]] = {}  # the pass without caps
        # Pieces with a digit before each piece: a cell without one is qualitative, its value
        # cost at least 0 (a quantity's is -20 or -5).
        self._digits = [0]
        # Characters before each piece, spaces at a piece's ends not counted: the cell's text
        # has at least that many.
        self._chars = [0]
        for text in texts:
            self._digits.append(self._digits[-1] + (_DIGIT.search(text) is not None))
            self._chars.append(self._chars[-1] + len(text.strip()))
        # Starts whose cells all begin with a character no quantity begins with (a value cell
        # from there is qualitative whatever its end).
        self._no_quantity = [
            bool(head) and not may_start_quantity(head[0])
            for head in (text.lstrip() for text in texts)
        ]
        self._line_end = list(range(1, n + 1))  # the first piece after piece k's line
        for k in range(n - 2, -1, -1):
            if lines[k + 1] == lines[k]:
                self._line_end[k] = self._line_end[k + 1]
        for start in range(n):
            fixed = row.boundary[start]
            rooms: list[int] = []  # sorted
            finished: list[int] = []
            widest_done = -1
            line_width = widths[start]
            current = lines[start]
            fixed_row: list[int] = []
            widest_row: list[int] = []
            done_row: list[int] = []
            for k in range(start, n):
                if k > start:
                    if lines[k] == current:
                        line_width += SPACE_UNITS + widths[k]
                    else:
                        room = line_width + carried[k]
                        insort(rooms, room)
                        finished.append(room)
                        if line_width > widest_done:
                            widest_done = line_width
                        line_width, current = widths[k], lines[k]
                        if seps[k] == "tight":
                            fixed += 30
                widest = line_width if line_width > widest_done else widest_done
                fixed_row.append(fixed + 25 * bisect_right(rooms, widest - 10) if rooms else fixed)
                widest_row.append(widest)
                done_row.append(len(finished))
            self._fixed.append(fixed_row)
            self._widest.append(widest_row)
            self._done.append(done_row)
            self._rooms.append(finished)
            self._sorted_rooms.append(rooms)
            self._compare.append(
                self._comparisons(start) if texts[start][:1] in _COMPARISONS else _NONE
            )

    def _comparisons(self, start: int) -> list[int]:
        """+15 for each one-line cell from ``start`` that reads as a comparison (``≥20 次``)."""
        texts, lines = self.row.texts, self.row.lines
        out: list[int] = []
        line_text = texts[start]
        for k in range(start, self.n):
            if lines[k] != lines[start]:
                break
            if k > start:
                line_text += " " + texts[k]
            text = line_text.strip()
            out.append(15 if text[:1] in _COMPARISONS and _is_quantitative(text) else 0)
        return out

    def _value(self, start: int, end: int) -> int:
        key = start * (self.n + 1) + end
        cost = self._values.get(key)
        if cost is None:
            cost = self._values[key] = _value_cost(self._text(start, end))
        return cost

    def _text(self, start: int, end: int) -> str:
        """``join_wrapped(cell_lines(row, start, end))``, going on from the lines this start
        already joined (ends mostly come in increasing order), so a long row stays cheap."""
        texts, line_end = self.row.texts, self._line_end
        k, done = self._joined.get(start, (start, ""))
        if k >= end:
            k, done = start, ""
        while line_end[k] < end:
            done = append_wrapped(done, " ".join(texts[k : line_end[k]]))
            k = line_end[k]
        self._joined[start] = (k, done)
        return append_wrapped(done, " ".join(texts[k:end]))

    def _tails(self, cap: float | None) -> list[int]:
        """The cost of the last column holding pieces ``start…`` to the end, for each start."""
        n = self.n
        out: list[int] = []
        for start in range(n):
            cost = self._fixed[start][-1]
            if cap is not None:
                cost += 20 * bisect_left(self._sorted_rooms[start], cap - 30)
                if self._widest[start][-1] > cap + 60:
                    cost += 30
            compare = self._compare[start]
            if len(compare) == n - start:
                cost += compare[-1]
            out.append(cost)
        out.append(EMPTY_COST[3])
        return out

    def _column(
        self,
        col: int,
        cap: float | None,
        after: list[int],
        starts: range,
        lower: tuple[list[int], list[int]] | None,
    ) -> tuple[list[int], list[int]]:
        """For each start, the cheapest end of the cell ``col`` and the total with the columns
        right of it (``after[end]``).

        Every term but the value's and the comparison's only grows with the end, so once even
        the best value and the least of ``after`` beyond cannot beat the best total so far, no
        later end can: the loop stops. The value is read only when that end could still win.

        Widths only add costs, so with ``cap`` every total is at least the one without caps
        (``lower``): the first end that reaches it is the answer, and the search stops there.
        """
        n = self.n
        floor = _suffix_minima(after)
        value_col = col == VALUE_COL
        least = _BEST_VALUE_COST if value_col else 0
        capped = cap is not None
        narrow_cap = cap - 30 if cap is not None else 0.0
        wide_cap = cap + 60 if cap is not None else 0.0
        digits, chars, values, width = self._digits, self._chars, self._values, n + 1
        texts = self.row.texts
        totals: list[int] = []
        ends: list[int] = []
        for start in starts:
            best, best_end = EMPTY_COST[col] + after[start], start
            low_total = lower[0][start] if lower is not None else None
            if best == low_total:
                totals.append(best)
                ends.append(best_end)
                continue
            if start < n:
                fixed_row, widest_row = self._fixed[start], self._widest[start]
                done_row, rooms = self._done[start], self._rooms[start]
                compare = () if value_col else self._compare[start]
                no_quantity = self._no_quantity[start]
                narrow = counted = 0
                candidates: list[tuple[int, int, int]] = []  # value column: bound, end, cost
                for j in range(n - start):
                    end = start + 1 + j
                    cost = fixed_row[j]
                    if capped:
                        while counted < done_row[j]:
                            if rooms[counted] < narrow_cap:
                                narrow += 20
                            counted += 1
                        cost += narrow
                        if widest_row[j] > wide_cap:
                            cost += 30
                    if cost + least + floor[end] >= best:
                        break
                    cost += after[end]
                    if value_col:
                        known = values.get(start * width + end)
                        bound = _BEST_VALUE_COST
                        if no_quantity or digits[end] == digits[start]:  # see _value_cost
                            length = chars[end] - chars[start]
                            bound = max(0, length - 6) * 3
                            if end == start + 1 and " " not in texts[start]:  # one word
                                known = bound
                            elif bound > 20:
                                bound = 20
                        if cost + bound >= best:
                            continue
                        if known is None and j < _SHORT_CELL:  # cheap to parse: now
                            known = self._value(start, end)
                        if known is not None:
                            cost += known
                            if cost < best:
                                best, best_end = cost, end
                        else:
                            candidates.append((cost + bound, end, cost))
                        continue
                    if j < len(compare):
                        cost += compare[j]
                    if cost < best:
                        best, best_end = cost, end
                        if cost == low_total:  # no end can cost less: the first one found
                            break
                # The value needs the cell's text (and a parse): read it for the most promising
                # ends first, and only while an end could still win or tie with an earlier end.
                candidates.sort()
                for bound, end, cost in candidates:
                    if bound > best or (bound == best and end > best_end):
                        break
                    cost += self._value(start, end)
                    if cost < best or (cost == best and end < best_end):
                        best, best_end = cost, end
            totals.append(best)
            ends.append(best_end)
        return totals, ends

    def _width_cost(self, start: int, end: int, cap: float) -> int:
        """What the caps add to the cell ``start…end-1`` (as ``_column`` and ``_tails`` count)."""
        if start == end:
            return 0
        j = end - start - 1
        rooms = self._rooms[start][: self._done[start][j]]
        cost = 20 * sum(1 for room in rooms if room < cap - 30)
        return cost + 30 if self._widest[start][j] > cap + 60 else cost

    def cut(self, caps: tuple[float, ...] | None) -> Cut:
        """The cheapest cut (first in lexicographic order among equals); ``caps`` in hundredths."""
        n = self.n
        if caps is None and self._uncapped:  # the same row again in this document
            plans = self._uncapped
            a = plans[0][1][0]
            b = plans[1][1][a]
            return a, b, plans[2][1][b]
        if caps is not None and self._uncapped:
            # Widths only add costs: when the cut found without them pays none, no cut can
            # cost less, and one that costs as much came after it then too (same tie-break).
            plans = self._uncapped
            a = plans[0][1][0]
            b = plans[1][1][a]
            c = plans[2][1][b]
            if not any(
                self._width_cost(start, end, cap)
                for start, end, cap in zip((0, a, b, c), (a, b, c, n), caps, strict=True)
            ):
                return a, b, c
        after = self._tails(caps[3] if caps is not None else None)
        plans = {}
        lower = self._uncapped if caps is not None else {}
        for col in (2, 1, 0):
            cap = caps[col] if caps is not None else None
            plans[col] = self._column(
                col, cap, after, range(1) if col == 0 else range(n + 1), lower.get(col)
            )
            after = plans[col][0]
        if caps is None:
            self._uncapped = plans
        a = plans[0][1][0]
        b = plans[1][1][a]
        return a, b, plans[2][1][b]


def best_cut(row: PieceRow, caps: tuple[float, ...] | None) -> Cut:
    """The cheapest cut of ``row`` (see ``CutSearch``)."""
    return CutSearch(row).cut(caps)
