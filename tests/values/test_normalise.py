"""``normalise`` (done with regex substitutions) against the gap-by-gap definition."""

from __future__ import annotations

import random
import re

from jixiao.values.lexicon import is_ascii_word, normalise

_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"


def _reference(text: str) -> tuple[str, bool]:
    """Each gap in turn: one space, or none where a line break splits a word."""
    text = re.sub("[\ud800-\udfff]", "\ufffd", re.sub("[\u200b\u2060\ufeff\u00ad]", "", text))
    text = text.strip()
    parts: list[str] = []
    broken = False
    last = 0
    for run in re.finditer(r"\s+", text):
        start, end = run.span()
        parts.append(text[last:start])
        if any(char in _BREAKS for char in run.group()):
            broken = True
            keep = is_ascii_word(text[start - 1]) and is_ascii_word(text[end])
            parts.append(" " if keep else "")
        else:
            parts.append(" ")
        last = end
    parts.append(text[last:])
    return "".join(parts), broken


def test_same_as_gap_by_gap() -> None:
    atoms = ["a", "9", "完", "≥", "１", " ", "  ", "\t", "\u3000", "\xa0", "\u200b", "\u00ad"]
    atoms += ["\ufeff", "\u2060", "\ud800", *_BREAKS, "\r\n"]
    rng = random.Random(16)
    for _ in range(5000):
        text = "".join(rng.choice(atoms) for _ in range(rng.randint(0, 12)))
        assert normalise(text) == _reference(text), repr(text)


def test_a_long_gap_is_read_once() -> None:
    # A complexity guard, not a speed test: a gap is matched only where it starts.
    gap = " " * 200_000
    assert normalise("x" + gap + "完\n成" + gap + "y") == ("x 完成 y", True)
