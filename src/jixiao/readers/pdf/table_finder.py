"""pdfplumber's ruled-table finder on a list of drawn objects, with a faster cell search.

``pdfplumber.table.TableFinder`` needs a ``Page`` (and so pdfminer's reading of it); the lines
and rectangles may as well come from PDFium (``pdfium_paths``). This runs the same steps with
pdfplumber's own functions (edges from lines, rectangles and curves; snapping and joining;
intersections; cells grouped into tables) and the same settings as ``lines``/``lines``, except
the cell search: pdfplumber's ``intersections_to_cells`` rebuilds sets of edge boxes for every
pair of points it compares and scans all later points for each one. Here each point's edge
boxes are computed once and the points below and to the right come from per-column and
per-row lists, giving the same cells in the same order.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from pdfplumber.table import (
    TableSettings,
    cells_to_tables,
)
from pdfplumber.utils.geometry import (
    curve_to_edges,
    filter_edges,
    line_to_edge,
    obj_to_bbox,
    obj_to_edges,
    rect_to_edges,
)

__all__ = ["FoundTable", "find_ruled_tables"]

Obj = dict[str, Any]
BBox = tuple[float, float, float, float]
Point = tuple[float, float]

_SETTINGS = TableSettings.resolve({"vertical_strategy": "lines", "horizontal_strategy": "lines"})


@dataclass(frozen=True, slots=True)
class FoundTable:
    """A table's cell rectangles (top-left origin, points) and its bounding box."""

    cells: list[BBox]

    @property
    def bbox(self) -> BBox:
        return (
            min(c[0] for c in self.cells),
            min(c[1] for c in self.cells),
            max(c[2] for c in self.cells),
            max(c[3] for c in self.cells),
        )


def _edges(lines: Iterable[Obj], rects: Iterable[Obj], curves: Iterable[Obj]) -> list[Obj]:
    """pdfplumber's ``page.edges``: lines, then the rectangles' sides, then curve segments."""
    out = [line_to_edge(line) for line in lines]
    for rect in rects:
        out += rect_to_edges(rect)
    for curve in curves:
        out += curve_to_edges(curve)
    return out


def find_ruled_tables(
    lines: Sequence[Obj],
    rects: Sequence[Obj],
    curves: Sequence[Obj],
    extra_horizontal: Sequence[Obj] = (),
) -> list[FoundTable]:
    """Tables as pdfplumber's ``find_tables`` with lines/lines settings finds them;
    ``extra_horizontal`` are explicit horizontal rules (``explicit_horizontal_lines``)."""
    s = _SETTINGS
    edges = _edges(lines, rects, curves)
    v = filter_edges(edges, "v", min_length=s.edge_min_length_prefilter)
    h = filter_edges(edges, "h", min_length=s.edge_min_length_prefilter)
    for desc in extra_horizontal:
        h += [e for e in obj_to_edges(desc) if e["orientation"] == "h"]
    v_boxes, h_boxes = _intersections(_merge(_rows(v), "v"), _merge(_rows(h), "h"))
    cells = _cells(v_boxes, h_boxes)
    return [FoundTable(group) for group in cells_to_tables(cells)]


_SLACK = 1e-6  # the range searched is a little wider; the exact test decides

# An edge while merging: x0, top, x1, bottom, width, height (the dict keys pdfplumber reads).
Edge = tuple[float, float, float, float, float, float]


def _rows(edges: list[Obj]) -> list[Edge]:
    return [
        (e["x0"], e["top"], e["x1"], e["bottom"], e.get("width", 0), e.get("height", 0))
        for e in edges
    ]


def _merge(edges: list[Edge], orientation: str) -> list[Edge]:
    """``merge_edges`` then ``filter_edges(min_length)`` for one orientation, on tuples, with
    pdfplumber's arithmetic step for step (snap to the cluster's mean, join overlapping)."""
    if not edges:
        return []
    s = _SETTINGS
    vertical = orientation == "v"
    at = 0 if vertical else 1  # the position snapped: x0 of vertical edges, top of horizontal
    tolerance = s.snap_x_tolerance if vertical else s.snap_y_tolerance
    values = sorted({e[at] for e in edges})
    cluster: dict[float, int] = {}
    index, last = 0, values[0]
    for value in values:
        if value > last + tolerance:
            index += 1
        cluster[value] = index
        last = value
    ordered = sorted(edges, key=lambda e: cluster[e[at]])
    snapped: list[Edge] = []
    for _, group in itertools.groupby(ordered, key=lambda e: cluster[e[at]]):
        members = list(group)
        mean = sum(e[at] for e in members) / len(members)
        for x0, top, x1, bottom, width, height in members:
            if vertical:
                shift = mean - x0
                snapped.append((x0 + shift, top, x1 + shift, bottom, width, height))
            else:
                shift = mean - top
                snapped.append((x0, top + shift, x1, bottom + shift, width, height))
    snapped.sort(key=lambda e: e[at])
    joined: list[Edge] = []
    join = s.join_y_tolerance if vertical else s.join_x_tolerance
    for _, line in itertools.groupby(snapped, key=lambda e: e[at]):
        joined += _join(list(line), vertical, join)
    minimum = s.edge_min_length
    return [e for e in joined if (e[5] if vertical else e[4]) >= minimum]


def _join(edges: list[Edge], vertical: bool, tolerance: float) -> list[Edge]:
    """``join_edge_group``: edges along one line that overlap or nearly touch become one."""
    start, end = (1, 3) if vertical else (0, 2)
    edges.sort(key=lambda e: e[start])
    out = [edges[0]]
    for e in edges[1:]:
        x0, top, x1, bottom, width, height = out[-1]
        if e[start] <= out[-1][end] + tolerance:
            if e[end] > out[-1][end]:
                if vertical:
                    out[-1] = (x0, top, x1, e[3], width, height + (e[3] - bottom))
                else:
                    out[-1] = (x0, top, e[2], bottom, e[2] - x0, height)
        else:
            out.append(e)
    return out


def _intersections(
    v: list[Edge], h: list[Edge]
) -> tuple[dict[Point, set[BBox]], dict[Point, set[BBox]]]:
    """``edges_to_intersections``: where a vertical and a horizontal edge meet (within the
    tolerances), with the boxes of the edges meeting there."""
    s = _SETTINGS
    xt, yt = s.intersection_x_tolerance, s.intersection_y_tolerance
    v_at: dict[Point, set[BBox]] = {}
    h_at: dict[Point, set[BBox]] = {}
    hs = sorted(h, key=lambda e: (e[1], e[0]))
    tops = [e[1] for e in hs]
    for ve in sorted(v, key=lambda e: (e[0], e[1])):
        x, v_top, v_bottom = ve[0], ve[1], ve[3]
        for he in hs[
            bisect.bisect_left(tops, v_top - yt) : bisect.bisect_right(tops, v_bottom + yt)
        ]:
            if (
                v_top <= he[1] + yt
                and v_bottom >= he[1] - yt
                and x >= he[0] - xt
                and x <= he[2] + xt
            ):
                vertex = (x, he[1])
                v_at.setdefault(vertex, set()).add(ve[:4])
                h_at.setdefault(vertex, set()).add(he[:4])
    return v_at, h_at


def intersections_to_cells(intersections: dict[Point, dict[str, list[Obj]]]) -> list[BBox]:
    """The smallest cell at each intersection, as ``pdfplumber.table.intersections_to_cells``."""
    v_boxes = {p: {obj_to_bbox(e) for e in i["v"]} for p, i in intersections.items()}
    h_boxes = {p: {obj_to_bbox(e) for e in i["h"]} for p, i in intersections.items()}
    return _cells(v_boxes, h_boxes)


def _cells(v_boxes: dict[Point, set[BBox]], h_boxes: dict[Point, set[BBox]]) -> list[BBox]:
    """The cell search on each intersection's vertical and horizontal edge boxes."""
    intersections = v_boxes
    points = sorted(intersections)
    column: dict[float, list[Point]] = {}
    row: dict[float, list[Point]] = {}
    for point in points:  # sorted by x then y: each list is in ascending order
        column.setdefault(point[0], []).append(point)
        row.setdefault(point[1], []).append(point)

    def vertical(a: Point, b: Point) -> bool:
        return not v_boxes[a].isdisjoint(v_boxes[b])

    def horizontal(a: Point, b: Point) -> bool:
        return not h_boxes[a].isdisjoint(h_boxes[b])

    cells: list[BBox] = []
    for pt in points:
        below = [p for p in column[pt[0]] if p[1] > pt[1]]
        right: list[Point] | None = None
        found: BBox | None = None
        for below_pt in below:
            if not vertical(pt, below_pt):
                continue
            if right is None:
                right = [p for p in row[pt[1]] if p[0] > pt[0] and horizontal(pt, p)]
            for right_pt in right:
                corner = (right_pt[0], below_pt[1])
                if (
                    corner in intersections
                    and vertical(corner, right_pt)
                    and horizontal(corner, below_pt)
                ):
                    found = (pt[0], pt[1], corner[0], corner[1])
                    break
            if found:
                break
        if found:
            cells.append(found)
    return cells
