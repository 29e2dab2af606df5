"""The shipped example actuals of the four seeds: the files hold the hand-written values, and
their scores and lights are frozen after checking some by hand (worked figures below; weights
by EVA-01: 产出 50, 效益 30, 满意度 10 shared equally in each block, budget 10)."""

from __future__ import annotations

import io
from decimal import Decimal as D

import pytest
from openpyxl import load_workbook

import jixiao
from jixiao.lifecycle.actuals import apply_actuals
from jixiao.lifecycle.monitoring import monitor_document
from jixiao.lifecycle.scoring import UnitScore, score_document
from tests.lifecycle.example_actuals import (
    MONITOR_FILE,
    SEED,
    SELFEVAL_FILE,
    Example,
    all_examples,
)
from tests.lifecycle.example_actuals_001 import EXAMPLE_001
from tests.lifecycle.example_actuals_002 import EXAMPLE_002
from tests.lifecycle.example_actuals_003 import EXAMPLE_003


def _cells(data: bytes) -> list[list[object]]:
    book = load_workbook(io.BytesIO(data))
    return [[c.value for c in row] for name in book.sheetnames for row in book[name].iter_rows()]


@pytest.mark.parametrize("example", all_examples(), ids=lambda e: e.prefix)
def test_committed_examples_hold_the_written_values(example: Example) -> None:
    stale = (
        "example workbook is stale: run `PYTHONPATH=src python -m tests.lifecycle.example_actuals`"
    )
    assert _cells(example.monitor_file.read_bytes()) == _cells(example.monitor_workbook()), stale
    assert _cells(example.selfeval_file.read_bytes()) == _cells(example.selfeval_workbook()), stale


def test_every_seed_ships_both_workbooks() -> None:
    examples = all_examples()
    assert [e.prefix for e in examples] == ["000", "001", "002", "003"]
    assert examples[0].monitor_file == MONITOR_FILE and examples[0].selfeval_file == SELFEVAL_FILE
    for example in examples:
        assert example.monitor_file.is_file() and example.selfeval_file.is_file()


def test_example_scores() -> None:
    doc, kind, _ = apply_actuals(jixiao.read_path(SEED), SELFEVAL_FILE.read_bytes(), "x.xlsx")
    assert kind == "selfeval"
    scores = score_document(doc)
    # Checked by hand: 1: 10 × 72.10/72.64 = 9.93 + 50 + 30 + 10 = 99.93;
    # 2: 10 × 128.50/146.83 = 8.75, 50 × 92/95 = 48.42, 30, 10 × 94/95 = 9.89 → 97.06;
    # 4: 10, 50 × 90/95 = 47.37, 30, 10 × 97/99 = 9.80 → 97.17;
    # 8: 10 × 3/5 = 6.00, 25 × 80/95 = 21.05, 25, 30, 10 → 92.05.
    assert [(s.seq, s.total, s.grade) for s in scores] == [
        (1, D("99.93"), "优"),
        (2, D("97.06"), "优"),
        (3, D("99.80"), "优"),
        (4, D("97.17"), "优"),
        (5, D("100.00"), "优"),
        (6, D("99.20"), "优"),
        (7, D("100.00"), "优"),
        (8, D("92.05"), "优"),
    ]
    eighth = scores[-1]
    assert [f.code for f in eighth.findings] == ["EVA-02", "EVA-08", "EVA-10", "EVA-09"]


def test_example_lights() -> None:
    doc, kind, month = apply_actuals(jixiao.read_path(SEED), MONITOR_FILE.read_bytes(), "x.xlsx")
    assert (kind, month) == ("monitor", 7)
    results = monitor_document(doc)
    # 2: 60/146.83 = 40.86 % vs 58.33 % elapsed → 70.05 (yellow); 3 and 8: 20 % → 34.29 (red)
    assert [r.light for r in results] == [
        "green",
        "yellow",
        "red",
        "yellow",
        "green",
        "green",
        "green",
        "red",
    ]
    assert [(r.seq, r.budget.rate if r.budget else None) for r in results][1] == (2, D("40.86"))
    mon03 = [(r.seq, f.message) for r in results for f in r.findings if f.code == "MON-03"]
    assert mon03 == [(8, "指标“综合事务保障率”为红灯，未填写偏差原因和完成目标可能性")]


def _scores(example: Example) -> list[UnitScore]:
    doc = jixiao.read_path(example.seed)
    doc, kind, _ = apply_actuals(doc, example.selfeval_file.read_bytes(), "x.xlsx")
    assert kind == "selfeval"
    return score_document(doc)


def _row_scores(score: UnitScore) -> list[D]:
    return [D(r.scored.score) for r in score.rows]


def _codes(score: UnitScore) -> list[str]:
    return [f.code for f in score.findings if f.code != "EVA-09"]


def test_example_scores_001() -> None:
    scores = _scores(EXAMPLE_001)
    assert [(s.seq, s.total, s.grade) for s in scores] == [
        (1, D("99.60"), "优"),
        # 2: 10 × 19.50/20 = 9.75; 村镇志完成进度比率 16.6667 (50 ÷ 3) × 90/95 = 15.79;
        #    9.75 + 15.79 + 16.67 + 16.67 + 30 + 10 = 98.88
        (2, D("98.88"), "优"),
        (3, D("99.76"), "优"),
        (4, D("100.00"), "优"),
        (5, D("99.60"), "优"),
        # 6: one 效益 row not applicable: raw 10 + 25 + 25 + 10 = 70 of 70 → 100.00 (EVA-11)
        (6, D("100.00"), "优"),
        # 7: 10 × 1.50/2 = 7.50 (75 %, no reason: EVA-02); 50 × 85/95 = 44.74; 7.50 + 44.74 +
        #    30 + 10 = 92.24
        (7, D("92.24"), "优"),
        # 8: 10 × 60/67.5 = 8.89; 数字旅游 30 × 80/95 = 25.26 (no analysis: EVA-08);
        #    8.89 + 25 + 25 + 25.26 + 10 = 94.15
        (8, D("94.15"), "优"),
        (9, D("100.00"), "优"),
        (10, D("99.78"), "优"),
        # 11: 10 × 17/19.4 = 8.76; 25 × 90/95 = 23.68 (declared 25: EVA-10); 97.44
        (11, D("97.44"), "优"),
    ]
    assert _row_scores(scores[1])[0] == D("15.79")
    assert _row_scores(scores[7])[2] == D("25.26")
    assert scores[5].rescaled and scores[5].raw_total == D("70.00")
    assert _codes(scores[6]) == ["EVA-02"]
    assert _codes(scores[7]) == ["EVA-08"]
    assert _codes(scores[10]) == ["EVA-10"]


def test_example_scores_002() -> None:
    scores = _scores(EXAMPLE_002)
    assert [(s.seq, s.total, s.grade) for s in scores] == [
        (1, D("100.00"), "优"),
        # 2: 效益 30 ÷ 4 = 7.5 each; 部分达成 declared 5 in [4.5, 6) kept; "无" not applicable;
        #    raw 9.80 + 4 × 12.5 + 7.5 + 7.5 + 5 + 10 = 89.80 of 92.5 → 97.08
        (2, D("97.08"), "优"),
        # 3: 10 × 118.6/120 = 9.88; 部分达成 declared 12 in [10, 13.33) kept twice; a row naming
        #    no tier 0 (EVA-06); 9.88 + 16.67 + 12 + 12 + 0 + 3 × 7.5 + 10 = 83.05
        (3, D("83.05"), "良"),
        # 4: 10 × 42.5/50 = 8.50; 部分达成 declared 10 out of [7.5, 10) → 12.5 × 60 % = 7.50;
        #    8.50 + 7.50 + 3 × 12.5 + 4 × 7.5 + 10 = 93.50
        (4, D("93.50"), "优"),
        # 5: meaningless targets left blank: 10 × 28.5/30 = 9.50, every row 0 (EVA-12)
        (5, D("9.50"), "差"),
        # 6: 10 × 145/147.62 = 9.82; 满意率 10 × 97/98 = 9.90; 9.82 + 50 + 30 + 9.90 = 99.72
        (6, D("99.72"), "优"),
    ]
    assert _row_scores(scores[1])[6:8] == [D("5.00"), D(0)]
    assert _row_scores(scores[2])[1:4] == [D("12"), D("12"), D(0)]
    assert _row_scores(scores[3])[0] == D("7.50")
    assert _row_scores(scores[5])[8] == D("9.90")
    assert _codes(scores[1]) == ["EVA-11"]
    assert _codes(scores[2]) == ["EVA-06", "EVA-08"]
    assert _codes(scores[3]) == ["EVA-06", "EVA-10"]
    assert _codes(scores[4]) == ["EVA-12"] * 9


def test_example_scores_003() -> None:
    scores = _scores(EXAMPLE_003)
    assert [(s.seq, s.total, s.grade) for s in scores] == [
        (1, D("99.85"), "优"),
        # 2: 26 次 > 20 × 1.2 (EVA-07, no deduction by default): full 12.5; 10 × 9.1/10 = 9.10
        (2, D("99.10"), "优"),
        # 3: cost 12.6 over its ceiling 12: reverse 12.5 × 12/12.6 = 11.90; budget 10 × 12.6/12.6
        #    = 10; 10 + 3 × 12.5 + 11.90 + 30 + 10 = 99.40
        (3, D("99.40"), "优"),
        # 4: 12.5 × 6/8 = 9.38; 10 × 8.25/11 = 7.50; 7.50 + 9.38 + 2 × 12.5 + 12.5 + 30 + 10
        #    = 94.38
        (4, D("94.38"), "优"),
        # 5: 达成 declared 24 in [24, 30] kept (below full points, no analysis: EVA-08)
        (5, D("94.00"), "优"),
        # 6: 12.5 × 97/98 = 12.37 (declared 12.5: EVA-10, no analysis: EVA-08); 99.87
        (6, D("99.87"), "优"),
        # 7: 部分达成 declared 20 in [18, 24) kept; 10 × 2.95/3 = 9.83; 9.83 + 50 + 20 + 10
        #    = 89.83
        (7, D("89.83"), "良"),
        (8, D("99.10"), "优"),
    ]
    assert _row_scores(scores[2])[3] == D("11.90")
    assert _row_scores(scores[3])[0] == D("9.38")
    assert _row_scores(scores[5])[2] == D("12.37")
    assert _row_scores(scores[6])[4] == D("20")
    assert _codes(scores[1]) == ["EVA-07"]
    assert _codes(scores[2]) == ["EVA-07"]
    assert _codes(scores[5]) == ["EVA-08", "EVA-10"]


def _monitored(example: Example) -> list[tuple[str, list[str | None]]]:
    doc = jixiao.read_path(example.seed)
    doc, kind, month = apply_actuals(doc, example.monitor_file.read_bytes(), "x.xlsx")
    assert (kind, month) == ("monitor", 7)
    return [(r.light, [i.light for i in r.indicators]) for r in monitor_document(doc)]


def test_example_lights_001_to_003() -> None:
    # 001/8: 30/67.5 = 44.44 % of the budget vs 58.33 % elapsed → 76.19 (yellow)
    # 001/2: 村镇志完成进度比率 55 % is a level: 55/95 = 57.89 (red, no cause: MON-03)
    assert [light for light, _ in _monitored(EXAMPLE_001)] == [
        *("red", "red", "green", "green", "green", "green", "red", "yellow"),
        *("green", "green", "yellow"),
    ]
    # 002/2: 300 本 of 700 × 7/12 = 408.33 → 73.47 (yellow); "无" not applicable (no light)
    lights_002 = _monitored(EXAMPLE_002)
    assert [light for light, _ in lights_002] == [
        *("yellow", "yellow", "green", "red", "green", "green")
    ]
    assert lights_002[1][1] == [
        *("green", "yellow", "green", "green", "green", "green", "yellow", None, "green")
    ]
    assert lights_002[4][1] == [None] * 9
    # 003/2: 8 次 of 20 × 7/12 = 11.67 → 68.57 (yellow); 003/3: 75 件 of 58.33 → 128.57 (blue);
    # 003/4: 2 件 of 4.67 → 42.86 (red, no cause: MON-03)
    lights_003 = _monitored(EXAMPLE_003)
    assert [light for light, _ in lights_003] == [
        *("blue", "yellow", "blue", "red", "blue", "blue", "red", "green")
    ]
    assert [row[0] for _, row in lights_003[1:4]] == ["yellow", "blue", "red"]
