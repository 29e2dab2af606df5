"""The workbench fixtures of ``tests/web`` (a prepared database per test, signed-in clients,
on SQLite and on PostgreSQL) for the comparison page."""

from __future__ import annotations

from tests.web.conftest import (  # noqa: F401
    app,
    backend,
    db_url,
    fresh_database,
    login,
    postgres_copies,
    sqlite_copies,
)
