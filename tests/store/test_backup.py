"""Backup while the database is in use, then restore: the same data comes back."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import Engine, delete, select, text
from sqlalchemy.orm import Session

import jixiao
from jixiao.store import StoreError, commit, load_document, store_document
from jixiao.store.backup import backup, restore
from jixiao.store.db import make_engine
from jixiao.store.migrate import current_revision, head_revision
from jixiao.store.models import DocumentRow
from tests.conftest import SEEDS
from tests.store.conftest import unavailable


def _need_pg_tools(url: str) -> None:
    if url.startswith("postgresql"):
        missing = [t for t in ("pg_dump", "pg_restore") if shutil.which(t) is None]
        if missing:
            unavailable(f"{' and '.join(missing)} not on PATH (install postgresql-client)")


def _store_seeds(engine: Engine) -> list[int]:
    with Session(engine) as session:
        ids = [store_document(session, jixiao.read_path(p)).id for p in SEEDS.values()]
        commit(session)
    return ids


def test_backup_then_restore(migrated_url: str, engine: Engine, tmp_path: Path) -> None:
    _need_pg_tools(migrated_url)
    ids = _store_seeds(engine)
    with Session(engine) as session:
        before = [load_document(session, i) for i in ids]
    dest = backup(migrated_url, tmp_path / "backup.bin")
    assert dest.stat().st_size > 0

    with Session(engine) as session:  # lose data after the backup
        session.execute(delete(DocumentRow).where(DocumentRow.id == ids[0]))
        session.get_one(DocumentRow, ids[1]).title = "改过的标题"
        commit(session)
        store_document(session, before[2])
        commit(session)
    engine.dispose()  # PostgreSQL: pg_restore --clean drops tables open connections would lock

    restore(migrated_url, dest)
    assert current_revision(migrated_url) == head_revision()
    with Session(engine) as session:
        assert [load_document(session, i) for i in ids] == before
        assert len(session.scalars(select(DocumentRow)).all()) == len(ids)
        # Writing after a restore works (sequences and WAL mode are back).
        store_document(session, before[0])
        commit(session)


def test_sqlite_backup_is_a_consistent_snapshot(tmp_path: Path) -> None:
    """A writer holds an open transaction during the backup: the copy has only committed data,
    and a connection that stays open sees the restored data."""
    url = f"sqlite:///{tmp_path / 'live.db'}"
    from jixiao.store.migrate import upgrade

    upgrade(url)
    engine = make_engine(url)
    try:
        _store_seeds(engine)
        reader = engine.connect()  # stays open across the restore
        with engine.connect() as writer:
            writer.execute(text("UPDATE documents SET title = 'uncommitted'"))
            backup(url, tmp_path / "copy.db")
            writer.rollback()
        with sqlite3.connect(tmp_path / "copy.db") as copy:
            titles = [row[0] for row in copy.execute("SELECT title FROM documents")]
            mode = copy.execute("PRAGMA journal_mode").fetchone()
        assert len(titles) == 4
        assert "uncommitted" not in titles
        assert mode == ("delete",)  # a single self-contained file
        assert not (tmp_path / "copy.db-wal").exists()

        with Session(engine) as session:
            session.execute(delete(DocumentRow))
            commit(session)
        assert reader.execute(text("SELECT count(*) FROM documents")).scalar() == 0
        reader.rollback()
        restore(url, tmp_path / "copy.db")
        assert reader.execute(text("SELECT count(*) FROM documents")).scalar() == 4
        assert reader.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        reader.close()
    finally:
        engine.dispose()


def test_backup_errors_are_chinese(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'none.db'}"
    with pytest.raises(StoreError, match="数据库文件不存在"):
        backup(url, tmp_path / "x.db")
    with pytest.raises(StoreError, match=r"文件夹 .* 不存在"):
        backup(url, tmp_path / "missing" / "x.db")
    with pytest.raises(StoreError, match="是一个文件夹"):
        backup(url, tmp_path)
    with pytest.raises(StoreError, match="内存数据库"):
        backup("sqlite://", tmp_path / "x.db")


def test_restore_refuses_what_is_not_a_backup(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'live.db'}"
    text_file = tmp_path / "notes.txt"
    text_file.write_text("这不是备份", encoding="utf-8")
    with pytest.raises(StoreError, match="不是 SQLite 数据库的备份文件"):
        restore(url, text_file)
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    conn.close()
    with pytest.raises(StoreError, match="不是 jixiao 数据库的备份"):
        restore(url, other)
    with pytest.raises(StoreError, match="无法读取备份文件"):
        restore(url, tmp_path / "missing.db")
    with pytest.raises(StoreError, match="不是 pg_dump"):
        restore("postgresql://nobody@127.0.0.1:1/x", text_file)


def test_missing_pg_dump_is_a_chinese_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(StoreError, match="找不到 PostgreSQL 的 pg_dump 命令") as caught:
        backup("postgresql://nobody@127.0.0.1:1/x", tmp_path / "x.dump")
    assert "postgresql-client" in str(caught.value)


def test_pg_dump_failure_names_the_server_without_password(tmp_path: Path) -> None:
    if shutil.which("pg_dump") is None:
        pytest.skip("pg_dump not on PATH")
    with pytest.raises(StoreError, match="备份失败") as caught:
        backup("postgresql://nobody:secret@127.0.0.1:1/x", tmp_path / "x.dump")
    assert "secret" not in str(caught.value)
    assert not (tmp_path / "x.dump").exists()


def test_restore_refuses_a_database_being_served(tmp_path: Path) -> None:
    from jixiao.store.migrate import upgrade
    from jixiao.store.serving import serving

    url = f"sqlite:///{tmp_path / 'live.db'}"
    upgrade(url)
    saved = tmp_path / "saved.db"
    backup(url, saved)
    with serving(url), pytest.raises(StoreError, match="正被运行中的工作台"):
        restore(url, saved)
    restore(url, saved)  # the server stopped: the lock went with it
    assert current_revision(url) == head_revision()
