"""``cannot_be_quantity``: the cheap pre-test never rejects a text the grammar reads as a
quantity, and still rejects the prose a cell search mostly tries."""

from __future__ import annotations

import random

import pytest

from jixiao.values import parse_value
from jixiao.values.grammar import cannot_be_quantity, may_start_quantity
from jixiao.values.lexicon import (
    APPROX_PREFIX,
    NEUTRAL_PREFIX,
    PERCENT_PREFIX,
    PREFIX_WORDS,
    SIGNS,
    SUFFIX_WORDS,
)

_ATOMS = [
    *(word for word, _ in (*SIGNS, *PREFIX_WORDS, *SUFFIX_WORDS)),
    *APPROX_PREFIX,
    *NEUTRAL_PREFIX,
    *PERCENT_PREFIX,
    *("98", "１２", "0", "5", ".", ",", "+", "-", "－", "＋", "%", "％", "百分", "比", "左右"),
    *("年", "月", "日", "底", "前", "元", "万元", "次", "完成", "及时", "abc", "A", "、", "至"),
    *(" ", "  ", "\n", "\n\n", "\t", "\u3000", "\u200b", "\u00ad", "\ufeff", "\ud800", "~"),
]


def test_never_rejects_a_quantity() -> None:
    rng = random.Random(16)
    rejected = 0
    for _ in range(4000):
        # Long texts too: past the head the pre-test reads.
        text = "".join(rng.choice(_ATOMS) for _ in range(rng.choice((1, 2, 3, 5, 10, 30))))
        if cannot_be_quantity(text):
            rejected += 1
            assert parse_value(text).kind != "quantitative", text
    assert rejected > 1000  # the test exercises the rejecting paths


@pytest.mark.parametrize(
    ("text", "rejected"),
    [
        ("完成及时性 ≥98%", True),
        ("合格率≥98 百分比", True),
        ("", True),
        ("  \n ", True),
        ("≥98 百分\n\n比", False),
        ("不低于 ９５％", False),
        ("\u200b≥98%", False),
        ("百分之 95", False),
        ("2023年12月底前", False),
        ("达到" + "完成" * 40, True),  # decided from the head of a long text
        ("≥" * 80 + "5", False),  # the scan runs past the head: undecided
    ],
)
def test_examples(text: str, rejected: bool) -> None:
    assert cannot_be_quantity(text) is rejected
    if rejected:
        assert parse_value(text).kind != "quantitative"


def test_first_characters() -> None:
    assert not may_start_quantity("完")
    assert may_start_quantity("≥")
    assert may_start_quantity("９")  # full-width digit
    assert may_start_quantity("\u200b")  # removed by normalise: the next one decides
