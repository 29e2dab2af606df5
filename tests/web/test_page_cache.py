"""The document page and the project editor cache what is the same for every user per document
revision (workbench/snapshot.py): every change shows on the next view, per-user parts never
leak between users, and a write by another process (another worker) invalidates too."""

from __future__ import annotations

import asyncio
import re
from typing import Any

import pytest
from fastapi import FastAPI
from sqlalchemy import select

from jixiao.store.convert import document_from_row, get_document_row
from jixiao.store.db import make_engine, make_sessionmaker
from jixiao.store.models import CommentRow, DocumentRow, ProjectRow
from jixiao.workbench.reports import stored_report
from jixiao.workbench.snapshot import clear_snapshots
from tests.web.conftest import Login
from tests.web.test_pages import TOKEN, browser


def _summary_count(page: str) -> int:
    found = re.search(r"共 (\d+) 个问题", page)
    assert found, "the review summary is on the page"
    return int(found.group(1))


def _stored_count(db_url: str, document_id: int) -> int:
    """The number of findings as stored, read without the pages' cache."""
    engine = make_engine(db_url)
    try:
        with make_sessionmaker(engine)() as session:
            row = get_document_row(session, document_id)
            return stored_report(session, row, document_from_row(row)).summary.findings
    finally:
        engine.dispose()


def _revision(db_url: str, document_id: int) -> tuple[int, int]:
    engine = make_engine(db_url)
    try:
        with make_sessionmaker(engine)() as session:
            row = session.get(DocumentRow, document_id)
            assert row is not None
            return row.revision, row.version
    finally:
        engine.dispose()


def test_an_edit_shows_at_once(app: FastAPI, login: Login) -> None:
    api = login("danwei")
    assert api.get("/documents/1").status_code == 200  # fills the cache
    got = api.get("/api/projects/1").json()
    assert "缓存测试项目名称" not in api.get("/projects/1").text
    project = {**got["project"], "name": "缓存测试项目名称"}
    saved = api.put("/api/projects/1", json={"version": got["version"], "project": project})
    assert saved.status_code == 200
    assert "缓存测试项目名称" in api.get("/documents/1").text
    editor = api.get("/projects/1").text
    assert 'value="缓存测试项目名称"' in editor
    # the form carries the new version: saving it again does not conflict
    version = re.search(r'name="version" value="(\d+)"', editor)
    assert version and int(version.group(1)) == saved.json()["version"]


def test_a_change_of_findings_shows_at_once(app: FastAPI, login: Login, db_url: str) -> None:
    api = login("danwei")
    before = _summary_count(api.get("/documents/1").text)
    assert before == _stored_count(db_url, 1)
    got = api.get("/api/projects/1").json()
    indicators = [{**ind, "value_text": ""} for ind in got["project"]["indicators"]]
    project = {**got["project"], "indicators": indicators}  # every value gone: new findings
    assert api.put("/api/projects/1", json={"version": got["version"], "project": project})
    after = _summary_count(api.get("/documents/1").text)
    assert after == _stored_count(db_url, 1) and after != before
    fixed = api.get("/api/projects/1").json()  # and back again: the findings go
    assert api.put("/api/projects/1", json={"version": fixed["version"], "project": got["project"]})
    assert _summary_count(api.get("/documents/1").text) == before


def test_a_workflow_step_and_a_comment_show_at_once(app: FastAPI) -> None:
    unit, unit_token = browser(app, "danwei")
    reviewer, reviewer_token = browser(app, "shenhe")
    assert 'id="action-submit"' in unit.get("/documents/1").text
    assert 'id="action-start"' not in reviewer.get("/documents/1").text
    unit.post("/documents/1/workflow/submit", data={"csrf_token": unit_token})
    page = unit.get("/documents/1").text
    assert 'id="action-submit"' not in page and "已提交" in page
    assert 'id="action-start"' in reviewer.get("/documents/1").text
    reviewer.post("/documents/1/workflow/start", data={"csrf_token": reviewer_token})
    assert "缓存意见" not in reviewer.get("/projects/1").text
    audited = unit.get("/documents/1").text.count("<td>审核意见</td>")
    reviewer.post(
        "/documents/1/comments",
        data={"csrf_token": reviewer_token, "project_id": "1", "body": "缓存意见"},
    )
    page = unit.get("/documents/1").text
    assert "缓存意见" in page and page.count("<td>审核意见</td>") == audited + 1  # the audit log
    assert "缓存意见" in unit.get("/projects/1").text


def test_users_never_see_each_others_parts(app: FastAPI) -> None:
    unit, unit_token = browser(app, "danwei")
    reviewer, reviewer_token = browser(app, "shenhe")
    admin, admin_token = browser(app, "admin")
    assert unit_token != reviewer_token != admin_token
    for _ in range(2):  # the second round is served from the cache
        for client, token in ((unit, unit_token), (reviewer, reviewer_token), (admin, admin_token)):
            for path in ("/documents/1", "/projects/1"):
                page = client.get(path).text
                tokens = set(TOKEN.findall(page)) | set(re.findall(r'value="([^"]{40,})"', page))
                assert token in tokens and not tokens & (
                    {unit_token, reviewer_token, admin_token} - {token}
                )
        document = unit.get("/documents/1").text
        assert 'id="edit-department"' in document and 'id="action-submit"' in document
        document = reviewer.get("/documents/1").text
        assert 'id="edit-department"' not in document and 'id="action-submit"' not in document
        assert "<fieldset disabled>" in reviewer.get("/projects/1").text
        assert "<fieldset >" in unit.get("/projects/1").text


def test_a_write_by_another_process_invalidates(app: FastAPI, login: Login, db_url: str) -> None:
    api = login("admin")
    assert "另一进程写入的名称" not in api.get("/documents/1").text
    assert "另一进程写入的名称" not in api.get("/projects/1").text
    revision, version = _revision(db_url, 1)
    engine = make_engine(db_url)  # another worker: its own engine, its own session
    try:
        with make_sessionmaker(engine, write=True)() as session:
            project = session.scalars(select(ProjectRow).where(ProjectRow.id == 1)).one()
            project.name = "另一进程写入的名称"
            session.commit()
        assert "另一进程写入的名称" in api.get("/documents/1").text
        assert "另一进程写入的名称" in api.get("/projects/1").text
        assert _revision(db_url, 1)[0] > revision
        with make_sessionmaker(engine, write=True)() as session:
            session.add(CommentRow(document_id=1, body="另一进程的意见"))
            session.commit()
        assert "另一进程的意见" in api.get("/documents/1").text
    finally:
        engine.dispose()
    # the revision is not the optimistic-locking version: a comment does not move it
    assert _revision(db_url, 1)[1] == version


def _on_event_loop() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:  # a worker thread has no running loop
        return False
    return True


def test_a_cached_page_runs_on_the_event_loop_and_a_miss_in_a_worker_thread(
    app: FastAPI, login: Login, monkeypatch: pytest.MonkeyPatch
) -> None:
    """deps.read_page: a miss gives up on the loop before it builds, and builds in a thread."""
    from jixiao.web import deps
    from jixiao.workbench import snapshot

    clear_snapshots()
    api = login("danwei")
    signed_in: list[bool] = []
    built: list[bool] = []
    real_user, real_build = deps.get_user, snapshot._build

    def user(*args: Any, **kwargs: Any) -> Any:
        signed_in.append(_on_event_loop())
        return real_user(*args, **kwargs)

    def build(*args: Any, **kwargs: Any) -> Any:
        built.append(_on_event_loop())
        return real_build(*args, **kwargs)

    monkeypatch.setattr(deps, "get_user", user)
    monkeypatch.setattr(snapshot, "_build", build)
    first = api.get("/documents/1")
    assert first.status_code == 200 and _summary_count(first.text) > 0
    assert signed_in == [True, False]  # tried on the loop, then run again in a thread
    assert built == [False]
    signed_in.clear()
    editor = api.get("/projects/1")  # same revision: cached, served on the loop
    assert editor.status_code == 200 and 'name="version"' in editor.text
    assert signed_in == [True] and built == [False]


def test_pages_stay_off_the_loop_where_a_reader_could_wait(
    app: FastAPI, login: Login, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No WAL (store.db.readers_never_wait): every page view runs in a worker thread."""
    from jixiao.web import deps

    api = login("danwei")
    assert api.get("/documents/1").status_code == 200  # cached now
    app.state.pages_on_loop = False
    signed_in: list[bool] = []
    real_user = deps.get_user

    def user(*args: Any, **kwargs: Any) -> Any:
        signed_in.append(_on_event_loop())
        return real_user(*args, **kwargs)

    monkeypatch.setattr(deps, "get_user", user)
    assert api.get("/documents/1").status_code == 200
    assert api.get("/projects/1").status_code == 200
    assert signed_in == [False, False]
