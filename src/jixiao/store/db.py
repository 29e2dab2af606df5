"""Engines and sessions: which database, how SQLite is set up, and commits with Chinese errors.

The URL is, in order: the ``url`` argument, ``$JIXIAO_DATABASE_URL``, or a SQLite file
``jixiao.db`` in the data directory (``$JIXIAO_DATA_DIR``, else the platform's user data
directory, ``~/.local/share/jixiao`` on Linux). ``postgresql://`` URLs are served by psycopg 3.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from jixiao._exceptions import os_reason
from jixiao.store.errors import ConflictError, StoreError

__all__ = [
    "CONFLICT_HINT",
    "CONFLICT_MESSAGE",
    "DATABASE_URL_ENV",
    "DATA_DIR_ENV",
    "SQLITE_BUSY_TIMEOUT_MS",
    "WRITE_OPTION",
    "commit",
    "data_dir",
    "database_url",
    "display_url",
    "make_engine",
    "make_page_sessionmaker",
    "make_sessionmaker",
    "parse_url",
    "readers_never_wait",
    "sqlite_path",
    "translate_errors",
]

DATABASE_URL_ENV = "JIXIAO_DATABASE_URL"
DATA_DIR_ENV = "JIXIAO_DATA_DIR"
SQLITE_BUSY_TIMEOUT_MS = 10_000
"""How long a SQLite writer waits for another writer before giving up."""
WRITE_OPTION = "jixiao_write"
"""Execution option: on SQLite, begin transactions with ``BEGIN IMMEDIATE``."""

CONFLICT_MESSAGE = "数据已被他人修改（在您打开之后），您的修改没有保存"
CONFLICT_HINT = "请刷新页面，查看最新内容后再修改。"


def data_dir() -> Path:
    """Where the embedded database lives (not created here)."""
    configured = os.environ.get(DATA_DIR_ENV)
    if configured:
        return Path(configured).expanduser()
    return Path(platformdirs.user_data_dir("jixiao", appauthor=False))


def database_url(url: str | None = None) -> str:
    """The URL to use: ``url``, else ``$JIXIAO_DATABASE_URL``, else the default SQLite file."""
    if url:
        return url
    configured = os.environ.get(DATABASE_URL_ENV, "").strip()
    if configured:
        return configured
    return URL.create("sqlite", database=str(data_dir() / "jixiao.db")).render_as_string()


def parse_url(url: str | None = None) -> URL:
    """The resolved URL, with ``postgresql://`` (and ``postgres://``) meaning psycopg 3."""
    text = database_url(url)
    try:
        parsed = make_url(text)
    except ArgumentError:
        raise StoreError(
            "数据库地址格式有误",
            hint="例如 sqlite:////路径/jixiao.db 或 postgresql://用户@主机:5432/数据库名。",
        ) from None
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise StoreError(
            f"不支持的数据库类型：{parsed.get_backend_name()}",
            hint="jixiao 支持 SQLite（默认）和 PostgreSQL。",
        )
    return parsed


def display_url(url: str | URL | None = None) -> str:
    """The URL for messages, with the password hidden."""
    parsed = url if isinstance(url, URL) else parse_url(url)
    return parsed.render_as_string(hide_password=True)


def _json_dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def make_engine(url: str | None = None, **kwargs: Any) -> Engine:
    """An engine for ``url`` (see ``database_url``). SQLite gets WAL, foreign keys and a busy
    timeout on every connection, and its parent directory is created."""
    parsed = parse_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed, **kwargs)
    kwargs.setdefault("pool_pre_ping", True)
    return create_engine(parsed, json_serializer=_json_dumps, **kwargs)


def sqlite_path(parsed: URL) -> Path | None:
    """The file of a SQLite URL; ``None`` for an in-memory database."""
    database = parsed.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database)


def _sqlite_engine(parsed: URL, **kwargs: Any) -> Engine:
    path = sqlite_path(parsed)
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(
                f"无法创建数据目录 {path.parent}（{os_reason(exc)}）",
                hint=f"请设置 {DATA_DIR_ENV} 或 {DATABASE_URL_ENV}。",
            ) from None
    connect_args = kwargs.pop("connect_args", {})
    connect_args.setdefault("timeout", SQLITE_BUSY_TIMEOUT_MS / 1000)
    engine = create_engine(parsed, json_serializer=_json_dumps, connect_args=connect_args, **kwargs)
    event.listen(engine, "connect", _sqlite_on_connect)
    event.listen(engine, "begin", _sqlite_on_begin)
    return engine


def _sqlite_on_connect(dbapi_connection: Any, connection_record: Any) -> None:
    # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin (the module's
    # own handling defers BEGIN and breaks SAVEPOINT and transactional DDL).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    finally:
        cursor.close()


def _sqlite_on_begin(connection: Any) -> None:
    immediate = connection.get_execution_options().get(WRITE_OPTION, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_sessionmaker(engine: Engine, *, write: bool = False) -> sessionmaker[Session]:
    """Sessions that keep loaded objects usable after commit (web handlers render them).

    ``write=True`` is for transactions that read and then write (a form being saved): on SQLite
    they begin with ``BEGIN IMMEDIATE``, so concurrent writers queue (up to the busy timeout)
    instead of failing when another writer committed after their first read. Read-only work
    should use the default sessions, which never wait. PostgreSQL is the same either way.
    """
    bind = engine.execution_options(**{WRITE_OPTION: True}) if write else engine
    return sessionmaker(bind, expire_on_commit=False)


def readers_never_wait(engine: Engine) -> bool:
    """Whether a reading query can never wait for a writer: PostgreSQL (MVCC), SQLite in WAL
    mode. A SQLite file where WAL could not be turned on (some network file systems) keeps a
    rollback journal, where a reader waits (up to the busy timeout) while a writer commits."""
    if engine.dialect.name != "sqlite":
        return True
    with engine.connect() as connection:
        mode = connection.exec_driver_sql("PRAGMA journal_mode").scalar()
    return str(mode).lower() == "wal"


def make_page_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    """Sessions for pages that only read. On PostgreSQL without a transaction: each statement
    sees the data committed before it, as it does inside a READ COMMITTED transaction too, and
    the BEGIN and ROLLBACK round trips are saved (a fifth of a cached page's time there, with
    the database on the same machine). On SQLite the plain read sessions (a transaction costs
    nothing there and keeps one snapshot for the whole page)."""
    if engine.dialect.name == "postgresql":
        return sessionmaker(
            engine.execution_options(isolation_level="AUTOCOMMIT"), expire_on_commit=False
        )
    return make_sessionmaker(engine)


@contextmanager
def translate_errors(url: str | URL | None = None, *, any_error: bool = False) -> Iterator[None]:
    """Turn database exceptions into ``StoreError``s with Chinese messages: a concurrent change
    (``ConflictError``), a constraint, a busy or unreachable database, and with ``any_error``
    every other database error too. ``url`` is named (without password) in connection errors.
    """
    where = "" if url is None else f"（{display_url(url)}）"
    try:
        yield
    except StaleDataError:
        raise ConflictError(CONFLICT_MESSAGE, hint=CONFLICT_HINT) from None
    except IntegrityError as exc:
        raise StoreError(
            "数据不符合数据库的约束（例如名称重复或引用了不存在的记录），没有保存",
            hint=f"详细信息：{_first_line(exc.orig)}",
        ) from None
    except DBAPIError as exc:
        detail = _first_line(exc.orig)
        if str(getattr(exc.orig, "sqlstate", "") or "").startswith("40"):
            # PostgreSQL gave up one of two transactions (serialization failure, deadlock):
            # to the user it is the same as a concurrent change.
            raise ConflictError(CONFLICT_MESSAGE, hint=CONFLICT_HINT) from None
        if getattr(exc.orig, "sqlite_errorname", "") == "SQLITE_BUSY_SNAPSHOT":
            # SQLite's form of a stale read: another connection wrote after this transaction
            # began reading, so it may not write (write sessions avoid this: make_sessionmaker).
            raise ConflictError(CONFLICT_MESSAGE, hint=CONFLICT_HINT) from None
        if "database is locked" in detail:
            raise StoreError("数据库正忙（另一个写入尚未完成）", hint="请稍后重试。") from None
        if _is_connection_error(exc):
            raise StoreError(
                f"无法连接数据库{where}",
                hint=f"请确认数据库服务已启动、地址和权限正确。详细信息：{detail}",
            ) from None
        if any_error:
            raise StoreError(f"数据库操作失败{where}", hint=f"详细信息：{detail}") from None
        raise


def _is_connection_error(exc: DBAPIError) -> bool:
    """The server cannot be reached or the file cannot be opened (not: a failing statement)."""
    if exc.connection_invalidated:
        return True
    orig = exc.orig
    module = type(orig).__module__
    if module.startswith("psycopg"):
        names = {cls.__name__ for cls in type(orig).__mro__}
        sqlstate = getattr(orig, "sqlstate", None)
        return "OperationalError" in names and (sqlstate is None or sqlstate.startswith("08"))
    return module == "sqlite3" and "unable to open database file" in str(orig)


def _first_line(value: object) -> str:
    text = str(value).strip()
    return text.splitlines()[0] if text else type(value).__name__


def commit(session: Session) -> None:
    """Commit; a concurrent change (optimistic locking) raises ``ConflictError``. The session
    is rolled back on any error, so it can be used again."""
    try:
        with translate_errors():
            session.commit()
    except BaseException:
        with suppress(Exception):  # the original error says more than a failed rollback
            session.rollback()
        raise
