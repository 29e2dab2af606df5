"""Indicator records → library entries: names clustered, values summarised per unit."""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from jixiao.library.model import Entry, Library, ValueStats, unit_key
from jixiao.library.names import normalise_name

__all__ = ["IndicatorRecord", "build_library"]

MERGE_SIMILARITY = 0.85
"""Two normalised names (of six characters or more) this similar (difflib's ratio: twice the
matched characters over both lengths) are one indicator spelled two ways
(``年度内办理审批业务量`` / ``年度办理审批业务量``: 0.95; ``服务对象满意度`` / ``受益对象满意度``:
0.71, apart)."""
CANDIDATE_JACCARD = 0.5
"""Bigram Jaccard above which LSH proposes a pair for the exact comparison."""


@dataclass(frozen=True, slots=True)
class IndicatorRecord:
    """One indicator as the library needs it (from a corpus row or a stored document)."""

    name: str
    level1: str
    level2: str
    category: str | None
    value_text: str
    value_op: str | None
    value_number: float | None
    value_unit: str | None
    unit_name: str | None
    doc_id: str


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


def _clusters(keys: Counter[str]) -> dict[str, str]:
    """Normalised name → the key of its cluster (its most used member). MinHash LSH proposes
    candidates, so the library of a province is not a quadratic loop; difflib confirms."""
    from difflib import SequenceMatcher

    from datasketch import MinHash, MinHashLSH

    long = [k for k in keys if len(k) >= 6]
    grams = {k: _bigrams(k) for k in long}
    lsh = MinHashLSH(threshold=CANDIDATE_JACCARD, num_perm=64)
    hashes: dict[str, MinHash] = {}
    for key in long:
        mh = MinHash(num_perm=64, seed=1)
        for gram in grams[key]:
            mh.update(gram.encode("utf-8"))
        hashes[key] = mh
        lsh.insert(key, mh)
    parent = {k: k for k in keys}

    def root(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for key in long:
        for other in lsh.query(hashes[key]):
            if other == key:
                continue
            if SequenceMatcher(None, key, other, autojunk=False).ratio() >= MERGE_SIMILARITY:
                ra, rb = root(key), root(other)
                if ra != rb:
                    # the more used name leads (ties: the shorter, then the first in order)
                    keep, drop = sorted((ra, rb), key=lambda x: (-keys[x], len(x), x))
                    parent[drop] = keep
    return {k: root(k) for k in keys}


_OPS = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "=": "", None: ""}


def _canonical(r: IndicatorRecord) -> str:
    """The value as operator, number and unit (``≥95%``), however it was written
    (``≥9595%以上``, ``≥95百分比``): a hint must not repeat a defect."""
    assert r.value_number is not None
    number = f"{r.value_number:g}"
    unit = unit_key(r.value_unit)
    return f"{_OPS.get(r.value_op, r.value_op or '')}{number}{unit}"


def _value_stats(unit: str, records: list[IndicatorRecord]) -> ValueStats:
    numbers = sorted(r.value_number for r in records if r.value_number is not None)
    if len(numbers) >= 2:
        cuts = statistics.quantiles(numbers, n=20, method="inclusive")
        p10, p25, p75, p90 = cuts[1], cuts[4], cuts[14], cuts[17]
    else:
        p10 = p25 = p75 = p90 = numbers[0]
    ops = Counter(r.value_op for r in records)
    texts = Counter(_canonical(r) for r in records)
    return ValueStats(
        unit=unit,
        op=ops.most_common(1)[0][0],
        n=len(numbers),
        minimum=numbers[0],
        p10=p10,
        p25=p25,
        median=statistics.median(numbers),
        p75=p75,
        p90=p90,
        maximum=numbers[-1],
        typical=texts.most_common(1)[0][0],
    )


def _entry(key: str, records: list[IndicatorRecord]) -> Entry:
    names = Counter(r.name.strip() for r in records)
    levels = Counter((r.level1, r.level2, r.category) for r in records)
    level1, level2, category = levels.most_common(1)[0][0]
    units = Counter(r.unit_name for r in records if r.unit_name)
    by_unit: dict[str, list[IndicatorRecord]] = defaultdict(list)
    for r in records:
        if r.value_number is not None:
            by_unit[unit_key(r.value_unit)].append(r)
    values = [_value_stats(u, rs) for u, rs in by_unit.items()]
    values.sort(key=lambda v: (-v.n, v.unit))
    return Entry(
        key=key,
        name=names.most_common(1)[0][0],
        variants=dict(names.most_common()),
        level1=level1,
        level2=level2,
        category=category,
        count=len(records),
        documents=len({r.doc_id for r in records}),
        units=len(units),
        unit_names=[u for u, _ in units.most_common(20)],
        values=values,
        unquantified=sum(1 for r in records if r.value_number is None),
    )


def build_library(
    records: Iterable[IndicatorRecord], *, sources: list[str], min_count: int = 2
) -> Library:
    """Entries for every cluster used at least ``min_count`` times, most used first."""
    grouped: dict[str, list[IndicatorRecord]] = defaultdict(list)
    documents: set[str] = set()
    total = 0
    for record in records:
        total += 1
        documents.add(record.doc_id)
        key = normalise_name(record.name)
        if key:
            grouped[key].append(record)
    cluster_of = _clusters(Counter({k: len(v) for k, v in grouped.items()}))
    clusters: dict[str, list[IndicatorRecord]] = defaultdict(list)
    for key, members in grouped.items():
        clusters[cluster_of[key]].extend(members)
    entries = [_entry(k, rs) for k, rs in clusters.items() if len(rs) >= min_count]
    entries.sort(key=lambda e: (-e.count, e.key))
    return Library(sources=sources, documents=len(documents), indicators=total, entries=entries)
