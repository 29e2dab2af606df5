"""Page tables shared by the PDF and OCR readers: column boundaries, row signatures, regridding.

A table found on a page (by pdfplumber's ruling lines or by the OCR grid finder) is kept with
its column boundaries and row signatures, so a fragment continued on the next page can be
recognised and placed on the same grid (``stitch``).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from jixiao.layout import Cell, Table

__all__ = [
    "EDGE_TOLERANCE",
    "PageTable",
    "Signature",
    "boundaries",
    "merge_boundaries",
    "nearest",
    "regrid",
    "same_edge",
    "signatures",
]

EDGE_TOLERANCE = 1.5  # points: edges closer than this are the same grid line

Signature = tuple[tuple[int, int, str], ...]


@dataclass(slots=True)
class PageTable:
    """A table found on a page: its column boundaries (left edge to right edge, points) and
    row signatures, to recognise the same table continued, with its header, on the next page."""

    table: Table
    top: float
    columns: list[float]
    signatures: list[Signature]


def boundaries(values: Iterable[float]) -> list[float]:
    out: list[float] = []
    for value in sorted(values):
        if not out or value - out[-1] > EDGE_TOLERANCE:
            out.append(value)
    return out


def nearest(bounds: Sequence[float], value: float) -> int:
    """The boundary nearest to ``value``."""
    i = bisect.bisect_left(bounds, value)
    if i == len(bounds):
        return i - 1
    if i > 0 and value - bounds[i - 1] < bounds[i] - value:
        return i - 1
    return i


def signatures(table: Table) -> list[Signature]:
    """Per row: (left, right, text) of the cells starting in it."""
    return [
        tuple(
            (round(cell.position.bbox[0]), round(cell.position.bbox[2]), cell.text)
            for cell in row
            if cell.position.bbox is not None
        )
        for row in table.rows()
    ]


def regrid(cells: list[Cell], columns: list[float], row_offset: int = 0) -> list[Cell]:
    """The cells placed on other column boundaries (by their boxes), rows shifted."""
    out: list[Cell] = []
    for cell in cells:
        bbox = cell.position.bbox
        col, colspan = cell.col, cell.colspan
        if bbox is not None:
            col = nearest(columns, bbox[0])
            colspan = max(nearest(columns, bbox[2]) - col, 1)
        out.append(
            Cell(cell.text, cell.row + row_offset, col, cell.rowspan, colspan, cell.position)
        )
    return out


def merge_boundaries(a: list[float], b: list[float]) -> list[float]:
    return boundaries([*a, *b])


def same_edge(a: float, b: float) -> bool:
    return abs(a - b) <= EDGE_TOLERANCE
