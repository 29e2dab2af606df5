"""``corpus stats`` on a corpus repeated many times (``synth.repeat_corpus``): the counts grow as
they must (pairs of goals with the square, matches linearly), the listed goal pairs are capped
and in a fixed order, and names repeated within a unit's year match one to one."""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations
from pathlib import Path

import pytest

from jixiao.corpus.build import build_corpus
from jixiao.corpus.engines import SerialEngine
from jixiao.corpus.stats import StatTable, compute_stats
from jixiao.corpus.synth import generate_corpus, repeat_corpus

pytestmark = pytest.mark.slow

UNITS = 8
TIMES = 4
LISTED = 25


@pytest.fixture(scope="module")
def corpora(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("repeated")
    generate_corpus(root / "in", units=UNITS, seed=5, copy_rate=0.0, drift_rate=0.5)
    build_corpus([str(root / "in")], root / "base", SerialEngine())
    repeat_corpus(root / "base", root / "renamed", TIMES)
    repeat_corpus(root / "base", root / "same_units", TIMES, rename_units=False)
    return {"base": root / "base", "renamed": root / "renamed", "same": root / "same_units"}


def _stats(root: Path, goal_pairs: int = 1000) -> dict[str, StatTable]:
    return {t.key: t for t in compute_stats(root, goal_pairs=goal_pairs)}


def _goal_members(root: Path) -> dict[int, list[tuple[str, str, str]]]:
    """Per year, (unit, project, goal text without spaces) of every project, read here."""
    import duckdb

    con = duckdb.connect()
    rows = con.execute(
        "SELECT unit_name, fiscal_year, name, array_to_string(goals, '') FROM read_parquet("
        f"'{root}/projects/**/*.parquet') WHERE len(goals) > 0"
    ).fetchall()
    out: dict[int, list[tuple[str, str, str]]] = defaultdict(list)
    for unit, year, name, text in rows:
        compact = "".join(text.split())
        if len(compact) >= 12:
            out[year].append((unit, name, compact))
    return out


def test_goal_pair_counts_and_the_listed_pairs(corpora: dict[str, Path]) -> None:
    stats = _stats(corpora["renamed"], goal_pairs=LISTED)
    by_year = {r[0]: r for r in stats["near_duplicate_goals_by_year"].rows}
    expected: list[tuple[str, int, str, str, int, str, float]] = []
    for year, members in _goal_members(corpora["renamed"]).items():
        identical = 0
        units: set[str] = set()
        for a, b in combinations(members, 2):
            if a[0] != b[0] and a[2] == b[2]:
                identical += 1
                units |= {a[0], b[0]}
                first, second = sorted((a, b))
                expected.append((first[0], year, first[1], second[0], year, second[1], 1.0))
        assert identical > 0
        assert by_year[year][2] == identical
        assert by_year[year][1] >= identical
        assert by_year[year][3] >= len(units)
    listed = stats["near_duplicate_goals"].rows
    assert len(listed) == LISTED
    # identical texts come first, in (unit a, year, project a, unit b, project b) order
    assert listed == sorted(expected, key=lambda r: (r[0], r[1], r[2], r[3], r[5]))[:LISTED]
    # the counts do not depend on how many pairs are listed
    again = _stats(corpora["renamed"], goal_pairs=0)
    assert again["near_duplicate_goals"].rows == []
    assert again["near_duplicate_goals_by_year"].rows == stats["near_duplicate_goals_by_year"].rows


def test_pairs_grow_with_the_square_of_the_copies(corpora: dict[str, Path]) -> None:
    base = {r[0]: r for r in _stats(corpora["base"])["near_duplicate_goals_by_year"].rows}
    renamed = {r[0]: r for r in _stats(corpora["renamed"])["near_duplicate_goals_by_year"].rows}
    members = _goal_members(corpora["base"])
    for year, row in renamed.items():
        # every project pairs with every copy of every project of the same text but its own
        # copy-free unit: identical pairs of n projects become those of n × TIMES projects
        texts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for unit, _, text in members[year]:
            texts[text][unit] += 1
        pairs = 0
        for units in texts.values():
            n = sum(units.values()) * TIMES
            pairs += (n * (n - 1) - sum(k * (k - 1) for k in units.values() if k) * TIMES) // 2
        assert row[2] == pairs
        assert row[2] > base.get(year, (year, 0, 0, 0))[2]


def test_repeated_names_match_one_to_one_year_over_year(corpora: dict[str, Path]) -> None:
    base = _stats(corpora["base"])
    same = _stats(corpora["same"])
    renamed = _stats(corpora["renamed"])
    base_unchanged = base["unchanged"].rows
    # each unit holds TIMES documents a year: the k-th matches the k-th, never all with all
    for stats in (same, renamed):
        expected = [(y, n * TIMES, same_value * TIMES) for y, n, same_value, _ in base_unchanged]
        assert [r[:3] for r in stats["unchanged"].rows] == expected
        assert len(stats["drift"].rows) == len(base["drift"].rows) * TIMES
    assert base["unchanged"].rows and base["drift"].rows
    coherent = len(base["coherence"].rows)
    assert 0 < coherent * TIMES <= 100
    assert len(same["coherence"].rows) == coherent * TIMES


def test_the_statistics_are_the_same_every_time(corpora: dict[str, Path]) -> None:
    first = _stats(corpora["same"])
    second = _stats(corpora["same"])
    assert {k: t.rows for k, t in first.items()} == {k: t.rows for k, t in second.items()}
    assert {k: t.keys for k, t in first.items()} == {k: t.keys for k, t in second.items()}
