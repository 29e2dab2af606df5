"""``corpus import``: a corpus's documents loaded into the workbench database in bulk.

Each document comes from the dataset's ``model_json`` column (the open JSON form), is stored
as a draft, reviewed, and written to the audit log as 语料库导入. Documents already in the
database (same source content hash) are skipped, so importing again after a grown corpus adds
only the new ones. Batches are committed together, and the Parquet files are read one record
batch at a time, so memory stays flat however large the corpus.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyarrow.parquet as pq
from sqlalchemy import select
from sqlalchemy.orm import Session

from jixiao.corpus.dataset import MANIFEST, CorpusDataset, CorpusError
from jixiao.model import Document
from jixiao.review import review
from jixiao.store.audit import record_change
from jixiao.store.convert import save_review, store_document
from jixiao.store.db import commit, make_engine, make_sessionmaker, translate_errors
from jixiao.store.migrate import upgrade
from jixiao.store.models import DocumentRow

__all__ = ["ImportSummary", "import_corpus"]

BATCH = 100
"""Documents per transaction."""


@dataclass(slots=True)
class ImportSummary:
    total: int = 0
    imported: int = 0
    skipped: int = 0


def _models(dataset: CorpusDataset) -> Iterator[tuple[str, str, str]]:
    """(file name, sha256, document JSON) of every document, a record batch at a time."""
    for path in dataset.files("documents"):
        parquet = pq.ParquetFile(path)
        for batch in parquet.iter_batches(
            batch_size=BATCH, columns=["file_name", "sha256", "model_json"]
        ):
            yield from zip(
                batch.column("file_name").to_pylist(),
                batch.column("sha256").to_pylist(),
                batch.column("model_json").to_pylist(),
                strict=True,
            )


def _store(session: Session, doc: Document, name: str, sha256: str) -> None:
    # The file in the corpus is the source (a JSON input carries its original's hash).
    source = doc.source.model_copy(update={"name": name, "sha256": sha256})
    row = store_document(session, doc.model_copy(update={"source": source}))
    save_review(session, row.id, review(doc))
    record_change(session, row, None, "语料库导入", {"source_name": {"old": None, "new": name}})


def import_corpus(
    root: Path,
    url: str | None = None,
    *,
    on_progress: Callable[[int, int], None] | None = None,
) -> ImportSummary:
    """Load every document of the corpus at ``root`` into the database at ``url``."""
    if not (root / MANIFEST).exists():
        raise CorpusError(
            "这个文件夹不是 jixiao 语料库（没有 manifest.json）",
            source=str(root),
            hint="请先运行 jixiao corpus build 生成语料库。",
        )
    dataset = CorpusDataset(root)
    total = sum(pq.read_metadata(p).num_rows for p in dataset.files("documents"))
    summary = ImportSummary(total=total)
    upgrade(url)
    engine = make_engine(url)
    try:
        with (
            make_sessionmaker(engine, write=True)() as session,
            translate_errors(url, any_error=True),
        ):
            known = set(session.scalars(select(DocumentRow.source_sha256)).all())
            pending = 0
            for done, (name, sha256, text) in enumerate(_models(dataset), 1):
                if sha256 in known:
                    summary.skipped += 1
                else:
                    known.add(sha256)
                    _store(session, Document.from_json(text), name, sha256)
                    summary.imported += 1
                    pending += 1
                if pending >= BATCH:
                    commit(session)
                    pending = 0
                if on_progress:
                    on_progress(done, total)
            commit(session)
    finally:
        engine.dispose()
    return summary
