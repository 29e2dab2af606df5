"""A build leaves one Parquet file per table and year, not one per chunk; a compaction killed
after its plan was written is finished on the next open, one killed before leaves the parts."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import jixiao.corpus.build as build
import jixiao.corpus.compaction as compaction
from jixiao.corpus.build import build_corpus
from jixiao.corpus.dataset import CorpusDataset
from jixiao.corpus.engines import SerialEngine
from jixiao.corpus.synth import generate_corpus

pytestmark = pytest.mark.slow

TABLES = ("documents", "units", "projects", "indicators", "findings")


def _rows(root: Path) -> dict[str, list[str]]:
    return {
        name: sorted(
            json.dumps(r, sort_keys=True, default=str)
            for path in (root / name).rglob("*.parquet")
            for r in pq.read_table(path).to_pylist()
        )
        for name in TABLES
    }


def _parts(root: Path) -> dict[str, int]:
    return {
        f"{name}/{folder.name}": len(list(folder.glob("*.parquet")))
        for name in TABLES
        for folder in sorted((root / name).iterdir())
    }


@pytest.fixture
def uncompacted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A corpus built in chunks of 3 documents, its parts not merged."""
    generate_corpus(tmp_path / "in", units=8, years=(2024, 2025), seed=2)
    monkeypatch.setattr(build, "MAX_CHUNK", 3)
    monkeypatch.setattr(CorpusDataset, "compact", lambda self: 0)
    build_corpus([str(tmp_path / "in")], tmp_path / "corpus", SerialEngine())
    monkeypatch.undo()
    return tmp_path / "corpus"


def test_a_build_writes_one_file_per_table_and_year(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, uncompacted: Path
) -> None:
    assert min(_parts(uncompacted).values()) >= 3  # 8 documents a year in chunks of 3
    monkeypatch.setattr(build, "MAX_CHUNK", 3)
    build_corpus([str(tmp_path / "in")], tmp_path / "compacted", SerialEngine())
    compacted = tmp_path / "compacted"
    assert set(_parts(compacted).values()) == {1}
    assert _rows(compacted) == _rows(uncompacted)
    manifest = json.loads((compacted / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["counts"]["documents"] == 16
    # a later build adds its chunks beside the merged file, then merges them in
    generate_corpus(tmp_path / "more", units=1, years=(2024,), seed=9, vague_rate=1.0)
    summary = build_corpus([str(tmp_path / "more")], compacted, SerialEngine())
    assert summary.read == 1
    assert _parts(compacted)["documents/year=2024"] == 1
    assert len(_rows(compacted)["documents"]) == 17


def test_a_compaction_killed_after_its_plan_is_finished_on_open(
    uncompacted: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _rows(uncompacted)
    monkeypatch.setattr(compaction, "finish_compaction", lambda root, staging: None)
    removed = compaction.compact(uncompacted, uncompacted / "_staging")
    monkeypatch.undo()
    assert removed > 0
    assert (uncompacted / compaction.PLAN).exists()  # the "kill": plan written, nothing swapped
    CorpusDataset(uncompacted)
    assert not (uncompacted / compaction.PLAN).exists()
    assert not (uncompacted / "_staging").exists()
    assert set(_parts(uncompacted).values()) == {1}
    assert _rows(uncompacted) == before


def test_a_compaction_killed_before_its_plan_leaves_the_parts(
    uncompacted: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before, parts = _rows(uncompacted), _parts(uncompacted)

    def killed(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(compaction.os, "replace", killed)  # the plan is never put in place
    with pytest.raises(KeyboardInterrupt):
        compaction.compact(uncompacted, uncompacted / "_staging")
    monkeypatch.undo()
    assert any((uncompacted / "_staging").iterdir())
    CorpusDataset(uncompacted)
    assert not (uncompacted / "_staging").exists()
    assert _parts(uncompacted) == parts
    assert _rows(uncompacted) == before
