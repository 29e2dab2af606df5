"""Rebuilding indicator rows from text exported from a PDF, where cell borders are lost.

Each row starts with its 二级指标 label (after an optional 一级指标 label); both come from the
framework's vocabulary, wrapped or not. The rest of the row ("body") holds four cells in order:
三级指标, 绩效指标描述, 指标值, 指标值确定依据. Their visual lines run one after another, and
sometimes several cells share one line, separated by a space.

The body is cut into four cells by trying every cut and scoring it:
- a wrapped cell's lines are full: each non-last line plus the next character would not fit in
  the widest line of that column (widths are measured per document, in a second pass);
- a tight line break (no blank line) is a cell boundary in this export;
- the 指标值 cell reads as a value in the value grammar;
- a number is not parted from the unit or grade that follows it on the same line.
The search (``pdf_export_cut``) goes column by column, one per row for both passes.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from jixiao.model.categories import FRAMEWORK, LEVEL1
from jixiao.readers.text.pdf_export_cut import (
    BODY_COLUMNS,
    Cut,
    CutSearch,
    PieceRow,
    cell_line_widths,
    cell_lines,
)
from jixiao.readers.text.pdf_export_lines import PdfLine
from jixiao.textutil import join_wrapped

__all__ = ["IndicatorRow", "read_indicator_rows"]


def _label_forms(labels: Iterable[str]) -> frozenset[str]:
    forms: set[str] = set()
    for label in labels:
        forms.update({label, label + "指标"})
    return frozenset(forms)


LEVEL1_LABELS = _label_forms(LEVEL1)
LEVEL2_LABELS = _label_forms(label for table in FRAMEWORK.values() for label in table)
LEVEL2_SUFFIXED = frozenset(label + "指标" for table in FRAMEWORK.values() for label in table)


@dataclass
class IndicatorRow:
    level1: str
    level2: str
    cells: list[str]  # BODY_COLUMNS texts
    lines: list[PdfLine] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Match:
    label: str
    next_line: int  # index of the first line after the label
    rest: str  # text after the label on its last line


@cache
def _prefixes(labels: frozenset[str]) -> frozenset[str]:
    """Every start of a label: what a wrapped label may have read so far."""
    return frozenset(label[:k] for label in labels for k in range(len(label) + 1))


def _match_label(lines: list[PdfLine], i: int, labels: frozenset[str]) -> _Match | None:
    if i < len(lines) and lines[i].text[:1] not in _prefixes(labels):
        return None  # most lines: no label starts with their first character
    acc = ""
    for k in range(3):
        if i + k >= len(lines):
            return None
        text = lines[i + k].text
        if k and lines[i + k].tight and acc + text not in labels:
            return None
        if acc + text in labels:
            return _Match(acc + text, i + k + 1, "")
        head, sep, rest = text.partition(" ")
        if sep and acc + head in labels:
            return _Match(acc + head, i + k + 1, rest.strip())
        acc += text
        if acc not in _prefixes(labels):
            return None
    return None


def _level2_vocabulary(lines: list[PdfLine]) -> frozenset[str]:
    """A document prints its 二级 labels with 指标 or without, consistently. When it uses the
    suffix, bare words such as ``数量`` or ``服务对象满意度`` are 三级 text, not labels."""
    if any(
        "指标" in line.text and line.text.partition(" ")[0] in LEVEL2_SUFFIXED for line in lines
    ):  # every suffixed label ends in 指标: the substring test first
        return LEVEL2_SUFFIXED
    return LEVEL2_LABELS


def _row_start(
    lines: list[PdfLine], i: int, level2: frozenset[str]
) -> tuple[str | None, _Match] | None:
    """(level-1 label or None, level-2 match) if a row starts at line i."""
    first = _match_label(lines, i, LEVEL1_LABELS)
    if first is not None and not first.rest:
        second = _match_label(lines, first.next_line, level2)
        if second is not None:
            return first.label, second
    second = _match_label(lines, i, level2)
    if second is not None:
        return None, second
    return None


def read_indicator_rows(
    lines: list[PdfLine], searches: dict[PieceRow, CutSearch] | None = None
) -> list[IndicatorRow]:
    """Split the lines below the header into rows, then each row's body into cells.

    ``searches`` keeps each row's search for the rest of the document: projects repeat rows
    (满意度, 成本), and such a row is searched without widths only once.
    """
    raw_rows: list[tuple[str, str, list[PdfLine], str]] = []
    level1 = ""
    level2 = _level2_vocabulary(lines)
    i = 0
    found: tuple[str | None, _Match] | None = None  # the row start that ended the last row
    while i < len(lines):
        start = found if found is not None else _row_start(lines, i, level2)
        found = None
        if start is None:
            if raw_rows:
                raw_rows[-1][2].append(lines[i])
            i += 1
            continue
        label1, match = start
        if label1 is not None:
            level1 = label1
        body = (
            [] if match.rest else [lines[match.next_line]] if match.next_line < len(lines) else []
        )
        j = match.next_line + (0 if match.rest else 1)
        while j < len(lines):
            found = _row_start(lines, j, level2)
            if found is not None:
                break
            body.append(lines[j])
            j += 1
        raw_rows.append((level1, match.label, body, match.rest))
        i = j
    bodies = [_pieces(body, rest) for _, _, body, rest in raw_rows]
    known = {} if searches is None else searches
    row_searches: list[CutSearch] = []  # one per row, shared by both passes
    for pieces in bodies:
        search = known.get(pieces)
        if search is None:
            search = known[pieces] = CutSearch(pieces)
        row_searches.append(search)
    # First without column widths, then with the widths those cuts give.
    caps = _estimate_caps(bodies, [search.cut(None) for search in row_searches])
    cuts = [search.cut(caps) for search in row_searches]
    rows: list[IndicatorRow] = []
    for (l1, l2, body, _), pieces, cut in zip(raw_rows, bodies, cuts, strict=True):
        rows.append(IndicatorRow(l1, l2, _cell_texts(pieces, cut), body))
    return rows


def _pieces(body: list[PdfLine], rest: str) -> PieceRow:
    texts: list[str] = []
    line_of: list[int] = []
    seps: list[str] = []
    lines = ([(rest, False)] if rest else []) + [(line.text, line.tight) for line in body]
    for index, (text, tight) in enumerate(lines):
        for k, part in enumerate(text.split(" ")):
            if not part:
                continue
            if k:
                sep = "space"
            elif not texts:
                sep = "start"
            else:
                sep = "tight" if tight else "wrap"
            texts.append(part)
            line_of.append(index)
            seps.append(sep)
    return PieceRow.of(texts, line_of, seps)


def _estimate_caps(bodies: list[PieceRow], cuts: list[Cut]) -> tuple[float, ...]:
    """Column widths (hundredths of an em): the typical width of the lines that wrapped."""
    full: list[list[int]] = [[] for _ in range(BODY_COLUMNS)]
    single: list[list[int]] = [[] for _ in range(BODY_COLUMNS)]
    for pieces, cut in zip(bodies, cuts, strict=True):
        bounds = (0, *cut, len(pieces))
        for col in range(BODY_COLUMNS):
            widths = cell_line_widths(pieces, bounds[col], bounds[col + 1])
            for k, width in enumerate(widths):
                target = full if k < len(widths) - 1 else single
                target[col].append(width)
    caps: list[float] = []
    for col in range(BODY_COLUMNS):
        if full[col]:
            caps.append(statistics.median(full[col]) + 50)
        else:
            caps.append(max(single[col], default=10000) + 50)
    return tuple(caps)


def _cell_texts(pieces: PieceRow, cut: Cut) -> list[str]:
    bounds = (0, *cut, len(pieces))
    return [
        join_wrapped(cell_lines(pieces, bounds[col], bounds[col + 1]))
        for col in range(BODY_COLUMNS)
    ]
