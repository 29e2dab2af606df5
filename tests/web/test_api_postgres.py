"""The main API tests again on PostgreSQL (the store's rule: skipped when no server is
reachable, failing instead under CI=true or JIXIAO_REQUIRE_POSTGRES=1)."""

from __future__ import annotations

import pytest

from tests.store.conftest import _empty_postgres
from tests.store.conftest import postgres_database as postgres_database
from tests.web.conftest import prepare
from tests.web.test_api import test_document_and_project_access as test_pg_access
from tests.web.test_api import test_edit_project_with_optimistic_locking as test_pg_locking
from tests.web.test_api import test_import as test_pg_import
from tests.web.test_api import test_lists_what_each_role_may_see as test_pg_lists
from tests.web.test_api import test_search as test_pg_search
from tests.web.test_api import test_workflow_and_comments as test_pg_workflow

__all__ = [
    "test_pg_access",
    "test_pg_import",
    "test_pg_lists",
    "test_pg_locking",
    "test_pg_search",
    "test_pg_workflow",
]


@pytest.fixture
def db_url(request: pytest.FixtureRequest) -> str:
    """A fresh PostgreSQL database with the seeds and the test users (overrides SQLite)."""
    url: str = request.getfixturevalue("postgres_database")
    _empty_postgres(url)
    prepare(url)
    return url
