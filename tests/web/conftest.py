"""The workbench on a fresh SQLite database with the seeds and the demo users, plus two users
assigned to no unit (to see access being refused)."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from jixiao.store.db import make_engine, make_sessionmaker
from jixiao.store.migrate import upgrade
from jixiao.web import create_app
from jixiao.web.auth import create_user
from jixiao.web.demo import setup_demo

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


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A prepared database file, made once; each test gets a copy (migrating and loading the
    seeds takes seconds)."""
    path = tmp_path_factory.mktemp("web-template") / "web.db"
    prepare(f"sqlite:///{path}")
    return path


@pytest.fixture
def db_url(template_db: Path, tmp_path: Path) -> str:
    target = tmp_path / "web.db"
    shutil.copyfile(template_db, target)
    return f"sqlite:///{target}"


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
