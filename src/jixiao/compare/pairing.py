"""One-to-one pairing of two lists by candidate scores, best pairs first.

Both project and indicator matching reduce to this: a list of candidate pairs with a score
and a reason; the best-scoring pair is taken, its two items leave the pool, and so on. Ties
keep document order (earlier items first), so the result never depends on hashing.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Candidate", "pair_greedily"]


@dataclass(frozen=True)
class Candidate:
    old: int
    new: int
    score: float
    reason: str
    rank: int = 0
    """Stronger evidence first: a lower rank is taken before any higher one (e.g. 0 for an
    equal code, 1 for an equal name, 2 for similar names)."""


def pair_greedily(candidates: list[Candidate]) -> list[Candidate]:
    """The chosen pairs, each old and new index used at most once."""
    ordered = sorted(candidates, key=lambda c: (c.rank, -c.score, c.old, c.new))
    taken_old: set[int] = set()
    taken_new: set[int] = set()
    chosen: list[Candidate] = []
    for cand in ordered:
        if cand.old in taken_old or cand.new in taken_new:
            continue
        taken_old.add(cand.old)
        taken_new.add(cand.new)
        chosen.append(cand)
    return sorted(chosen, key=lambda c: (c.new, c.old))
