"""A page's drawn lines, rectangles and curves read by PDFium, as pdfplumber would list them.

The table finder needs the ruling lines. PDFium gives each path object's segments, its
transformation, how it is painted and its colours; this module classifies them exactly as
pdfminer does (``PDFLayoutAnalyzer.paint_path``: one straight segment is a line, four
axis-aligned segments closing on the start are a rectangle, anything else a curve, each
subpath on its own) and returns the dicts pdfplumber's ``page.lines``, ``page.rects`` and
``page.curves`` hold (top-left origin), with the keys the table finder and the visibility
filter read. Paths inside form XObjects are included, transformed by the form's matrix.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass, field
from typing import Any

import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]

from jixiao.readers.pdf import pdfium_calls as calls

__all__ = ["PageDrawing", "page_drawing"]

Obj = dict[str, Any]
Matrix = tuple[float, float, float, float, float, float]
Point = tuple[float, float]

_MAX_FORM_DEPTH = 8
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_PATH, _FORM = pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM
_MOVETO, _LINETO = pdfium_c.FPDF_SEGMENT_MOVETO, pdfium_c.FPDF_SEGMENT_LINETO
_BEZIERTO = pdfium_c.FPDF_SEGMENT_BEZIERTO


@dataclass(slots=True)
class PageDrawing:
    """Painted paths in content order, split the way pdfplumber splits them."""

    lines: list[Obj] = field(default_factory=list)
    rects: list[Obj] = field(default_factory=list)
    curves: list[Obj] = field(default_factory=list)


def _times(m: Matrix, n: Matrix) -> Matrix:
    """``m`` then ``n`` (PDF row-vector convention, as ``pdfminer.utils.mult_matrix``)."""
    a1, b1, c1, d1, e1, f1 = m
    a0, b0, c0, d0, e0, f0 = n
    return (
        a0 * a1 + c0 * b1,
        b0 * a1 + d0 * b1,
        a0 * c1 + c0 * d1,
        b0 * c1 + d0 * d1,
        a0 * e1 + c0 * f1 + e0,
        b0 * e1 + d0 * f1 + f0,
    )


def _matrix(obj: int) -> Matrix:
    m = pdfium_c.FS_MATRIX()
    if not calls.object_matrix(obj, m):
        return _IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def page_drawing(page: Any, height: float) -> PageDrawing:
    """The painted paths of a PDFium page (``FPDF_PAGE``) ``height`` points high."""
    drawing = PageDrawing()
    count = pdfium_c.FPDFPage_CountObjects(page)
    objects = [calls.page_object(page, i) for i in range(count)]
    _walk(objects, _IDENTITY, height, drawing, 0)
    return drawing


def _walk(objects: list[int], outer: Matrix, height: float, out: PageDrawing, depth: int) -> None:
    for obj in objects:
        kind = calls.object_type(obj)
        if kind == _PATH:
            _path(obj, _times(_matrix(obj), outer), height, out)
        elif kind == _FORM and depth < _MAX_FORM_DEPTH:
            inner = _times(_matrix(obj), outer)
            n = calls.form_object_count(obj)
            children = [calls.form_object(obj, i) for i in range(n)]
            _walk(children, inner, height, out, depth + 1)


def _colour(obj: int, getter: Any) -> tuple[float, float, float]:
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    if not getter(obj, r, g, b, a):
        return (0.0, 0.0, 0.0)
    return (r.value / 255, g.value / 255, b.value / 255)


def _path(obj: int, m: Matrix, height: float, out: PageDrawing) -> None:
    mode, stroke_flag = ctypes.c_int(), ctypes.c_int()
    if not calls.path_draw_mode(obj, mode, stroke_flag):
        return
    stroke, fill = bool(stroke_flag.value), mode.value != 0
    if not (stroke or fill):
        return
    # pdfminer's operators: m, l, c (one point: a Bézier's end), h (closes on the start)
    ops: list[tuple[str, Point]] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    bezier = 0
    a, b, c, d, e, f = m
    for i in range(calls.path_segment_count(obj)):
        segment = calls.path_segment(obj, i)
        calls.segment_point(segment, x, y)
        point = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
        kind = calls.segment_type(segment)
        if kind == _MOVETO:
            ops.append(("m", point))
            bezier = 0
        elif kind == _LINETO:
            ops.append(("l", point))
            bezier = 0
        elif kind == _BEZIERTO:
            bezier += 1
            if bezier < 3:
                continue  # control points are not among pdfminer's points
            ops.append(("c", point))
            bezier = 0
        else:
            continue
        if calls.segment_close(segment):
            start = next((p for op, p in reversed(ops) if op == "m"), ops[0][1])
            ops.append(("h", start))
    starts = [i for i, (op, _) in enumerate(ops) if op == "m"]
    for k, begin in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(ops)
        if end - begin > 1:  # a lone "m" paints nothing
            _subpath(obj, ops[begin:end], stroke, fill, height, out)


def _subpath(
    obj: int,
    ops: list[tuple[str, Point]],
    stroke: bool,
    fill: bool,
    height: float,
    out: PageDrawing,
) -> None:
    shape = "".join(op for op, _ in ops)
    pts = [p for _, p in ops]
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"
        pts.pop()
    common = {"stroke": stroke, "fill": fill}
    if shape in ("mlh", "ml"):
        out.lines.append(_box("line", pts[:2], height) | common)
        return
    if shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
        closed = pts[0] == pts[4]
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (
            y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0
        )
        if closed and square:  # only rectangles are checked for being visible (``tables``)
            rect = _box("rect", [pts[0], pts[2]], height) | common
            rect["stroking_color"] = _colour(obj, calls.stroke_colour)
            rect["non_stroking_color"] = _colour(obj, calls.fill_colour)
            out.rects.append(rect)
            return
    curve = _box("curve", pts, height) | common
    curve["pts"] = [(px, height - py) for px, py in pts]
    out.curves.append(curve)


def _box(kind: str, pts: list[Point], height: float) -> Obj:
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    top = height - y1
    return {
        "object_type": kind,
        "x0": x0,
        "x1": x1,
        "y0": y0,
        "y1": y1,
        "top": top,
        "bottom": height - y0,
        "doctop": top,
        "width": x1 - x0,
        "height": y1 - y0,
    }
