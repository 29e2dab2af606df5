"""Which database, and how connections are set up."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from jixiao.store import StoreError
from jixiao.store.db import (
    database_url,
    display_url,
    make_engine,
    make_page_sessionmaker,
    parse_url,
    readers_never_wait,
)
from jixiao.store.migrate import upgrade


def test_default_is_a_sqlite_file_in_the_data_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("JIXIAO_DATABASE_URL", raising=False)
    monkeypatch.setenv("JIXIAO_DATA_DIR", str(tmp_path / "data"))
    assert database_url() == f"sqlite:///{tmp_path / 'data' / 'jixiao.db'}"
    upgrade()
    assert (tmp_path / "data" / "jixiao.db").is_file()


def test_default_data_dir_follows_xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JIXIAO_DATABASE_URL", raising=False)
    monkeypatch.delenv("JIXIAO_DATA_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert database_url() == f"sqlite:///{tmp_path / 'jixiao' / 'jixiao.db'}"


def test_environment_url_wins_and_argument_wins_over_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JIXIAO_DATABASE_URL", "postgresql://u:pw@db.example:5432/jx")
    assert database_url() == "postgresql://u:pw@db.example:5432/jx"
    assert database_url("sqlite:///x.db") == "sqlite:///x.db"
    # postgresql:// means psycopg 3; the password never shows in messages.
    assert parse_url().drivername == "postgresql+psycopg"
    assert display_url() == "postgresql+psycopg://u:***@db.example:5432/jx"


@pytest.mark.parametrize(
    ("url", "message"),
    [("mysql://x@y/z", "不支持的数据库类型"), ("not a url", "数据库地址格式有误")],
)
def test_bad_urls(url: str, message: str) -> None:
    with pytest.raises(StoreError, match=message):
        make_engine(url)


def test_sqlite_connections_are_set_up(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'jixiao.db'}")
    try:
        with engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 10_000
    finally:
        engine.dispose()


def test_unreachable_server_is_a_chinese_error() -> None:
    with pytest.raises(StoreError, match="无法连接数据库") as caught:
        upgrade("postgresql://nobody:secret@127.0.0.1:1/nothing?connect_timeout=2")
    assert "secret" not in str(caught.value)
    assert "127.0.0.1:1" in str(caught.value)


def test_unwritable_data_dir_is_a_chinese_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(StoreError, match="无法创建数据目录"):
        make_engine(f"sqlite:///{blocker / 'sub' / 'jixiao.db'}")


def test_page_sessions_read_without_a_transaction_on_postgresql_only(engine: Engine) -> None:
    """make_page_sessionmaker: PostgreSQL saves BEGIN/ROLLBACK; SQLite keeps one snapshot."""
    postgres = engine.dialect.name == "postgresql"
    with make_page_sessionmaker(engine)() as session:
        assert session.execute(text("SELECT 1")).scalar() == 1
        if postgres:
            assert session.connection().connection.dbapi_connection.autocommit is True
            # now() is the transaction's start: it moves between statements only outside one
            first = session.execute(text("SELECT now()")).scalar()
            session.execute(text("SELECT pg_sleep(0.01)"))
            assert session.execute(text("SELECT now()")).scalar() != first
        else:
            assert session.connection().in_transaction()
    if postgres:
        with Session(engine) as plain:  # the engine's other sessions keep their transaction
            first = plain.execute(text("SELECT now()")).scalar()
            plain.execute(text("SELECT pg_sleep(0.01)"))
            assert plain.execute(text("SELECT now()")).scalar() == first


def test_readers_never_wait_in_wal_mode_and_on_postgresql(engine: Engine, tmp_path: Path) -> None:
    assert readers_never_wait(engine)  # a SQLite file here is in WAL mode
    memory = make_engine("sqlite://")  # keeps its journal in memory: readers may wait
    try:
        assert not readers_never_wait(memory)
    finally:
        memory.dispose()
