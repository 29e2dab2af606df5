"""The workbench on a fresh database with the seeds and the demo users, plus two users
assigned to no unit (to see access being refused).

Every test that uses ``db_url`` (hence ``app`` and ``login``) runs twice: on SQLite and on
PostgreSQL (the store's rule applies: without a reachable server the PostgreSQL half is
skipped, and fails instead under CI=true or JIXIAO_REQUIRE_POSTGRES=1). Preparing a database
(migrating, loading the four seeds, hashing passwords) takes seconds, so it is done once per
backend and copied for each test: a file copy for SQLite, ``CREATE DATABASE … TEMPLATE`` for
PostgreSQL.
"""

from __future__ import annotations

import itertools
import os
import secrets
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from psycopg import sql

from jixiao.store.db import make_engine, make_sessionmaker
from jixiao.store.migrate import upgrade
from jixiao.web import create_app
from jixiao.workbench.auth import create_user
from jixiao.workbench.demo import setup_demo
from tests.store.conftest import BACKENDS, _find_admin, libpq, unavailable, with_database

# The workflow tests written before the quality gate submit seeds with 错误-level findings;
# the gate's own tests (test_quality_gate.py, test_browser_workbench.py) turn it on.
os.environ.setdefault("JIXIAO_QUALITY_GATE", "off")

PASSWORDS = {
    "danwei": "danwei-demo",
    "shenhe": "shenhe-demo",
    "admin": "admin-demo",
    "other": "other-pass",
    "other_reviewer": "other-pass",
}


def prepare(url: str, *, load_seeds: bool = True) -> None:
    upgrade(url)
    engine = make_engine(url)
    with make_sessionmaker(engine, write=True)() as session:
        setup_demo(session, load_seeds=load_seeds)
        create_user(session, "other", PASSWORDS["other"], "unit_filler")
        create_user(session, "other_reviewer", PASSWORDS["other_reviewer"], "reviewer")
        session.commit()
    engine.dispose()


class SqliteCopies:
    """Prepared SQLite files (with and without the seeds), copied per test."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.templates: dict[bool, Path] = {}

    def copy(self, target: Path, *, load_seeds: bool = True) -> str:
        if load_seeds not in self.templates:
            path = self.root / f"template-{'seeds' if load_seeds else 'empty'}.db"
            prepare(f"sqlite:///{path}", load_seeds=load_seeds)
            self.templates[load_seeds] = path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(self.templates[load_seeds], target)
        return f"sqlite:///{target}"


class PostgresCopies:
    """Prepared PostgreSQL template databases, copied per test and dropped afterwards."""

    def __init__(self, admin: str) -> None:
        self.admin = admin
        self.prefix = f"jixiao_web_{os.getpid()}_{secrets.token_hex(3)}"
        self.templates: dict[bool, str] = {}
        self.counter = itertools.count()
        self.made: list[str] = []

    def _execute(self, statement: sql.Composable) -> None:
        with psycopg.connect(libpq(self.admin), autocommit=True) as conn:
            conn.execute(statement)

    def _create(self, name: str, template: str | None = None) -> str:
        statement = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
        if template is not None:
            statement = sql.SQL("{} TEMPLATE {}").format(statement, sql.Identifier(template))
        self._execute(statement)
        self.made.append(name)
        return with_database(self.admin, name)

    def copy(self, *, load_seeds: bool = True) -> str:
        if load_seeds not in self.templates:
            name = f"{self.prefix}_tpl_{'seeds' if load_seeds else 'empty'}"
            prepare(self._create(name), load_seeds=load_seeds)
            self.templates[load_seeds] = name
        return self._create(f"{self.prefix}_{next(self.counter)}", self.templates[load_seeds])

    def drop(self, url: str) -> None:
        name = url.rsplit("/", 1)[1]
        self._execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        if name in self.made:
            self.made.remove(name)

    def drop_all(self) -> None:
        for name in list(self.made):
            self.drop(f"/{name}")


@pytest.fixture(scope="session")
def sqlite_copies(tmp_path_factory: pytest.TempPathFactory) -> SqliteCopies:
    return SqliteCopies(tmp_path_factory.mktemp("web-templates"))


@pytest.fixture(scope="session")
def postgres_copies() -> Iterator[PostgresCopies]:
    admin, problems = _find_admin()
    if admin is None:
        unavailable(f"PostgreSQL not reachable ({'; '.join(problems)})")
        raise AssertionError  # unreachable: unavailable() skips or fails
    copies = PostgresCopies(admin)
    try:
        yield copies
    finally:
        copies.drop_all()


FreshDatabase = Callable[..., str]


@contextmanager
def fresh_databases(
    backend: str, request: pytest.FixtureRequest, tmp: Path
) -> Iterator[FreshDatabase]:
    """A maker of prepared databases on ``backend`` (dropped when the fixture ends)."""
    made: list[str] = []

    def make(*, load_seeds: bool = True) -> str:
        if backend == "sqlite":
            url = request.getfixturevalue("sqlite_copies").copy(
                tmp / f"web-{len(made)}.db", load_seeds=load_seeds
            )
        else:
            url = request.getfixturevalue("postgres_copies").copy(load_seeds=load_seeds)
        made.append(url)
        return url

    try:
        yield make
    finally:
        if backend == "postgresql":
            copies: PostgresCopies = request.getfixturevalue("postgres_copies")
            for url in made:
                copies.drop(url)


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def fresh_database(
    backend: str, request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[FreshDatabase]:
    with fresh_databases(backend, request, tmp_path) as make:
        yield make


@pytest.fixture
def db_url(fresh_database: FreshDatabase) -> str:
    """A prepared database (seeds and test users) for this test alone."""
    return fresh_database()


@pytest.fixture
def app(db_url: str) -> Iterator[FastAPI]:
    app = create_app(db_url, secret="test-secret")
    yield app
    app.state.engine.dispose()


Login = Callable[[str], TestClient]


@pytest.fixture
def login(app: FastAPI) -> Iterator[Login]:
    """A client signed in (through the API) as the named user, sending the CSRF header."""
    clients: list[TestClient] = []

    def make(username: str) -> TestClient:
        client = TestClient(app)
        clients.append(client)
        token = client.get("/api/session").json()["csrf_token"]
        client.headers["X-CSRF-Token"] = token
        response = client.post(
            "/api/login", json={"username": username, "password": PASSWORDS[username]}
        )
        assert response.status_code == 200, response.text
        client.headers["X-CSRF-Token"] = response.json()["csrf_token"]
        return client

    yield make
    for client in clients:
        client.close()
