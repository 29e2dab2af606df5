"""A bounded slice of the hostile corpus on every run: each damaged, truncated, bombed or
re-encoded copy of a seed ends in a document (with a warning when its projects changed) or a
clear Chinese error, never an internal error and never a silent change of projects.

``benchmarks/hostile_corpus.py`` runs the same generator at scale, by hand.
"""

from __future__ import annotations

import re
import warnings

import pytest

from tests.hostile.corpus import FORMATS, generate, judge, seed_file

PER_MUTATION = {"txt": 6, "docx": 5, "xlsx": 5, "xls": 10, "pdf": 3}
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
    for message in verdicts.get("clear_error", []):
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
