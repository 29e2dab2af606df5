"""Near-duplicate 绩效目标 of different units: counted in full, listed for the top pairs only.

A corpus of 10,000 documents holds the same goal text hundreds of times (copied templates), so
pairs of projects grow with the square of the corpus; a loop over them took minutes and
gigabytes. Here identical texts (whitespace removed) are grouped first; MinHash LSH
(datasketch) runs once per *distinct* text and each candidate pair of texts is confirmed with
the exact Jaccard similarity of its character trigrams. The number of project pairs per year
then follows from the group sizes (per year, pairs of different units), and only the first
``limit`` pairs, in a fixed order, are ever built as rows.
"""

from __future__ import annotations

import heapq
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import groupby, islice
from typing import Any

import duckdb

__all__ = ["GoalPairs", "near_duplicate_goals"]

MIN_CHARS = 12
"""Shorter goals (“完成年度任务”) are alike by nature and say nothing about copying."""

_NUM_PERM = 64

Member = tuple[str, int, str]
"""(unit name, fiscal year, project name) of one project with a goal text."""
Row = tuple[str, int | None, str, str, int | None, str, float]
"""(unit a, year, project a, unit b, year, project b, similarity): a listed pair."""


@dataclass(frozen=True, slots=True)
class GoalPairs:
    rows: list[Row]
    """The first pairs, most similar first, then by unit, year and project (at most the limit)."""
    by_year: list[tuple[int | None, int, int, int]]
    """Per year: (year, all pairs, of which identical texts, units involved)."""


def _grams(text: str) -> frozenset[str]:
    return frozenset(text[i : i + 3] for i in range(len(text) - 2))


def _by_year(members: list[Member]) -> dict[int, Counter[str]]:
    years: dict[int, Counter[str]] = defaultdict(Counter)
    for unit, year, _ in members:
        years[year][unit] += 1
    return years


def _count(a: list[Member], b: list[Member] | None) -> dict[int, tuple[int, set[str]]]:
    """Per year, the pairs of different units inside one group of identical texts (``b``
    None) or with one project from each group, and the units in at least one of them."""
    out: dict[int, tuple[int, set[str]]] = {}
    years_b = _by_year(b) if b is not None else {}
    for year, units in _by_year(a).items():
        if b is None:
            n = units.total()
            pairs = (n * (n - 1) - sum(k * (k - 1) for k in units.values())) // 2
            involved = set(units) if len(units) > 1 else set()
        else:
            others = years_b.get(year, Counter())
            pairs = units.total() * others.total() - sum(n * others[u] for u, n in units.items())
            involved = {u for u in units if set(others) - {u}} | {
                u for u in others if set(units) - {u}
            }
        if pairs:
            out[year] = (pairs, involved)
    return out


def _pairs(a: list[Member], b: list[Member] | None) -> Iterator[tuple[Any, ...]]:
    """The pairs of one group (``b`` None) or of two groups, in the rows' order: by (unit a,
    year, project a, unit b, project b) with unit a < unit b; lazily, so only those listed
    are built."""
    tagged = [(m, 0) for m in a] + ([(m, 1) for m in b] if b is not None else [])
    tagged.sort(key=lambda t: (t[0][1], t[0][0], t[0][2]))
    by_year = {y: list(g) for y, g in groupby(tagged, key=lambda t: t[0][1])}
    units = {y: [t[0][0] for t in g] for y, g in by_year.items()}
    for (unit, year, project), tag in sorted(tagged, key=lambda t: (t[0][0], t[0][1], t[0][2])):
        peers = by_year[year]
        for (unit_b, _, project_b), tag_b in peers[bisect_right(units[year], unit) :]:
            if b is None or tag_b != tag:
                yield (unit, year, project, unit_b, project_b)


def near_duplicate_goals(con: duckdb.DuckDBPyConnection, threshold: float, limit: int) -> GoalPairs:
    """Pairs of projects of different units, same year, whose goal texts are nearly the same."""
    from datasketch import MinHash, MinHashLSH

    groups: dict[str, list[Member]] = defaultdict(list)
    rows = con.execute(
        "SELECT coalesce(unit_name, ''), fiscal_year, name, array_to_string(goals, '') "
        "FROM projects WHERE len(goals) > 0"
    ).fetchall()
    for unit, year, name, text in rows:
        compact = "".join(str(text).split())
        if len(compact) >= MIN_CHARS:
            groups[compact].append((unit, year or 0, str(name)))  # 0: year unknown
    texts = sorted(groups)
    grams = [_grams(t) for t in texts]
    hashes = MinHash.bulk(
        [[g.encode("utf-8") for g in sorted(s)] for s in grams], num_perm=_NUM_PERM, seed=1
    )
    lsh = MinHashLSH(threshold=threshold, num_perm=_NUM_PERM)
    for n, mh in enumerate(hashes):
        lsh.insert(n, mh)
    # (similarity, group a, group b or None for pairs inside one group of identical texts)
    links: list[tuple[float, int, int | None]] = [(1.0, n, None) for n in range(len(texts))]
    for n, mh in enumerate(hashes):
        for m in lsh.query(mh):
            if m > n:
                similarity = len(grams[n] & grams[m]) / len(grams[n] | grams[m])
                if similarity >= threshold:
                    links.append((round(similarity, 2), n, m))
    totals: Counter[int] = Counter()
    identical: Counter[int] = Counter()
    involved: dict[int, set[str]] = defaultdict(set)
    live: list[tuple[float, int, int | None]] = []
    for similarity, n, m in links:
        counts = _count(groups[texts[n]], None if m is None else groups[texts[m]])
        if counts:
            live.append((similarity, n, m))
        for year, (pairs, units) in counts.items():
            totals[year] += pairs
            if m is None:
                identical[year] += pairs
            involved[year] |= units
    listed: list[Row] = []
    live.sort(key=lambda link: -link[0])
    for similarity, same in groupby(live, key=lambda link: link[0]):
        if len(listed) >= limit:
            break
        streams = [
            _pairs(groups[texts[n]], None if m is None else groups[texts[m]]) for _, n, m in same
        ]
        for unit, year, project, unit_b, project_b in islice(
            heapq.merge(*streams), limit - len(listed)
        ):
            shown = year or None
            listed.append((unit, shown, project, unit_b, shown, project_b, similarity))
    by_year = [
        (year or None, totals[year], identical[year], len(involved[year]))
        for year in sorted(totals)
        if totals[year]
    ]
    return GoalPairs(listed, by_year)
