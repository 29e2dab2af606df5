"""The error contract seen from outside: the status a class carries, the message once and the
hint once (``JixiaoError.__str__`` appends 处理建议, so handlers that also send the hint on its
own used to show it twice)."""

from __future__ import annotations

from fastapi import FastAPI

from jixiao.store.db import CONFLICT_HINT
from tests.conftest import SEEDS
from tests.web.conftest import Login
from tests.web.test_pages import _form, _unescape, browser

NO_UNITS_HINT = "请联系管理员为您的账号分配所属单位。"


def test_error_page_shows_the_hint_once(app: FastAPI) -> None:
    outsider, token = browser(app, "other")  # a unit user without units
    seed = SEEDS["003"]
    refused = outsider.post(
        "/import",
        data={"csrf_token": token},
        files={"file": (seed.name, seed.read_bytes(), "text/plain")},
    )
    assert refused.status_code == 403 and "没有分配单位" in refused.text
    assert refused.text.count(NO_UNITS_HINT) == 1


def test_api_sends_the_message_and_the_hint_apart(login: Login) -> None:
    seed = SEEDS["003"]
    refused = login("other").post(
        "/api/documents", files={"file": (seed.name, seed.read_bytes(), "text/plain")}
    )
    body = refused.json()
    assert refused.status_code == 403
    assert body["hint"] == NO_UNITS_HINT
    assert "没有分配单位" in body["detail"]
    assert NO_UNITS_HINT not in body["detail"] and "处理建议" not in body["detail"]


def test_editor_conflict_shows_the_hint_once(app: FastAPI) -> None:
    client, _ = browser(app, "danwei")
    fields = _unescape(_form(client.get("/projects/1").text))
    assert client.post("/projects/1", data={**fields, "name": ["新名称"]}).status_code == 200
    stale = client.post("/projects/1", data={**fields, "name": ["别的名称"]})
    assert stale.status_code == 409 and "该项目已被他人修改" in stale.text
    assert stale.text.count(CONFLICT_HINT) == 1


def test_status_codes_follow_the_error_class(login: Login) -> None:
    unit, reviewer = login("danwei"), login("shenhe")
    doc_id = unit.get("/api/documents").json()[0]["id"]
    flow = f"/api/documents/{doc_id}/workflow"
    comments = f"/api/documents/{doc_id}/comments"
    assert reviewer.post(f"{flow}/submit", json={}).status_code == 403  # Forbidden: the role
    assert unit.post(f"{flow}/submit", json={}).status_code == 200
    twice = unit.post(f"{flow}/submit", json={})  # StatusConflict: not in this status
    assert twice.status_code == 409 and "不能提交审核" in twice.json()["detail"]
    assert reviewer.post(f"{flow}/start", json={}).status_code == 200
    empty = reviewer.post(comments, json={"body": "  "})  # InvalidInput: bad input
    assert empty.status_code == 400 and "意见内容不能为空" in empty.json()["detail"]
    no_reason = reviewer.post(f"{flow}/return", json={})
    assert no_reason.status_code == 400 and "退回意见" in no_reason.json()["detail"]
    assert reviewer.post(f"{flow}/bogus", json={}).status_code == 404  # NotFoundError
