"""Every store test runs on SQLite (a temporary file) and on PostgreSQL.

PostgreSQL: the server named by ``$JIXIAO_TEST_POSTGRES_URL`` (an admin URL), else the local
server at 127.0.0.1:5432 (database ``test``) as ``postgres`` or as ``root``. The session creates
one uniquely named database, empties it before each test and drops it at the end.

The rule when no PostgreSQL server is reachable: with ``CI=true`` or
``JIXIAO_REQUIRE_POSTGRES=1`` every PostgreSQL test FAILS (a CI run must not pass without
PostgreSQL); otherwise the PostgreSQL tests are skipped, each with the reason.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg import sql
from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from jixiao.store.db import make_engine
from jixiao.store.migrate import head_revision, upgrade

ADMIN_URL_ENV = "JIXIAO_TEST_POSTGRES_URL"
LOCAL_ADMIN_URLS = (
    "postgresql://postgres@127.0.0.1:5432/test",
    "postgresql://root@127.0.0.1:5432/test",
)
BACKENDS = ("sqlite", "postgresql")


def postgres_required() -> bool:
    return (
        os.environ.get("CI", "").strip().lower() in ("true", "1")
        or os.environ.get("JIXIAO_REQUIRE_POSTGRES", "").strip() == "1"
    )


def unavailable(reason: str) -> None:
    """Fail when PostgreSQL is required (CI), skip with ``reason`` otherwise."""
    if postgres_required():
        pytest.fail(f"{reason} (required: CI=true or JIXIAO_REQUIRE_POSTGRES=1)", pytrace=False)
    pytest.skip(reason)


def libpq(url: str) -> str:
    """A SQLAlchemy URL as a libpq connection URL (psycopg's own format)."""
    parsed = make_url(url).set(drivername="postgresql")
    return parsed.render_as_string(hide_password=False)


def with_database(url: str, name: str) -> str:
    return (
        make_url(url)
        .set(drivername="postgresql+psycopg", database=name)
        .render_as_string(hide_password=False)
    )


def _find_admin() -> tuple[str | None, list[str]]:
    configured = os.environ.get(ADMIN_URL_ENV)
    candidates = (configured,) if configured else LOCAL_ADMIN_URLS
    problems = []
    for url in candidates:
        try:
            with psycopg.connect(libpq(url), connect_timeout=3, autocommit=True) as conn:
                conn.execute("SELECT 1")
            return url, problems
        except psycopg.Error as exc:
            shown = make_url(url).render_as_string(hide_password=True)
            problems.append(f"{shown}: {str(exc).strip().splitlines()[0]}")
    return None, problems


@pytest.fixture(scope="session")
def postgres_database() -> Iterator[str]:
    """The URL of a fresh database for this test session (dropped afterwards)."""
    admin, problems = _find_admin()
    if admin is None:
        unavailable(f"PostgreSQL not reachable ({'; '.join(problems)})")
        raise AssertionError  # unreachable: unavailable() skips or fails
    name = f"jixiao_test_{os.getpid()}_{secrets.token_hex(4)}"
    with psycopg.connect(libpq(admin), autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield with_database(admin, name)
    finally:
        with psycopg.connect(libpq(admin), autocommit=True) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


def _empty_postgres(url: str) -> None:
    with psycopg.connect(libpq(url), autocommit=True) as conn:
        conn.execute("DROP SCHEMA IF EXISTS public CASCADE")
        conn.execute("CREATE SCHEMA public")


def _clear_postgres(url: str) -> bool:
    """Empty every table if the schema is at the head revision (much faster than migrating
    again); ``False`` if it is not."""
    with psycopg.connect(libpq(url), autocommit=True) as conn:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
            ).fetchall()
        ]
        if "alembic_version" not in tables:
            return False
        at = conn.execute("SELECT version_num FROM alembic_version").fetchall()
        if at != [(head_revision(),)]:
            return False
        others = [sql.Identifier(t) for t in tables if t != "alembic_version"]
        if others:
            conn.execute(
                sql.SQL("TRUNCATE {} RESTART IDENTITY CASCADE").format(sql.SQL(", ").join(others))
            )
        return True


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def db_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of an empty database: a SQLite file, or the session's PostgreSQL database."""
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'jixiao.db'}"
    url: str = request.getfixturevalue("postgres_database")
    _empty_postgres(url)
    return url


@pytest.fixture
def migrated_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of a database at the current schema with no rows."""
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path / 'jixiao.db'}"
        upgrade(url)
        return url
    url = request.getfixturevalue("postgres_database")
    if not _clear_postgres(url):
        _empty_postgres(url)
        upgrade(url)
    return url


@pytest.fixture
def engine(migrated_url: str) -> Iterator[Engine]:
    engine = make_engine(migrated_url)
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with Session(engine) as session:
        yield session
