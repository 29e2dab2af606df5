"""``corpus import``: a corpus loaded into the workbench database, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jixiao.corpus.build import build_corpus
from jixiao.corpus.engines import SerialEngine
from jixiao.corpus.importer import import_corpus
from jixiao.corpus.synth import generate_corpus
from jixiao.store.convert import load_document
from jixiao.store.db import make_engine
from jixiao.store.models import AuditRow, DocumentRow, FindingRow

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("import")
    generate_corpus(root / "in", units=3, years=(2024, 2025), seed=5)
    build_corpus([str(root / "in")], root / "corpus", SerialEngine())
    return root / "in", root / "corpus"


def test_every_document_is_stored_reviewed_and_audited_once(
    corpus: tuple[Path, Path], db_url: str
) -> None:
    inputs, root = corpus
    files = sorted(inputs.rglob("*.json"))
    first = import_corpus(root, db_url)
    assert (first.total, first.imported, first.skipped) == (len(files), len(files), 0)
    again = import_corpus(root, db_url)
    assert (again.imported, again.skipped) == (0, len(files))

    engine = make_engine(db_url)
    try:
        with Session(engine) as session:
            rows = session.scalars(select(DocumentRow)).all()
            assert sorted(r.source_name or "" for r in rows) == sorted(p.name for p in files)
            assert {r.status for r in rows} == {"draft"}
            audits = session.scalar(
                select(func.count()).select_from(AuditRow).where(AuditRow.action == "语料库导入")
            )
            assert audits == len(files)
            assert session.scalar(select(func.count()).select_from(FindingRow)) > 0
            # What is stored is the document the corpus holds, field by field.
            from jixiao.model import Document

            for row in rows:
                path = next(p for p in files if p.name == row.source_name)
                original = Document.from_json(path.read_bytes())
                stored = load_document(session, row.id)
                assert [p.name for p in stored.projects] == [p.name for p in original.projects]
                assert [(i.name, i.value_text) for p in stored.projects for i in p.indicators] == [
                    (i.name, i.value_text) for p in original.projects for i in p.indicators
                ]
                assert [p.budget.total for p in stored.projects] == [
                    p.budget.total for p in original.projects
                ]
    finally:
        engine.dispose()
