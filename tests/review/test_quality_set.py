"""The hand-labelled review-quality set reads back exactly, so ``benchmarks/review_quality.py``
measures the review and not the reader: every project, row and value as written."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from jixiao import read_bytes

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from review_quality import labels_of, write_text
from review_quality_set import DOCUMENTS


@pytest.mark.parametrize("doc", DOCUMENTS, ids=lambda d: d.name)
def test_labelled_document_reads_back(doc) -> None:  # type: ignore[no-untyped-def]
    model = read_bytes(write_text(doc).encode(), name=f"{doc.name}.txt")
    assert [p.name for p in model.projects] == [p.name for p in doc.projects]
    for read, written in zip(model.projects, doc.projects, strict=True):
        assert read.code == written.code
        goals = [re.sub(r"^\d+、", "", line) for line in written.goals.splitlines()]
        assert read.goals == goals
        assert [i.name for i in read.indicators] == [r.name for r in written.rows]
        assert [i.value_text for i in read.indicators] == [r.value for r in written.rows]
        assert [i.level1 for i in read.indicators] == [r.level1 for r in written.rows]


def test_labels_cover_every_severity() -> None:
    severities = {label.severity for doc in DOCUMENTS for label in labels_of(doc).values()}
    assert severities == {"must", "should", "could"}
