"""The column-by-column cut of a PDF-export indicator row against the exhaustive search."""

from __future__ import annotations

import random
import time

import pytest

from jixiao.readers.text.pdf_export_cut import (
    EMPTY_COST,
    VALUE_COL,
    Cut,
    CutSearch,
    PieceRow,
    best_cut,
    cell_lines,
    width_units,
)
from jixiao.readers.text.pdf_export_indicators import read_indicator_rows
from jixiao.readers.text.pdf_export_lines import split_lines
from jixiao.textutil import NO_LINE_START, join_wrapped
from jixiao.values import parse_value

_WORDS = [
    "完成及时性",
    "服务对象满意度",
    "≥98",
    "百分",
    "比",
    "≥98%",
    "≤10",
    "万元",
    "1",
    "次",
    "有效改善",
    "、保障",
    "预算经费控",
    "制",
    "土地招拍挂公正及发布公告",
    "数量",
    "≥20",
    "100%",
    "abc",
    "def",
    "1、完成",
]


def _reference_cost(row: PieceRow, col: int, start: int, end: int, caps: Cut | None) -> int:
    """The cell cost written out directly (as the exhaustive search computed it)."""
    if start == end:
        return EMPTY_COST[col]
    cost = 0
    if start > 0:
        if row.seps[start] == "space":
            previous = row.texts[start - 1]
            cost += 8 + (20 if previous[-1].isdigit() or previous in ("≥", "≤") else 0)
        elif row.seps[start] == "tight":
            cost -= 5
    cost += 30 * sum(1 for k in range(start + 1, end) if row.seps[k] == "tight")
    lines = cell_lines(row, start, end)
    widths = [width_units(line) for line in lines]
    widest = max(widths)
    for k in range(len(lines) - 1):
        nxt = lines[k + 1]
        carried = nxt[:2] if len(nxt) > 1 and nxt[1] in NO_LINE_START else nxt[:1]
        room = widths[k] + width_units(carried)
        if room <= widest - 10:
            cost += 25
        if caps is not None and room < caps[col] - 30:
            cost += 20
    if caps is not None and widest > caps[col] + 60:
        cost += 30
    text = join_wrapped(lines)
    if col == VALUE_COL:
        value = parse_value(text)
        if value.kind == "quantitative":
            cost += -5 if "missing_unit" in value.anomalies else -20
        else:
            words = text.split(" ")
            if len(words) > 2 or (len(words) == 2 and words[0] == words[1]):
                cost += 20
            else:
                cost += max(0, len(text) - 6) * 3
    elif len(lines) == 1 and text[0] in "≥≤<>" and parse_value(text).kind == "quantitative":
        cost += 15
    return cost


def _reference_cut(row: PieceRow, caps: Cut | None) -> Cut:
    n = len(row)
    best: tuple[int, Cut] = (1 << 60, (n, n, n))
    for a in range(n + 1):
        for b in range(a, n + 1):
            for c in range(b, n + 1):
                cost = (
                    _reference_cost(row, 0, 0, a, caps)
                    + _reference_cost(row, 1, a, b, caps)
                    + _reference_cost(row, 2, b, c, caps)
                    + _reference_cost(row, 3, c, n, caps)
                )
                if cost < best[0]:
                    best = (cost, (a, b, c))
    return best[1]


def _random_row(rng: random.Random, size: int) -> PieceRow:
    texts, lines, seps = [], [], []
    line = 0
    for k in range(size):
        if k and rng.random() < 0.6:
            line += 1
            sep = "tight" if rng.random() < 0.3 else "wrap"
        else:
            sep = "space" if k else "start"
        texts.append(rng.choice(_WORDS))
        lines.append(line)
        seps.append(sep)
    return PieceRow.of(texts, lines, seps)


def test_same_cut_as_the_exhaustive_search() -> None:
    rng = random.Random(16)
    for _ in range(150):
        row = _random_row(rng, rng.randint(0, 9))
        caps = None
        if rng.random() < 0.5:
            caps = tuple(rng.choice((350, 475, 800, 1050, 1500)) for _ in range(3))
            caps = (*caps, rng.choice((600.5, 900)))
        assert best_cut(row, caps) == _reference_cut(row, caps), row.texts


@pytest.mark.slow
def test_a_very_long_row_is_not_cubic() -> None:
    # A complexity guard, not a speed test: the exhaustive search took minutes on this row.
    rng = random.Random(3)
    row = _random_row(rng, 200)
    start = time.process_time()
    cut = best_cut(row, None)
    best_cut(row, (800, 1000, 500, 1200))
    assert time.process_time() - start < 5.0
    assert 0 <= cut[0] <= cut[1] <= cut[2] <= 200


def test_a_200_piece_row_through_the_reader_is_not_cubic() -> None:
    # A complexity guard with a generous bound, not a speed test: both passes of the reader
    # (one search per row) on a body of 200 pieces take about 0.1 s (CPU) on the development
    # machine, 0.5 s before the value grammar's pre-test; the exhaustive search took minutes.
    rng = random.Random(5)
    lines: list[str] = []
    pieces: list[str] = []
    while len(pieces) < 200:
        words = [rng.choice(_WORDS) for _ in range(rng.choice((1, 1, 1, 2, 3)))]
        pieces += words
        lines.append(("\n" if rng.random() < 0.3 else "\n\n") + " ".join(words))
    text = "产出指标\n\n数量指标\n\n" + "".join(lines).lstrip("\n")
    start = time.process_time()
    rows = read_indicator_rows(split_lines(text))
    elapsed = time.process_time() - start
    assert elapsed < 1.0
    assert [(row.level1, row.level2) for row in rows] == [("产出指标", "数量指标")]
    cells = rows[0].cells
    assert len(cells) == 4
    # Every piece lands in exactly one cell, in order.
    assert "".join("".join(cells).split()) == "".join("".join(pieces).split())


def test_the_capped_cut_after_the_uncapped_one_is_the_same() -> None:
    # The capped pass may reuse the uncapped cut when widths add nothing to it.
    rng = random.Random(7)
    for _ in range(200):
        row = _random_row(rng, rng.randint(0, 9))
        caps = (*(rng.choice((350, 800, 1500, 5000)) for _ in range(3)), rng.choice((600.5, 3000)))
        search = CutSearch(row)
        search.cut(None)
        assert search.cut(caps) == CutSearch(row).cut(caps) == _reference_cut(row, caps)
