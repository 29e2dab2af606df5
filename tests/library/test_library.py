"""The indicator library: names normalised and clustered, values summarised, peers judged."""

from __future__ import annotations

import statistics
from collections import Counter
from pathlib import Path

import pytest

from jixiao.corpus.synth import generate_corpus
from jixiao.library import build_library, load_library, normalise_name
from jixiao.library.build import IndicatorRecord
from jixiao.library.model import LibraryError
from jixiao.library.peers import hint, judge
from jixiao.library.sources import records_from_documents
from jixiao.review import review
from jixiao.review.config import ReviewConfig
from jixiao.review.rules._value_terms import document_with


def _record(
    name: str, value: str, number: float | None, unit: str | None, doc: str
) -> IndicatorRecord:
    return IndicatorRecord(
        name=name,
        level1="产出指标",
        level2="数量指标",
        category="output.quantity",
        value_text=value,
        value_op=">=" if number is not None else None,
        value_number=number,
        value_unit=unit,
        unit_name=f"单位{doc}",
        doc_id=doc,
    )


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("1、群众满意度（%）", "群众满意度"),
        ("（2）群众 满意度", "群众满意度"),
        ("群眾滿意度", "群众满意度"),
        ("“群众满意度”", "群众满意度"),
        ("培训人数(人次)", "培训人数"),
        ("培训人数", "培训人数"),
    ],
)
def test_names_are_normalised(written: str, key: str) -> None:
    assert normalise_name(written) == key


def test_spellings_of_one_indicator_are_one_entry_and_others_stay_apart() -> None:
    records = [
        _record("年度办理审批业务量", "≥7000件", 7000, "件", "a"),
        _record("1、年度办理审批业务量（件）", "≥6000件", 6000, "件", "b"),
        _record("年度内办理审批业务量", "≥8000件", 8000, "件", "c"),
        _record("培训人数", "≥100人", 100, "人", "a"),
        _record("培训人次", "≥300人次", 300, "人次", "b"),
    ]
    library = build_library(records, sources=["测试"], min_count=1)
    by_key = {e.key: e for e in library.entries}
    approvals = by_key["年度办理审批业务量"]
    assert approvals.count == 3 and approvals.documents == 3 and approvals.units == 3
    assert set(approvals.variants) == {
        "年度办理审批业务量",
        "1、年度办理审批业务量（件）",
        "年度内办理审批业务量",
    }
    assert approvals.values[0].median == 7000 and approvals.values[0].unit == "件"
    assert "培训人数" in by_key and "培训人次" in by_key  # different indicators, not merged
    assert library.lookup("年度内办理审批业务量 ") is approvals


def test_a_library_from_a_generated_corpus_matches_counts_made_here(tmp_path: Path) -> None:
    made = generate_corpus(tmp_path / "in", units=6, years=(2024, 2025), seed=2)
    docs = [(str(i), d) for i, d in enumerate(made.documents)]
    library = build_library(records_from_documents(docs), sources=["测试"])
    entry = library.lookup("服务对象满意度")
    assert entry is not None
    mine = [
        (i, d)
        for n, d in enumerate(made.documents)
        for p in d.projects
        for i in p.indicators
        if normalise_name(i.name) == "服务对象满意度"
    ]
    assert entry.count == len(mine)
    assert entry.documents == len({id(d) for _, d in mine})
    numbers = [
        float(i.value.number)
        for i, _ in mine
        if i.value.number is not None and i.value.unit in ("%", "百分比")
    ]
    stats = entry.stats_for("%")
    assert stats is not None
    assert stats.n == len(numbers)
    assert stats.median == statistics.median(numbers)
    assert stats.minimum == min(numbers) and stats.maximum == max(numbers)
    assert stats.typical == "≥95%"  # however the seeds wrote it (≥9595%以上, ≥95百分比)
    assert "同类指标多设为 ≥95%" in hint(entry)
    assert all(e.count >= 2 for e in library.entries)
    counts = Counter(e.key for e in library.entries)
    assert max(counts.values()) == 1


def test_a_value_far_below_its_peers_is_judged_and_a_usual_one_is_not() -> None:
    records = [
        _record("年度办理审批业务量", f"≥{n}件", n, "件", str(n)) for n in range(5000, 9001, 250)
    ]
    entry = build_library(records, sources=["测试"]).entries[0]
    low = document_with(0, "≥70件").projects[0].indicators[0]
    usual = document_with(0, "≥7000件").projects[0].indicators[0]
    other_unit = document_with(0, "≥70%").projects[0].indicators[0]
    found = judge(entry, low, min_peers=8, spreads=1.0)
    assert found is not None and found.low
    assert "远低于同类指标" in found.describe() and "中位数 7000 件" in found.describe()
    assert judge(entry, usual, min_peers=8, spreads=1.0) is None
    assert judge(entry, other_unit, min_peers=8, spreads=1.0) is None
    assert judge(entry, low, min_peers=100, spreads=1.0) is None  # too few peers


def test_rule_val16_uses_the_configured_library(tmp_path: Path) -> None:
    records = [
        _record("年度办理审批业务量", f"≥{n}件", n, "件", str(n)) for n in range(5000, 9001, 250)
    ]
    path = tmp_path / "指标库.json"
    build_library(records, sources=["测试"]).save(path)
    assert load_library(path).entries[0].count == len(records)
    config = ReviewConfig(select=["VAL-16"], params={"VAL-16": {"library": str(path)}})
    findings = review(document_with(0, "≥70件"), config).findings
    assert [f.code for f in findings] == ["VAL-16"]
    assert "远低于同类指标" in findings[0].message and findings[0].indicator_index == 0
    assert review(document_with(0, "≥7000件"), config).findings == []
    assert review(document_with(0, "≥70件"), ReviewConfig(select=["VAL-16"])).findings == []


def test_a_missing_or_foreign_library_file_is_a_chinese_error(tmp_path: Path) -> None:
    with pytest.raises(LibraryError, match="指标库文件不存在"):
        load_library(tmp_path / "没有.json")
    (tmp_path / "别的.json").write_text('{"a": 1}', encoding="utf-8")
    with pytest.raises(LibraryError, match="不是 jixiao 指标库"):
        load_library(tmp_path / "别的.json")
