"""The workbench fixtures of ``tests/web`` (a prepared database per test, signed-in clients),
used here on SQLite only: the comparison page adds no SQL of its own beyond what the web
tests already run on both backends."""

from __future__ import annotations

import pytest

from tests.web.conftest import (  # noqa: F401
    app,
    db_url,
    fresh_database,
    login,
    postgres_copies,
    sqlite_copies,
)


@pytest.fixture
def backend() -> str:
    return "sqlite"
