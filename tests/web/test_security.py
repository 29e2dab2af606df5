"""The workbench against hostile clients: every route of the route table for every role
(so a new route is covered without anyone remembering to), CSRF on every state-changing
route, the security headers, log-out that really ends a session, the log-in limiter shared by
worker processes, request body limits, and imports refused for another unit's document."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from jixiao.store.models import LoginFailureRow, WebSessionRow
from jixiao.web import create_app
from jixiao.web.security import MAX_FORM_BYTES
from tests.conftest import SEEDS
from tests.web.conftest import PASSWORDS, Login

PUBLIC = {"/login", "/api/session", "/openapi.json", "/api/docs", "/api/redoc", "/favicon.ico"}
PARAMS = {"document_id": "1", "project_id": "1", "user_id": "1", "kind": "json"}
ROLES = ("danwei", "shenhe", "admin")
HEADERS = {
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
}


def routes(app: FastAPI) -> Iterator[tuple[str, str]]:
    """(method, path) of every route, with path parameters filled in."""

    def walk(items: list[Any]) -> Iterator[Any]:
        for route in items:
            if type(route).__name__ == "_IncludedRouter":
                yield from walk(route.original_router.routes)
            else:
                yield route

    for route in walk(list(app.routes)):
        methods = getattr(route, "methods", None) or set()
        path = route.path.replace("{action}", "submit")
        for name, value in PARAMS.items():
            path = path.replace("{" + name + "}", value)
        for method in sorted(methods - {"HEAD"}):
            yield method, path


def _assert_headers(response: Any, path: str) -> None:
    for name, value in HEADERS.items():
        assert response.headers.get(name) == value, (path, name)
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"], path
    assert "script-src 'self'" in response.headers["content-security-policy"], path
    assert response.headers.get("cache-control") == "no-store", path


def test_route_table_is_walked(app: FastAPI) -> None:
    found = set(routes(app))
    assert ("POST", "/api/login") in found and ("PUT", "/api/projects/1") in found
    assert len(found) > 40


def test_every_route_anonymous(app: FastAPI) -> None:
    client = TestClient(app, follow_redirects=False)
    for method, path in routes(app):
        response = client.request(method, path)
        assert response.status_code < 500, (method, path, response.text)
        _assert_headers(response, path)
        if method != "GET":
            assert response.status_code == 403, (method, path)  # no CSRF token
            assert "CSRF" in response.text
        elif path not in PUBLIC:
            assert response.status_code in (401, 303), (method, path)


@pytest.mark.parametrize("role", ROLES)
def test_every_route_for_each_role(login: Login, app: FastAPI, role: str) -> None:
    client = login(role)
    client.follow_redirects = False
    token = client.headers.pop("X-CSRF-Token")
    for method, path in routes(app):
        if method == "GET":
            response = client.get(path)
            assert response.status_code < 500, (role, path, response.text)
            assert response.status_code != 401, (role, path)  # still signed in
            _assert_headers(response, path)
            continue
        # Every state-changing route refuses a request without the session's CSRF token,
        # and one with another token.
        for headers in ({}, {"X-CSRF-Token": "x" + token}):
            response = client.request(method, path, headers=headers, json={})
            assert response.status_code == 403, (role, method, path, response.text)
            _assert_headers(response, path)
    assert client.get("/api/me").status_code == 200


def test_logout_ends_the_session_for_a_copied_cookie(login: Login, app: FastAPI) -> None:
    client = login("danwei")
    copy = TestClient(app)
    copy.cookies.update(client.cookies)
    assert copy.get("/api/me").status_code == 200
    assert client.post("/api/logout").status_code == 204
    assert copy.get("/api/me").status_code == 401  # the copy no longer opens anything
    assert copy.get("/", follow_redirects=False).status_code == 303


def test_deactivation_ends_the_session(login: Login, app: FastAPI) -> None:
    unit = login("danwei")
    me = unit.get("/api/me").json()
    admin = login("admin")
    response = admin.patch(f"/api/admin/users/{me['id']}", json={"active": False})
    assert response.status_code == 200, response.text
    assert unit.get("/api/me").status_code == 401
    sessions: sessionmaker[Session] = app.state.sessions[0]
    with sessions() as db:
        open_rows = db.scalar(
            select(func.count()).select_from(WebSessionRow).where(WebSessionRow.user_id == me["id"])
        )
    assert open_rows == 0


def _fresh_client(app: FastAPI) -> TestClient:
    client = TestClient(app)
    client.headers["X-CSRF-Token"] = client.get("/api/session").json()["csrf_token"]
    return client


def test_limiter_per_address_and_shared_by_workers(app: FastAPI, db_url: str) -> None:
    client = _fresh_client(app)
    codes = [
        client.post("/api/login", json={"username": f"u{n}", "password": "x"}).status_code
        for n in range(21)
    ]
    assert codes == [401] * 20 + [429]  # 20 user names from one address: spraying stops
    # A second worker process (another app on the same database) sees the same count.
    second = create_app(db_url, secret="test-secret")
    try:
        other = _fresh_client(second)
        right = {"username": "danwei", "password": PASSWORDS["danwei"]}
        assert other.post("/api/login", json=right).status_code == 429
    finally:
        second.state.engine.dispose()


def test_limiter_table_stays_bounded(app: FastAPI) -> None:
    client = _fresh_client(app)
    for n in range(30):  # blocked attempts are not stored
        client.post("/api/login", json={"username": f"name-{n}", "password": "x"})
    sessions: sessionmaker[Session] = app.state.sessions[0]
    with sessions() as db:
        rows = db.scalar(select(func.count()).select_from(LoginFailureRow))
        longest = db.scalar(select(func.max(func.length(LoginFailureRow.key))))
    assert rows == 3 * 20  # three keys per failure, up to the per-address limit
    assert longest == 64


def test_login_fields_and_bodies_are_limited(app: FastAPI) -> None:
    client = _fresh_client(app)
    huge = client.post("/api/login", json={"username": "x" * 100_000, "password": "x"})
    assert huge.status_code == 422
    assert len(huge.content) < 2000  # the input is not echoed back
    big = client.post(
        "/api/login",
        content=b"{" + b" " * (MAX_FORM_BYTES + 10) + b"}",
        headers={"Content-Type": "application/json"},
    )
    assert big.status_code == 413 and "请求内容过大" in big.json()["detail"]

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted while streaming
        for _ in range(3):
            yield b" " * MAX_FORM_BYTES

    streamed = client.post(
        "/api/login", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert streamed.status_code == 413
    lying = client.post(
        "/api/login",
        content=b"{}",
        headers={"Content-Type": "application/json", "Content-Length": "999999999"},
    )
    assert lying.status_code == 413


def test_import_of_another_units_document_is_refused(login: Login) -> None:
    seed = SEEDS["003"]
    foreign = seed.read_bytes().replace(b"483001", b"777001")
    unit = login("danwei")
    response = unit.post("/api/documents", files={"file": (seed.name, foreign, "text/plain")})
    assert response.status_code == 403
    assert "777001" in response.json()["detail"] and "不是您负责的单位" in response.json()["detail"]
    nobody = login("other")  # a unit user without units imports nothing
    response = nobody.post(
        "/api/documents", files={"file": (seed.name, seed.read_bytes(), "text/plain")}
    )
    assert response.status_code == 403 and "没有分配单位" in response.json()["detail"]


def test_https_setting_secures_the_cookie(db_url: str) -> None:
    app = create_app(db_url, secret="test-secret", https=True)
    try:
        client = TestClient(app, base_url="https://testserver")
        response = client.get("/api/session")
        assert "secure" in response.headers["set-cookie"].lower()
        assert response.headers["strict-transport-security"].startswith("max-age=")
    finally:
        app.state.engine.dispose()


def test_an_unexpected_error_is_a_chinese_500(
    login: Login, monkeypatch: pytest.MonkeyPatch
) -> None:
    import jixiao.web.api

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    client = login("danwei")
    monkeypatch.setattr(jixiao.web.api, "import_document", broken)
    quiet = TestClient(client.app, raise_server_exceptions=False)
    quiet.cookies.update(client.cookies)
    quiet.headers["X-CSRF-Token"] = client.headers["X-CSRF-Token"]
    response = quiet.post("/api/documents", files={"file": ("a.txt", b"x", "text/plain")})
    assert response.status_code == 500
    assert "服务器内部错误" in response.json()["detail"]
    assert "boom" not in response.text and "Internal Server Error" not in response.text


def test_a_corrupted_xlsx_import_is_a_chinese_400(login: Login) -> None:
    from tests.hostile.corpus import generate

    item = next(i for i in generate("xlsx", 1) if i.label == "xlsx/member-flip/0")
    client = login("danwei")
    response = client.post(
        "/api/documents", files={"file": ("表.xlsx", item.data, "application/octet-stream")}
    )
    assert response.status_code == 400
    assert (
        "表.xlsx：Excel 文件" in response.json()["detail"] and "损坏" in response.json()["detail"]
    )


def test_login_page_with_an_overlong_name_answers_the_page(app: FastAPI) -> None:
    client = TestClient(app)
    page = client.get("/login")
    token = page.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    response = client.post(
        "/login", data={"csrf_token": token, "username": "x" * 5000, "password": "x"}
    )
    assert response.status_code == 401
    assert "用户名或密码错误" in response.text and "x" * 100 not in response.text
