"""``corpus stats``: each statistic checked against counts computed here, from the generator's
own documents, without DuckDB."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from decimal import Decimal
from itertools import combinations

import pyarrow.parquet as pq
import pytest

from jixiao.corpus.build import build_corpus
from jixiao.corpus.engines import SerialEngine
from jixiao.corpus.stats import StatTable, compute_stats
from jixiao.corpus.synth import Generated, generate_corpus
from jixiao.corpus.terms import VAGUE_TERMS, is_placeholder_indicator
from jixiao.model import Document

pytestmark = pytest.mark.slow

UNITS = 12
PLANTED: list[tuple[int, int]] = []
"""(document, project) of the planted unit-cost outlier, set by the ``corpus`` fixture."""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Generated, dict[str, StatTable]]:
    root = tmp_path_factory.mktemp("stats")
    made = generate_corpus(root / "in", units=UNITS, seed=11, copy_rate=0.0, drift_rate=0.5)
    # Plant one unit-cost outlier: the first project with a quantity indicator costs 100 times
    # as much in one document.
    at = next(
        (d, p)
        for d, doc in enumerate(made.documents)
        for p, project in enumerate(doc.projects)
        if project.budget.total
        and any(
            i.category == "output.quantity"
            and i.value.number
            and i.value.unit not in (None, "%", "百分比")
            for i in project.indicators
        )
    )
    path = made.files[at[0]]
    doc = Document.from_json(path.read_bytes())
    planted = doc.projects[at[1]]
    assert planted.budget.total is not None
    budget = planted.budget.model_copy(update={"total": planted.budget.total * 100})
    doc.projects[at[1]] = planted.model_copy(update={"budget": budget})
    path.write_text(doc.to_json(), encoding="utf-8")
    made.documents[at[0]] = doc
    PLANTED.append(at)
    build_corpus([str(root / "in")], root / "corpus", SerialEngine())
    return made, {t.key: t for t in compute_stats(root / "corpus")}


def _effect_or_satisfaction(category: str | None) -> bool:
    return (category or "").startswith(("effect", "satisfaction"))


def test_overview_matches_counts_made_here(corpus: tuple[Generated, dict[str, StatTable]]) -> None:
    made, stats = corpus
    rows = {(r[1], r[2]): r for r in stats["overview"].rows}
    assert len(rows) == len(made.documents) == UNITS * 3
    for doc in made.documents:
        indicators = [i for p in doc.projects for i in p.indicators]
        unit = doc.projects[0].unit.name
        row = rows[(unit, doc.fiscal_year)]
        assert row[3] == len(doc.projects)
        assert row[4] == len(indicators)
        quantified = sum(i.value.number is not None for i in indicators) / len(indicators)
        assert row[6] == pytest.approx(quantified * 100, abs=0.051)
        soft = [i for i in indicators if _effect_or_satisfaction(i.category)]
        vague = [
            i
            for i in soft
            if i.value.number is None and any(t in i.value_text for t in VAGUE_TERMS)
        ]
        assert row[9] == (pytest.approx(len(vague) / len(soft) * 100, abs=0.051) if soft else None)
        no_effect = [
            p
            for p in doc.projects
            if not any(i.category and i.category.startswith("effect") for i in p.indicators)
        ]
        assert row[12] == pytest.approx(len(no_effect) / len(doc.projects) * 100, abs=0.051)


def test_every_lowered_target_is_found(corpus: tuple[Generated, dict[str, StatTable]]) -> None:
    made, stats = corpus
    assert made.lowered > 0
    drift = stats["drift"].rows
    assert len(drift) == made.lowered
    for row in drift:
        assert row[6] == row[4] + 1
        assert row[8] < 100


def test_reuse_across_units_matches_a_count_made_here(
    corpus: tuple[Generated, dict[str, StatTable]],
) -> None:
    made, stats = corpus
    users: dict[tuple[int | None, str, str], set[str | None]] = defaultdict(set)
    for doc in made.documents:
        for p in doc.projects:
            for i in p.indicators:
                if i.name.strip() and not is_placeholder_indicator(i):
                    users[(doc.fiscal_year, i.name.strip(), i.value_text.strip())].add(p.unit.name)
    expected: dict[int | None, int] = defaultdict(int)
    for (year, _, _), units in users.items():
        if len(units) >= 2:
            expected[year] += 1
    found = {r[1]: r[2] for r in stats["reuse"].rows if r[0] == "不同单位之间"}
    assert found == dict(expected)


def test_identical_goals_of_different_units_are_reported(
    corpus: tuple[Generated, dict[str, StatTable]],
) -> None:
    made, stats = corpus
    reported = {(r[0], r[1], r[2], r[3], r[5]) for r in stats["near_duplicate_goals"].rows}
    reported |= {(r[3], r[4], r[5], r[0], r[2]) for r in stats["near_duplicate_goals"].rows}
    by_year: dict[int | None, list[tuple[str | None, str, str]]] = defaultdict(list)
    for doc in made.documents:
        for p in doc.projects:
            text = "".join("".join(p.goals).split())
            if len(text) >= 12:
                by_year[doc.fiscal_year].append((p.unit.name, p.name, text))
    identical = 0
    for year, projects in by_year.items():
        for a, b in combinations(projects, 2):
            if a[0] != b[0] and a[2] == b[2]:
                identical += 1
                assert (a[0], year, a[1], b[0], b[1]) in reported
    assert identical > 0


def test_the_planted_unit_cost_outlier_is_flagged(
    corpus: tuple[Generated, dict[str, StatTable]],
) -> None:
    made, stats = corpus
    doc = made.documents[PLANTED[0][0]]
    project = doc.projects[PLANTED[0][1]]
    flagged = [
        r for r in stats["unit_cost"].rows if r[1] == project.unit.name and r[3] == project.name
    ]
    assert flagged, stats["unit_cost"].rows[:5]
    assert all(r[2] == doc.fiscal_year and float(r[9]) > 3.5 for r in flagged)
    assert Decimal(str(flagged[0][6])) > Decimal(str(flagged[0][7])) * 10


def test_findings_add_up_to_the_documents_counts(
    corpus: tuple[Generated, dict[str, StatTable]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    _, stats = corpus
    total = sum(r[2] for r in stats["findings"].rows)
    root = tmp_path_factory.getbasetemp() / "stats0" / "corpus"
    documents = [
        row
        for path in root.joinpath("documents").rglob("*.parquet")
        for row in pq.read_table(path).to_pylist()
    ]
    assert total == sum(d["findings"] for d in documents) > 0
    # one row a rule; a rule with findings of two levels names both (VAL-08: 警告、提示)
    levels = {level for r in stats["findings"].rows for level in r[1].split("、")}
    assert levels <= {"错误", "警告", "提示"}
    assert len({r[0] for r in stats["findings"].rows}) == len(stats["findings"].rows)
    assert stats["failures"].rows == []
    json.dumps([t.rows for t in stats.values()], default=str)  # every value can be exported


def test_level_mix_matches_a_count_made_here(
    corpus: tuple[Generated, dict[str, StatTable]],
) -> None:
    made, stats = corpus
    counts: Counter[tuple[int | None, str, str]] = Counter()
    for doc in made.documents:
        for p in doc.projects:
            for i in p.indicators:
                if not is_placeholder_indicator(i):
                    counts[(doc.fiscal_year, i.level1, i.level2)] += 1
    found = {(r[0], r[1], r[2]): r[3] for r in stats["level_mix"].rows}
    assert found == dict(counts)
    for year in {k[0] for k in counts}:
        shares = [r[4] for r in stats["level_mix"].rows if r[0] == year]
        assert abs(sum(shares) - 100) < 0.1 * len(shares)
