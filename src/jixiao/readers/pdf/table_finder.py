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

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from pdfplumber.table import (
    TableSettings,
    cells_to_tables,
    edges_to_intersections,
    merge_edges,
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
    merged = merge_edges(
        v + h,
        snap_x_tolerance=s.snap_x_tolerance,
        snap_y_tolerance=s.snap_y_tolerance,
        join_x_tolerance=s.join_x_tolerance,
        join_y_tolerance=s.join_y_tolerance,
    )
    merged = filter_edges(merged, min_length=s.edge_min_length)
    intersections = edges_to_intersections(
        merged, s.intersection_x_tolerance, s.intersection_y_tolerance
    )
    cells = intersections_to_cells(intersections)
    return [FoundTable(group) for group in cells_to_tables(cells)]


def intersections_to_cells(intersections: dict[Point, dict[str, list[Obj]]]) -> list[BBox]:
    """The smallest cell at each intersection, as ``pdfplumber.table.intersections_to_cells``."""
    v_boxes = {p: {obj_to_bbox(e) for e in i["v"]} for p, i in intersections.items()}
    h_boxes = {p: {obj_to_bbox(e) for e in i["h"]} for p, i in intersections.items()}
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
