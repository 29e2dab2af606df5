"""Optimistic locking: two people editing the same project cannot overwrite each other.

The web pattern: a request loads a project and ends its transaction (the page is shown), a later
request saves the edited object. Sessions from ``make_sessionmaker`` keep loaded objects after
commit, so ``_load`` below models "the page is open".
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

import jixiao
from jixiao.store import (
    ConflictError,
    StoreError,
    commit,
    load_document,
    make_sessionmaker,
    store_document,
)
from jixiao.store.convert import indicator_row
from jixiao.store.db import translate_errors
from jixiao.store.models import DocumentRow, ProjectRow
from tests.conftest import SEEDS


@pytest.fixture
def project_id(engine: Engine) -> int:
    with Session(engine) as session:
        row = store_document(session, jixiao.read_path(SEEDS["000"]))
        commit(session)
        return row.projects[0].id


def _load(session: Session, project_id: int) -> ProjectRow:
    """The project with its indicators, read in a transaction that is then ended."""
    project = session.get_one(ProjectRow, project_id)
    project.indicators  # noqa: B018  (loads them)
    commit(session)
    return project


def test_second_commit_of_the_same_project_is_refused(engine: Engine, project_id: int) -> None:
    sessions = make_sessionmaker(engine)
    with sessions() as first, sessions() as second:
        mine = _load(first, project_id)
        theirs = _load(second, project_id)
        assert mine.version == theirs.version == 1
        mine.name = "甲改的名称"
        theirs.budget_total = Decimal("99.99")
        commit(first)
        with pytest.raises(ConflictError, match="已被他人修改") as caught:
            commit(second)
        assert isinstance(caught.value, StoreError)
        assert "刷新" in str(caught.value)
        # The session is usable again, and the first change survived.
        fresh = second.get_one(ProjectRow, project_id, populate_existing=True)
        assert (fresh.name, fresh.version) == ("甲改的名称", 2)
        assert fresh.budget_total == Decimal("72.64")
        # Editing the fresh copy works.
        fresh.budget_total = Decimal("99.99")
        commit(second)
        assert fresh.version == 3


def test_interleaved_transactions_conflict_too(engine: Engine, project_id: int) -> None:
    """Both read in open transactions: PostgreSQL finds the stale version, SQLite refuses the
    write of a transaction whose snapshot is stale (SQLITE_BUSY_SNAPSHOT); both are conflicts."""
    with Session(engine) as first, Session(engine) as second:
        first.get_one(ProjectRow, project_id).name = "甲"
        second.get_one(ProjectRow, project_id).name = "乙"
        commit(first)
        with pytest.raises(ConflictError, match="已被他人修改"):
            commit(second)


def test_different_projects_do_not_conflict(engine: Engine, project_id: int) -> None:
    sessions = make_sessionmaker(engine)
    with sessions() as first, sessions() as second:
        mine = _load(first, project_id)
        theirs = _load(second, project_id + 1)
        mine.name = "甲"
        theirs.name = "乙"
        commit(first)
        commit(second)


def test_indicator_changes_move_the_project_version(engine: Engine, project_id: int) -> None:
    sessions = make_sessionmaker(engine)
    with sessions() as first, sessions() as second:
        mine = _load(first, project_id)
        theirs = _load(second, project_id)
        mine.indicators[0].value_text = "≥99%"
        theirs.indicators[1].value_text = "≤10天"
        commit(first)
        assert mine.version == 2
        with pytest.raises(ConflictError):
            commit(second)


def test_adding_removing_and_reordering_indicators(engine: Engine, project_id: int) -> None:
    with Session(engine) as session:
        project = session.get_one(ProjectRow, project_id)
        document_id = project.document_id
        doc = load_document(session, document_id)
        new = indicator_row(doc.projects[0].indicators[0].model_copy(update={"name": "新"}), 9)
        project.indicators.append(new)
        commit(session)
        assert project.version == 2
        del project.indicators[0]
        commit(session)
        assert project.version == 3
        project.indicators[0].position, project.indicators[1].position = 1, 0
        commit(session)
        assert project.version == 4
        session.expunge_all()
        names = [i.name for i in load_document(session, document_id).projects[0].indicators]
    assert names[-1] == "新"
    assert len(names) == len(doc.projects[0].indicators)


def test_document_status_is_locked_too(engine: Engine, project_id: int) -> None:
    sessions = make_sessionmaker(engine)
    with sessions() as first, sessions() as second:
        query = select(DocumentRow)
        mine, theirs = first.scalars(query).one(), second.scalars(query).one()
        commit(first)
        commit(second)
        mine.status = "submitted"
        theirs.status = "approved"
        commit(first)
        with pytest.raises(ConflictError):
            commit(second)


def test_constraint_errors_are_chinese(engine: Engine, project_id: int) -> None:
    with Session(engine) as session:
        session.get_one(DocumentRow, 1).status = "bogus"  # type: ignore[assignment]
        with pytest.raises(StoreError, match="约束"):
            commit(session)


def test_concurrent_writers_lose_no_update(engine: Engine, project_id: int, backend: str) -> None:
    """Threads add 1 to the same amount in write sessions, retrying on conflict (PostgreSQL
    reports one when two read the same version; SQLite's BEGIN IMMEDIATE queues them)."""
    writers = make_sessionmaker(engine, write=True)
    threads, rounds = 4, 8

    def work() -> int:
        conflicts = 0
        for _ in range(rounds):
            for _attempt in range(100):
                with writers() as session:
                    project = session.get_one(ProjectRow, project_id)
                    project.budget_other = (project.budget_other or Decimal(0)) + 1
                    try:
                        commit(session)
                        break
                    except ConflictError:
                        conflicts += 1
        return conflicts

    with ThreadPoolExecutor(threads) as pool:
        conflicts = sum(pool.map(lambda _: work(), range(threads)))
    with Session(engine) as session:
        project = session.get_one(ProjectRow, project_id)
        assert project.budget_other == Decimal(threads * rounds)
        assert project.version == 1 + threads * rounds
    if backend == "sqlite":
        assert conflicts == 0  # writers queued behind BEGIN IMMEDIATE


@pytest.mark.parametrize("backend", ["postgresql"])
def test_a_postgres_deadlock_is_a_conflict(engine: Engine, project_id: int) -> None:
    """Two transactions locking two projects in opposite order: PostgreSQL aborts one
    (SQLSTATE 40P01), which users see as a concurrent change, not as a server error.
    (SQLite has one writer at a time, so it cannot deadlock.)"""
    first, second = Session(engine), Session(engine)
    a, b = project_id, project_id + 1
    outcomes: list[str] = []

    def save(session: Session, project: int, name: str) -> None:
        session.get_one(ProjectRow, project).name = name
        try:
            with translate_errors():
                session.flush()
            outcomes.append("saved")
        except ConflictError:
            session.rollback()
            outcomes.append("conflict")

    try:
        save(first, a, "甲")
        save(second, b, "乙")
        with ThreadPoolExecutor(1) as pool:
            crossing = pool.submit(save, first, b, "甲2")  # waits for second's lock on b
            time.sleep(0.5)
            save(second, a, "乙2")  # waits for first's lock on a: a deadlock
            crossing.result(timeout=30)
    finally:
        first.close()
        second.close()
    assert sorted(outcomes) == ["conflict", "saved", "saved", "saved"]
