"""``corpus build``: a dataset from generated documents, the seeds in several forms, an archive
and a corrupt file; the same dataset from a process pool and from Dask; resume after a kill."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from collections import Counter
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from jixiao.corpus.build import build_corpus
from jixiao.corpus.dataset import CorpusDataset, CorpusError
from jixiao.corpus.engines import DaskEngine, PoolEngine, SerialEngine
from jixiao.corpus.synth import Generated, generate_corpus
from tests.conftest import SEEDS
from tests.templates.builders import build

pytestmark = pytest.mark.slow


def _table(root: Path, name: str) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for path in sorted((root / name).rglob("*.parquet")):
        rows.extend(pq.read_table(path).to_pylist())
    return rows


def _canonical(root: Path, name: str) -> list[str]:
    """A table's rows as sorted JSON lines: equal whatever order the chunks finished in."""
    return sorted(json.dumps(r, sort_keys=True, default=str) for r in _table(root, name))


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Generated]:
    root = tmp_path_factory.mktemp("inputs")
    made = generate_corpus(root / "generated", units=30, years=(2023, 2024, 2025), seed=3)
    seeds = root / "seeds" / "河北省"
    seeds.mkdir(parents=True)
    for _key, path in SEEDS.items():
        (seeds / path.name).write_bytes(path.read_bytes())
    # Other provinces' templates in the other forms, written by the tests' own builders.
    for family, form in (("A", "docx"), ("B", "xlsx"), ("E", "pdf"), ("C", "html")):
        data, name = build(family, form)
        (seeds / name).write_bytes(data)
    with zipfile.ZipFile(root / "seeds" / "archive.zip", "w") as archive:
        # Other bytes than the seed's (CRLF line ends): another document, read from the archive.
        archive.writestr("山西省/003.txt", SEEDS["003"].read_bytes().replace(b"\n", b"\r\n"))
        archive.writestr("山西省/000-copy.txt", SEEDS["000"].read_bytes())  # a duplicate
    (seeds / "damaged.docx").write_bytes(b"PK\x03\x04 not really a zip")
    return root, made


def _build(inputs: Path, out: Path, engine: object) -> None:
    build_corpus([str(inputs / "generated"), str(inputs / "seeds")], out, engine)  # type: ignore[arg-type]


def test_the_dataset_holds_every_document_once_and_records_the_failure(
    inputs: tuple[Path, Generated], tmp_path: Path
) -> None:
    root, made = inputs
    out = tmp_path / "corpus"
    engine = PoolEngine(2)
    try:
        summary = build_corpus([str(root / "generated"), str(root / "seeds")], out, engine)
    finally:
        engine.close()
    # 90 generated + 4 seed texts + DOCX, XLSX, PDF, HTML + 003 (other bytes) and 000 from the
    # archive, one 000 being a duplicate = 99 documents; the damaged DOCX is a failure.
    assert summary.found == 90 + 4 + 4 + 2 + 1
    assert (summary.read, summary.failed, len(summary.duplicates)) == (99, 1, 1)
    # Files are taken in path order: the archive comes first, so the folder's 000 is the copy.
    ((duplicate, kept),) = summary.duplicates
    assert duplicate.endswith("河北省/" + SEEDS["000"].name)
    assert kept.endswith("archive.zip!山西省/000-copy.txt")

    documents = _table(out, "documents")
    assert len(documents) == 99
    assert len({d["doc_id"] for d in documents}) == 99
    assert sum(bool(d["synthetic"]) for d in documents) == 90
    formats = Counter(str(d["format"]) for d in documents)
    assert [formats[f] for f in ("docx", "xlsx", "pdf", "html")] == [1, 1, 1, 1]
    assert formats["json"] + formats["text"] == 95
    regions = Counter(str(d["region"]) for d in documents)
    assert regions["河北省"] == 7 and regions["山西省"] == 2

    (failure,) = _table(out, "failures")
    assert failure["file_name"] == "damaged.docx"
    assert "damaged.docx" in str(failure["message"]) and "损坏" in str(failure["message"])

    # Every generated document's projects and indicators, counted from the generator's side.
    projects = _table(out, "projects")
    indicators = _table(out, "indicators")
    synthetic_ids = {d["doc_id"] for d in documents if d["synthetic"]}
    assert sum(1 for p in projects if p["doc_id"] in synthetic_ids) == sum(
        len(d.projects) for d in made.documents
    )
    assert sum(1 for i in indicators if i["doc_id"] in synthetic_ids) == sum(
        len(p.indicators) for d in made.documents for p in d.projects
    )
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["counts"]["documents"] == 99
    assert manifest["counts"]["indicators"] == len(indicators)
    assert manifest["files"]["failed"] == 1
    # the chunks' parts were merged: one file per table and year
    for name in ("documents", "units", "projects", "indicators", "findings"):
        assert all(len(list(f.glob("*.parquet"))) == 1 for f in (out / name).iterdir()), name

    # Readable by DuckDB with the year folders as partitions.
    by_year = duckdb.sql(
        f"SELECT year, count(*) FROM read_parquet('{out}/documents/**/*.parquet', "
        "hive_partitioning=true) GROUP BY year ORDER BY year"
    ).fetchall()
    assert dict(by_year) == dict(Counter(int(d["fiscal_year"] or 0) for d in documents))  # type: ignore[call-overload]
    assert sum(1 for d in documents if d["synthetic"] and d["fiscal_year"] == 2024) == 30

    # A second run finds everything done: every file, the failed one and the copy included.
    again = build_corpus([str(root / "generated"), str(root / "seeds")], out, SerialEngine())
    assert (again.read, again.failed, again.skipped) == (0, 0, 101)
    assert len(_table(out, "documents")) == 99


def test_the_same_dataset_from_the_pool_and_from_dask(
    inputs: tuple[Path, Generated], tmp_path: Path
) -> None:
    root, _ = inputs
    pool = PoolEngine(2)
    try:
        _build(root, tmp_path / "pool", pool)
    finally:
        pool.close()
    dask = DaskEngine(2)
    try:
        assert dask.dashboard.startswith("http")
        _build(root, tmp_path / "dask", dask)
    finally:
        dask.close()
    for name in ("documents", "units", "projects", "indicators", "findings", "failures"):
        assert _canonical(tmp_path / "pool", name) == _canonical(tmp_path / "dask", name), name


_KILLABLE = """
import sys
from pathlib import Path
from jixiao.corpus.build import build_corpus
from jixiao.corpus.engines import SerialEngine
import jixiao.corpus.build as build
build.MAX_CHUNK = 3
if __name__ == "__main__":
    build_corpus([sys.argv[1]], Path(sys.argv[2]), SerialEngine())
"""


def test_a_build_killed_in_the_middle_resumes_without_duplicates_or_gaps(
    inputs: tuple[Path, Generated], tmp_path: Path
) -> None:
    root, made = inputs
    out = tmp_path / "corpus"
    script = tmp_path / "killable.py"
    script.write_text(_KILLABLE, encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, str(script), str(root / "generated"), str(out)],
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    journal = out / "_journal"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if journal.exists() and len(list(journal.glob("*.json"))) >= 4:
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    partial = len(_table(out, "documents"))
    assert 0 < partial < 90, "the build was not killed in the middle"

    summary = build_corpus([str(root / "generated")], out, SerialEngine())
    assert summary.skipped == partial
    documents = _table(out, "documents")
    ids = [d["doc_id"] for d in documents]
    assert len(ids) == len(set(ids)) == 90
    indicators = _table(out, "indicators")
    assert len(indicators) == sum(len(p.indicators) for d in made.documents for p in d.projects)
    keys = Counter((i["doc_id"], i["project_seq"], i["position"]) for i in indicators)
    assert max(keys.values()) == 1
    assert not (out / "_staging").exists()


def test_a_folder_that_is_not_a_corpus_is_refused(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("我的文件", encoding="utf-8")
    with pytest.raises(CorpusError, match="不是 jixiao 语料库"):
        CorpusDataset(tmp_path)
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "我的文件"
