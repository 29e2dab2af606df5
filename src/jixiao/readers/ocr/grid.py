"""Ruled tables in a page image: grid lines found with numpy, cells with their spans.

A scanned 绩效目标表 keeps its borders, and the borders are the only reliable structure (OCR
text boxes do not say which cell they belong to). The page is binarised (Otsu), and dark runs
much longer than any character stroke, in rows and in columns, are table rules. Rules that
cross each other form a table; their positions are its row and column boundaries. A merged
cell is a rectangle whose inner rule is missing: two neighbouring grid slots belong to one
cell when the rule between them is not drawn along (most of) their common edge.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

__all__ = ["Grid", "GridCell", "Rule", "binarize", "find_grids", "find_rules"]

Gray = npt.NDArray[np.uint8]
Mask = npt.NDArray[np.bool_]

_MIN_RUN_INCH = 0.18  # a rule is at least this long: longer than a 12pt character's stroke
_MAX_THICK_INCH = 0.04  # thicker dark bands are pictures or filled boxes, not rules
_GAP_INCH = 0.03  # breaks in a scanned rule up to this long are closed
_SAME_INCH = 0.03  # rules closer than this across are the same grid line
_COVERED = 0.5  # share of a cell edge a rule must cover to count as drawn


@dataclass(frozen=True, slots=True)
class Rule:
    """A straight rule: ``pos`` across (y for horizontal, x for vertical), ``start``..``end``
    along it, in pixels."""

    pos: float
    start: int
    end: int
    thick: int


@dataclass(frozen=True, slots=True)
class GridCell:
    row: int
    col: int
    rowspan: int
    colspan: int
    box: tuple[float, float, float, float]  # x0, y0, x1, y1 in pixels (rule centres)


@dataclass(frozen=True, slots=True)
class Grid:
    """One ruled table: column and row boundaries (pixels) and the cells with spans."""

    xs: tuple[float, ...]
    ys: tuple[float, ...]
    cells: tuple[GridCell, ...]
    slots: tuple[tuple[int, ...], ...]  # slots[r][c] = index of the cell covering it

    @property
    def box(self) -> tuple[float, float, float, float]:
        return (self.xs[0], self.ys[0], self.xs[-1], self.ys[-1])

    def cell_at(self, x: float, y: float) -> int | None:
        """Index of the cell containing the point, or None outside the table."""
        if not (self.xs[0] <= x <= self.xs[-1] and self.ys[0] <= y <= self.ys[-1]):
            return None
        c = min(bisect.bisect_right(self.xs, x) - 1, len(self.xs) - 2)
        r = min(bisect.bisect_right(self.ys, y) - 1, len(self.ys) - 2)
        return self.slots[max(r, 0)][max(c, 0)]


def binarize(gray: Gray) -> Mask:
    """Dark pixels, by Otsu's threshold (kept within 80..200 so a blank page stays blank)."""
    hist = np.bincount(gray.ravel(), minlength=256).astype(np.float64)
    total = hist.sum()
    if total == 0:
        return np.zeros(gray.shape, dtype=bool)
    levels = np.arange(256, dtype=np.float64)
    weight = np.cumsum(hist)
    mean = np.cumsum(hist * levels)
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (mean[-1] * weight - mean * total) ** 2 / (weight * (total - weight))
    between = np.nan_to_num(between)
    threshold = int(np.clip(np.argmax(between), 80, 200))
    return gray <= threshold


def _runs(mask: Mask, min_len: int) -> tuple[npt.NDArray[np.intp], ...]:
    """(line index, start, end) of the runs of True along axis 1 at least ``min_len`` long."""
    height, width = mask.shape
    padded = np.zeros((height, width + 2), dtype=np.int8)
    padded[:, 1:-1] = mask
    step = np.diff(padded, axis=1)
    rows, starts = np.nonzero(step == 1)
    _, ends = np.nonzero(step == -1)  # same row-major order: pairs with the starts
    keep = ends - starts >= min_len
    return rows[keep], starts[keep], ends[keep]


def _rules(mask: Mask, min_len: int, max_thick: int, gap: int) -> list[Rule]:
    """Long runs of neighbouring lines grouped into rules (thickness), small breaks closed."""
    rows, starts, ends = _runs(mask, min_len)
    open_: list[list[int]] = []  # [first line, last line, start, end]
    done: list[list[int]] = []
    for row, start, end in zip(rows.tolist(), starts.tolist(), ends.tolist(), strict=True):
        still: list[list[int]] = []
        for rule in open_:
            (still if rule[1] >= row - 1 else done).append(rule)
        open_ = still
        for rule in open_:
            if start <= rule[3] + gap and end >= rule[2] - gap:
                rule[1] = row
                rule[2], rule[3] = min(rule[2], start), max(rule[3], end)
                break
        else:
            open_.append([row, row, start, end])
    done += open_
    merged = _close_gaps(done, gap)
    return [
        Rule((first + last) / 2, start, end, last - first + 1)
        for first, last, start, end in merged
        if last - first + 1 <= max_thick
    ]


def _close_gaps(rules: list[list[int]], gap: int) -> list[list[int]]:
    """Pieces of one rule (same position across, small break along) joined."""
    rules = sorted(rules, key=lambda r: ((r[0] + r[1]) / 2, r[2]))
    out: list[list[int]] = []
    for rule in rules:
        for prev in reversed(out[-8:]):
            same_line = abs((prev[0] + prev[1]) / 2 - (rule[0] + rule[1]) / 2) <= 2
            if same_line and rule[2] <= prev[3] + gap and rule[3] >= prev[2] - gap:
                prev[0], prev[1] = min(prev[0], rule[0]), max(prev[1], rule[1])
                prev[2], prev[3] = min(prev[2], rule[2]), max(prev[3], rule[3])
                break
        else:
            out.append(list(rule))
    return out


def find_rules(dark: Mask, dpi: float) -> tuple[list[Rule], list[Rule]]:
    """Horizontal and vertical rules of a binarised page."""
    min_len = max(int(_MIN_RUN_INCH * dpi), 8)
    thick = max(int(_MAX_THICK_INCH * dpi), 3)
    gap = max(int(_GAP_INCH * dpi), 2)
    horizontal = _rules(dark, min_len, thick, gap)
    vertical = _rules(np.ascontiguousarray(dark.T), min_len, thick, gap)
    return horizontal, vertical


def _touch(h: Rule, v: Rule, slack: float) -> bool:
    return h.start - slack <= v.pos <= h.end + slack and v.start - slack <= h.pos <= v.end + slack


class _Sets:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        self.parent[self.find(a)] = self.find(b)


def _cluster(values: list[float], same: float) -> list[float]:
    out: list[list[float]] = []
    for value in sorted(values):
        if out and value - out[-1][-1] <= same:
            out[-1].append(value)
        else:
            out.append([value])
    return [sum(group) / len(group) for group in out]


def _covered(rules: list[Rule], pos: float, a: float, b: float, same: float) -> bool:
    """Whether rules at ``pos`` cover most of the edge from ``a`` to ``b``."""
    pieces = sorted(
        (max(r.start, a), min(r.end, b))
        for r in rules
        if abs(r.pos - pos) <= same and r.end > a and r.start < b
    )
    covered, reach = 0.0, a
    for start, end in pieces:
        start = max(start, reach)
        if end > start:
            covered += end - start
            reach = end
    return covered >= _COVERED * (b - a)


def find_grids(dark: Mask, dpi: float) -> list[Grid]:
    """The ruled tables of a binarised page, top to bottom."""
    horizontal, vertical = find_rules(dark, dpi)
    slack = max(t.thick for t in (*horizontal, *vertical)) if horizontal and vertical else 0
    slack += max(int(0.015 * dpi), 2)
    sets = _Sets(len(horizontal) + len(vertical))
    degree = [0] * (len(horizontal) + len(vertical))
    for i, h in enumerate(horizontal):
        for j, v in enumerate(vertical):
            if _touch(h, v, slack):
                sets.union(i, len(horizontal) + j)
                degree[i] += 1
                degree[len(horizontal) + j] += 1
    groups: dict[int, tuple[list[Rule], list[Rule]]] = {}
    for i, h in enumerate(horizontal):
        if degree[i] >= 2:
            groups.setdefault(sets.find(i), ([], []))[0].append(h)
    for j, v in enumerate(vertical):
        if degree[len(horizontal) + j] >= 2:
            groups.setdefault(sets.find(len(horizontal) + j), ([], []))[1].append(v)
    same = max(_SAME_INCH * dpi, 3.0)
    grids = [
        grid
        for hs, vs in groups.values()
        if len(hs) >= 2 and len(vs) >= 2
        if (grid := _grid(hs, vs, same)) is not None
    ]
    return sorted(grids, key=lambda g: (g.ys[0], g.xs[0]))


def _grid(hs: list[Rule], vs: list[Rule], same: float) -> Grid | None:
    ys = _cluster([h.pos for h in hs], same)
    xs = _cluster([v.pos for v in vs], same)
    # A table cut by a page break may lack its top or bottom rule (or a side one).
    bottom, top = max(v.end for v in vs), min(v.start for v in vs)
    if bottom - ys[-1] > 2 * same:
        ys.append(float(bottom))
    if ys[0] - top > 2 * same:
        ys.insert(0, float(top))
    right, left = max(h.end for h in hs), min(h.start for h in hs)
    if right - xs[-1] > 2 * same:
        xs.append(float(right))
    if xs[0] - left > 2 * same:
        xs.insert(0, float(left))
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    if n_rows < 1 or n_cols < 1:
        return None
    sets = _Sets(n_rows * n_cols)
    for r in range(n_rows):
        for c in range(1, n_cols):
            if not _covered(vs, xs[c], ys[r], ys[r + 1], same):
                sets.union(r * n_cols + c - 1, r * n_cols + c)
    for r in range(1, n_rows):
        for c in range(n_cols):
            if not _covered(hs, ys[r], xs[c], xs[c + 1], same):
                sets.union((r - 1) * n_cols + c, r * n_cols + c)
    return _cells(sets, xs, ys)


def _overlap(owner: list[list[int]]) -> tuple[int, int] | None:
    """A slot group and another group inside its bounding box, if any."""
    boxes: dict[int, list[int]] = {}
    for r, row in enumerate(owner):
        for c, key in enumerate(row):
            b = boxes.setdefault(key, [r, c, r, c])
            b[0], b[1], b[2], b[3] = min(b[0], r), min(b[1], c), max(b[2], r), max(b[3], c)
    for key, (r0, c0, r1, c1) in boxes.items():
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                if owner[r][c] != key:
                    return key, owner[r][c]
    return None


def _cells(sets: _Sets, xs: list[float], ys: list[float]) -> Grid:
    """Slot groups → rectangular cells (a group that is not a rectangle takes its bounding
    box, swallowing what it overlaps), in reading order."""
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    owner = [[sets.find(r * n_cols + c) for c in range(n_cols)] for r in range(n_rows)]
    while (pair := _overlap(owner)) is not None:
        key, other = pair
        owner = [[key if o == other else o for o in row] for row in owner]
    order: dict[int, int] = {}
    cells: list[GridCell] = []
    for r in range(n_rows):
        for c in range(n_cols):
            key = owner[r][c]
            if key in order:
                continue
            order[key] = len(cells)
            r1 = max(rr for rr in range(n_rows) if owner[rr][c] == key) + 1
            c1 = max(cc for cc in range(n_cols) if owner[r][cc] == key) + 1
            box = (xs[c], ys[r], xs[c1], ys[r1])
            cells.append(GridCell(r, c, r1 - r, c1 - c, box))
    slots = tuple(tuple(order[owner[r][c]] for c in range(n_cols)) for r in range(n_rows))
    return Grid(tuple(xs), tuple(ys), tuple(cells), slots)
