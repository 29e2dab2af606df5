"""A bounded slice of the hostile corpus on every run: each damaged, truncated, bombed or
re-encoded copy of a seed ends in a document (with a warning when its projects changed) or a
clear Chinese error, never an internal error and never a silent change of projects.

``benchmarks/hostile_corpus.py`` runs the same generator at scale, by hand.
"""

from __future__ import annotations

import re
import warnings

import pytest

from jixiao.reading import read_bytes
from tests.hostile.corpus import FORMATS, generate, judge, seed_document, seed_file

PER_MUTATION = {"txt": 6, "docx": 5, "xlsx": 5, "xls": 10, "pdf": 3, "html": 6}
"""Inputs per mutation in the suite (the expensive mutations get one each)."""


@pytest.mark.slow
@pytest.mark.parametrize("fmt", FORMATS)
def test_hostile_copies_end_cleanly(fmt: str) -> None:
    verdicts: dict[str, list[str]] = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # libraries' own warnings are not the point here
        for item in generate(fmt, PER_MUTATION[fmt]):
            verdict, detail = judge(fmt, item)
            verdicts.setdefault(verdict, []).append(f"{item.label}: {detail}")
    assert "internal_error" not in verdicts, verdicts["internal_error"]
    assert "silent_change" not in verdicts, verdicts["silent_change"]
    for message in verdicts.get("clear_error", []) + verdicts.get("other_document", []):
        text = message.split(": ", 1)[1]
        assert re.search(r"[\u4e00-\u9fff]", text), message  # Chinese, for users
        assert "Error" not in text and "Exception" not in text, message
    assert sum(map(len, verdicts.values())) >= 3 * PER_MUTATION[fmt]  # every input judged


def test_corpus_reproduces_from_its_labels() -> None:
    """The same label gives the same bytes: a failure found by the benchmark reproduces."""
    first = {item.label: item.data for item in generate("xlsx", 2)}
    again = {item.label: item.data for item in generate("xlsx", 2)}
    assert first == again
    assert all(data != seed_file("xlsx") for data in first.values())


@pytest.mark.parametrize("fmt", FORMATS[1:])
def test_every_binary_seed_reads_as_the_same_three_projects(fmt: str) -> None:
    """The seeds the corpus damages are written by the fixtures' builders (and LibreOffice
    for the XLS): each reads cleanly, with the same projects, before any damage."""
    doc = read_bytes(seed_file(fmt), name=f"seed.{fmt}")
    expected = seed_document()
    assert [p.name for p in doc.projects] == [p.name for p in expected.projects]
    assert [len(p.indicators) for p in doc.projects] == [5, 4, 6]
    assert not doc.warnings


def test_seeds_rebuild_the_same_bytes() -> None:
    """A label names its input only if the seed is the same in every run (no time stamps)."""
    for fmt in ("docx", "xlsx", "pdf", "html"):
        first = seed_file(fmt)
        seed_file.cache_clear()
        assert seed_file(fmt) == first, fmt
