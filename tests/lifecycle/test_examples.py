"""The shipped example actuals of seed 000: the files hold the hand-written values, and their
scores and lights are frozen after checking them by hand (worked figures below)."""

from __future__ import annotations

import io
from decimal import Decimal as D

import pytest
from openpyxl import load_workbook

import jixiao
from jixiao.lifecycle.actuals import apply_actuals
from jixiao.lifecycle.monitoring import monitor_document
from jixiao.lifecycle.scoring import score_document
from tests.lifecycle.example_actuals import (
    MONITOR_FILE,
    SEED,
    SELFEVAL_FILE,
    monitor_workbook,
    selfeval_workbook,
)


def _cells(data: bytes) -> list[list[object]]:
    book = load_workbook(io.BytesIO(data))
    return [[c.value for c in row] for name in book.sheetnames for row in book[name].iter_rows()]


@pytest.mark.parametrize(
    ("path", "build"), [(MONITOR_FILE, monitor_workbook), (SELFEVAL_FILE, selfeval_workbook)]
)
def test_committed_examples_hold_the_written_values(path: object, build: object) -> None:
    assert _cells(path.read_bytes()) == _cells(build()), (  # type: ignore[attr-defined,operator]
        "example workbook is stale: run `PYTHONPATH=src python -m tests.lifecycle.example_actuals`"
    )


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
