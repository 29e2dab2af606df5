"""People management: the 用户管理/单位管理 pages and ``/api/admin/`` (管理员 only), what the
people created there may see and do, deactivation, password resets, and the admin rules (an
admin cannot remove themselves, the last admin stays). Row ids are looked up, never assumed."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from jixiao.store.models import AuditRow
from jixiao.workbench import people
from tests.web.conftest import Login

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
LETING = ("483001", "乐亭县行政审批局本级")
CHENGDE = ("120001", "承德高新区行政审批局本级")


def form_login(app: FastAPI, username: str, password: str) -> tuple[TestClient, str]:
    """A client signed in through the log-in form; returns it and the page's CSRF token."""
    client = TestClient(app)
    token = TOKEN.search(client.get("/login").text)
    assert token
    response = client.post(
        "/login", data={"username": username, "password": password, "csrf_token": token.group(1)}
    )
    assert response.status_code == 200 and "退出" in response.text, response.text
    found = TOKEN.search(response.text)
    assert found
    return client, found.group(1)


def api_login(app: FastAPI, username: str, password: str) -> tuple[TestClient, int]:
    """A client that tried to sign in through the API, and the answer's status."""
    client = TestClient(app)
    client.headers["X-CSRF-Token"] = client.get("/api/session").json()["csrf_token"]
    response = client.post("/api/login", json={"username": username, "password": password})
    if response.status_code == 200:
        client.headers["X-CSRF-Token"] = response.json()["csrf_token"]
    return client, response.status_code


def unit_id(admin: TestClient, code: str) -> int:
    units = admin.get("/api/admin/units").json()
    return int(next(u["id"] for u in units if u["code"] == code))


def user_id(admin: TestClient, username: str) -> int:
    users = admin.get("/api/admin/users").json()
    return int(next(u["id"] for u in users if u["username"] == username))


def documents_of_unit(admin: TestClient, unit_name: str) -> set[int]:
    """The ids of the documents with a project of this unit (as the admin sees them)."""
    return {
        d["id"]
        for d in admin.get("/api/documents").json()
        if any(p["unit"] == unit_name for p in d["projects"])
    }


def create(admin: TestClient, **fields: Any) -> dict[str, Any]:
    response = admin.post("/api/admin/users", json=fields)
    assert response.status_code == 201, response.text
    data: dict[str, Any] = response.json()
    return data


def test_admin_creates_user_via_api_who_sees_only_their_unit(app: FastAPI, login: Login) -> None:
    admin = login("admin")
    leting = unit_id(admin, LETING[0])
    response = admin.post(
        "/api/admin/users",
        json={
            "username": "leting.filler",
            "password": "leting-pass-1",
            "role": "unit_filler",
            "display_name": "乐亭填报人",
            "unit_ids": [leting],
        },
    )
    assert response.status_code == 201
    data = response.json()
    assert data["username"] == "leting.filler" and data["display_name"] == "乐亭填报人"
    assert data["role"] == "unit_filler" and data["role_label"] == "单位填报人"
    assert data["active"] is True
    assert [(u["code"], u["name"]) for u in data["units"]] == [LETING]
    assert "password" not in response.text and "argon2" not in response.text

    expected = documents_of_unit(admin, LETING[1])
    assert len(expected) == 1
    client, status = api_login(app, "leting.filler", "leting-pass-1")
    assert status == 200
    assert client.get("/api/me").json()["units"] == [LETING[1]]
    seen = {d["id"] for d in client.get("/api/documents").json()}
    assert seen == expected
    other = next(d["id"] for d in admin.get("/api/documents").json() if d["id"] not in expected)
    assert client.get(f"/api/documents/{other}").status_code == 403
    # a unit filler is no admin: the new user may not manage people
    assert client.get("/api/admin/users").status_code == 403


def test_admin_creates_user_via_page(app: FastAPI, login: Login) -> None:
    admin_api = login("admin")
    chengde = unit_id(admin_api, CHENGDE[0])
    admin, token = form_login(app, "admin", "admin-demo")
    listing = admin.get("/admin/users")
    assert listing.status_code == 200
    assert "新建用户" in listing.text and "danwei" in listing.text and "示例审核人" in listing.text
    assert f'name="unit_id" value="{chengde}"' in listing.text
    response = admin.post(
        "/admin/users",
        data={
            "csrf_token": token,
            "username": "chengde.reviewer",
            "display_name": "承德审核人",
            "role": "reviewer",
            "password": "chengde-pass",
            "password2": "chengde-pass",
            "unit_id": [str(chengde)],
        },
        follow_redirects=False,
    )
    assert response.status_code == 303
    location = response.headers["location"]
    assert re.fullmatch(r"/admin/users/\d+\?done=created", location)
    shown = admin.get(location)
    assert shown.status_code == 200 and "已创建用户" in shown.text
    assert "编辑用户：chengde.reviewer" in shown.text
    assert f'value="{chengde}" checked' in shown.text

    reviewer, _ = form_login(app, "chengde.reviewer", "chengde-pass")
    home = reviewer.get("/")
    assert "承德审核人（审核人）" in home.text
    expected = documents_of_unit(admin_api, CHENGDE[1])
    links = set(map(int, re.findall(r'href="/documents/(\d+)"', home.text)))
    assert links == expected and len(expected) == 1
    assert 'href="/admin/users"' not in home.text  # no 用户管理 link for non-admins
    assert 'href="/admin/users"' in admin.get("/").text


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"username": "danwei"}, "用户名“danwei”已被使用"),
        ({"username": "DanWei"}, "不区分大小写"),
        ({"password": "short"}, "密码太短：至少需要 8 个字符"),
        ({"role": "boss"}, "角色无效"),
        ({"username": "a b"}, "不符合要求"),
        ({"username": "ab"}, "不符合要求"),
        ({"display_name": "长" * 101}, "显示名太长"),
    ],
)
def test_bad_input_via_api(login: Login, fields: dict[str, Any], message: str) -> None:
    admin = login("admin")
    body = {"username": "new.user", "password": "good-password", "role": "reviewer", **fields}
    before = len(admin.get("/api/admin/users").json())
    response = admin.post("/api/admin/users", json=body)
    assert response.status_code == 400, response.text
    assert message in response.json()["detail"]
    assert len(admin.get("/api/admin/users").json()) == before


def test_unknown_unit_and_user(login: Login) -> None:
    admin = login("admin")
    missing = max(u["id"] for u in admin.get("/api/admin/units").json()) + 1000
    body = {"username": "new.user", "password": "good-password", "role": "reviewer"}
    response = admin.post("/api/admin/users", json={**body, "unit_ids": [missing]})
    assert response.status_code == 400
    assert response.json()["detail"] == f"单位不存在（编号 {missing}）"  # the hint apart
    assert "单位管理" in response.json()["hint"]
    nobody = max(u["id"] for u in admin.get("/api/admin/users").json()) + 1000
    assert admin.get(f"/api/admin/users/{nobody}").status_code == 404
    patched = admin.patch(f"/api/admin/users/{nobody}", json={"display_name": "某人"})
    assert patched.status_code == 404 and "用户不存在" in patched.json()["detail"]


def test_bad_input_via_page_shows_the_form_again(app: FastAPI) -> None:
    admin, token = form_login(app, "admin", "admin-demo")
    form = {
        "csrf_token": token,
        "username": "shenhe",
        "display_name": "重名<b>测试</b>",
        "role": "reviewer",
        "password": "good-password",
        "password2": "good-password",
    }
    duplicate = admin.post("/admin/users", data=form)
    assert duplicate.status_code == 400
    assert "用户名“shenhe”已被使用" in duplicate.text
    assert 'value="重名&lt;b&gt;测试&lt;/b&gt;"' in duplicate.text  # kept, escaped
    mismatch = admin.post(
        "/admin/users", data={**form, "username": "fresh.user", "password2": "other-password"}
    )
    assert mismatch.status_code == 400 and "两次输入的密码不一致" in mismatch.text
    short = admin.post(
        "/admin/users",
        data={**form, "username": "fresh.user", "password": "1234567", "password2": "1234567"},
    )
    assert short.status_code == 400 and "密码太短" in short.text
    bad_role = admin.post("/admin/users", data={**form, "username": "fresh.user", "role": "boss"})
    assert bad_role.status_code == 400 and "角色无效" in bad_role.text
    assert "fresh.user" not in admin.get("/admin/users").text
    # a name with markup is shown as text
    created = admin.post("/admin/users", data={**form, "username": "fresh.user"})
    assert created.status_code == 200  # followed the redirect
    listing = admin.get("/admin/users").text
    assert "重名&lt;b&gt;测试&lt;/b&gt;" in listing and "<b>测试</b>" not in listing


def test_non_admins_are_refused_everywhere(app: FastAPI, login: Login) -> None:
    admin = login("admin")
    target = user_id(admin, "danwei")
    for username in ("danwei", "shenhe"):
        client = login(username)
        for path in ("/admin/users", f"/admin/users/{target}", "/admin/units"):
            page = client.get(path)
            assert page.status_code == 403, path
            assert "只有管理员可以管理用户和单位" in page.text
        posts = {
            "/admin/users": {"username": "x.y.z", "role": "admin", "password": "p" * 10},
            f"/admin/users/{target}": {"role": "admin", "active": "1"},
            "/admin/units": {"code": "1", "name": "某单位"},
        }
        for path, data in posts.items():
            page = client.post(path, data={**data, "password2": data.get("password", "")})
            assert page.status_code == 403, path
            assert "只有管理员" in page.text
        calls = [
            client.get("/api/admin/users"),
            client.get(f"/api/admin/users/{target}"),
            client.post(
                "/api/admin/users",
                json={"username": "x.y.z", "password": "p" * 10, "role": "admin"},
            ),
            client.patch(f"/api/admin/users/{target}", json={"role": "admin"}),
            client.get("/api/admin/units"),
            client.post("/api/admin/units", json={"code": "1", "name": "某单位"}),
        ]
        for call in calls:
            assert call.status_code == 403, call.request.url
            assert call.json()["detail"] == "只有管理员可以管理用户和单位"
    assert "x.y.z" not in {u["username"] for u in admin.get("/api/admin/users").json()}
    assert admin.get(f"/api/admin/users/{target}").json()["role"] == "unit_filler"


def test_unauthenticated(app: FastAPI) -> None:
    client = TestClient(app)
    for path in ("/admin/users", "/admin/users/1", "/admin/units"):
        response = client.get(path, follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"] == "/login"
    client.headers["X-CSRF-Token"] = client.get("/api/session").json()["csrf_token"]
    assert client.get("/api/admin/users").status_code == 401
    assert client.get("/api/admin/units").status_code == 401
    refused = client.post(
        "/api/admin/users", json={"username": "x.y.z", "password": "p" * 10, "role": "admin"}
    )
    assert refused.status_code == 401 and refused.json()["detail"] == "请先登录"
    assert client.patch("/api/admin/users/1", json={"active": False}).status_code == 401
    assert client.post("/api/admin/units", json={"code": "1", "name": "x"}).status_code == 401


def test_admin_cannot_deactivate_or_demote_self(app: FastAPI, login: Login) -> None:
    admin = login("admin")
    me = user_id(admin, "admin")
    off = admin.patch(f"/api/admin/users/{me}", json={"active": False})
    assert off.status_code == 400 and off.json()["detail"].startswith("不能停用自己的账号")
    demoted = admin.patch(f"/api/admin/users/{me}", json={"role": "reviewer"})
    assert demoted.status_code == 400 and demoted.json()["detail"].startswith("不能更改自己的角色")
    renamed = admin.patch(f"/api/admin/users/{me}", json={"display_name": "局长"})
    assert renamed.status_code == 200 and renamed.json()["display_name"] == "局长"
    # the page: the form without the 启用 box is refused, and nothing else is saved either
    browser, token = form_login(app, "admin", "admin-demo")
    page = browser.post(
        f"/admin/users/{me}",
        data={"csrf_token": token, "display_name": "改了名", "role": "admin"},
    )
    assert page.status_code == 400 and "不能停用自己的账号" in page.text
    assert "这是您自己的账号" in page.text
    after = admin.get("/api/me").json()
    assert after["role"] == "admin" and after["display_name"] == "局长"


def test_last_admin_stays(app: FastAPI, login: Login) -> None:
    """Only the command line (no signed-in actor) can reach the last-admin rule on its own: in
    the web the actor is an active admin, so removing the last one means removing oneself."""
    admin = login("admin")
    first = user_id(admin, "admin")
    _, write = app.state.sessions
    with write() as session, pytest.raises(people.PeopleError, match="最后一名管理员"):
        people.change_user(session, None, first, active=False)
    with write() as session, pytest.raises(people.PeopleError, match="最后一名管理员"):
        people.change_user(session, None, first, role="reviewer")
    second = create(admin, username="admin2", password="second-admin", role="admin")
    # with two active admins, one may demote the other
    admin2, status = api_login(app, "admin2", "second-admin")
    assert status == 200
    demoted = admin2.patch(f"/api/admin/users/{first}", json={"role": "reviewer"})
    assert demoted.status_code == 200 and demoted.json()["role"] == "reviewer"
    assert admin.get("/api/admin/users").status_code == 403  # the session sees the new role
    with write() as session, pytest.raises(people.PeopleError, match="最后一名管理员"):
        people.change_user(session, None, second["id"], active=False)
    with write() as session:  # promoting is never refused
        back = people.change_user(session, None, first, role="admin")
        assert back.role == "admin"


def test_deactivated_user_loses_access(app: FastAPI, login: Login) -> None:
    admin = login("admin")
    danwei_id = user_id(admin, "danwei")
    api_session = login("danwei")
    page_session, _ = form_login(app, "danwei", "danwei-demo")
    assert api_session.get("/api/documents").status_code == 200
    off = admin.patch(f"/api/admin/users/{danwei_id}", json={"active": False})
    assert off.status_code == 200 and off.json()["active"] is False
    assert api_session.get("/api/documents").status_code == 401
    assert api_session.get("/api/me").status_code == 401
    redirected = page_session.get("/", follow_redirects=False)
    assert redirected.status_code == 303 and redirected.headers["location"] == "/login"
    _, status = api_login(app, "danwei", "danwei-demo")
    assert status == 401
    listing = admin.get("/api/admin/users").json()
    assert next(u for u in listing if u["username"] == "danwei")["active"] is False
    assert "已停用" in admin.get("/admin/users").text
    on = admin.patch(f"/api/admin/users/{danwei_id}", json={"active": True})
    assert on.status_code == 200 and on.json()["active"] is True
    again, status = api_login(app, "danwei", "danwei-demo")
    assert status == 200 and len(again.get("/api/documents").json()) == 4


def test_password_reset(app: FastAPI, login: Login) -> None:
    admin = login("admin")
    shenhe = user_id(admin, "shenhe")
    signed_in = login("shenhe")  # a session opened with the old password
    assert signed_in.get("/api/me").status_code == 200
    short = admin.patch(f"/api/admin/users/{shenhe}", json={"password": "1234567"})
    assert short.status_code == 400 and "密码太短" in short.json()["detail"]
    reset = admin.patch(f"/api/admin/users/{shenhe}", json={"password": "new-shenhe-pass"})
    assert reset.status_code == 200 and "new-shenhe-pass" not in reset.text
    assert api_login(app, "shenhe", "shenhe-demo")[1] == 401
    assert api_login(app, "shenhe", "new-shenhe-pass")[1] == 200
    assert signed_in.get("/api/me").status_code == 401  # the reset ended it
    assert signed_in.get("/api/session").json()["user"] is None
    # through the edit page: both fields must agree
    browser, token = form_login(app, "admin", "admin-demo")
    form = {
        "csrf_token": token,
        "display_name": "示例审核人",
        "role": "reviewer",
        "active": "1",
        "unit_id": [str(u["id"]) for u in reset.json()["units"]],
        "password": "page-pass-123",
    }
    mismatch = browser.post(f"/admin/users/{shenhe}", data={**form, "password2": "page-pass-124"})
    assert mismatch.status_code == 400 and "两次输入的密码不一致" in mismatch.text
    saved = browser.post(
        f"/admin/users/{shenhe}",
        data={**form, "password2": "page-pass-123"},
        follow_redirects=False,
    )
    assert saved.status_code == 303 and saved.headers["location"].endswith("?done=saved")
    assert api_login(app, "shenhe", "new-shenhe-pass")[1] == 401
    client, status = api_login(app, "shenhe", "page-pass-123")
    assert status == 200 and client.get("/api/me").json()["role"] == "reviewer"
    # the role and units were posted unchanged and stay as they were
    units_after = admin.get(f"/api/admin/users/{shenhe}").json()["units"]
    assert units_after == reset.json()["units"]


def test_edit_user_page_and_audit_log(app: FastAPI, login: Login) -> None:
    admin = login("admin")
    danwei = user_id(admin, "danwei")
    leting = unit_id(admin, LETING[0])
    browser, token = form_login(app, "admin", "admin-demo")
    page = browser.get(f"/admin/users/{danwei}")
    assert page.status_code == 200
    assert page.text.count("checked") == 1 + len(admin.get("/api/admin/units").json())
    saved = browser.post(
        f"/admin/users/{danwei}",
        data={
            "csrf_token": token,
            "display_name": "乐亭审核人",
            "role": "reviewer",
            "active": "1",
            "unit_id": [str(leting)],
        },
        follow_redirects=True,
    )
    assert saved.status_code == 200 and "已保存" in saved.text
    data = admin.get(f"/api/admin/users/{danwei}").json()
    assert data["display_name"] == "乐亭审核人" and data["role"] == "reviewer"
    assert [u["code"] for u in data["units"]] == [LETING[0]]
    client, _ = api_login(app, "danwei", "danwei-demo")
    seen = {d["id"] for d in client.get("/api/documents").json()}
    assert seen == documents_of_unit(admin, LETING[1])

    read, _ = app.state.sessions
    with read() as session:
        rows = session.scalars(select(AuditRow).where(AuditRow.action == "修改用户")).all()
    assert len(rows) == 1
    row = rows[0]
    assert row.document_id is None and row.username == "admin"
    assert row.diff["用户danwei.role"] == {"old": "单位填报人", "new": "审核人"}
    assert row.diff["用户danwei.display_name"]["new"] == "乐亭审核人"
    assert row.diff["用户danwei.units"]["new"] == [" ".join(LETING)]
    assert "argon2" not in str(row.diff)


def test_units_page_lists_seed_units_with_counts(app: FastAPI, login: Login) -> None:
    admin = login("admin")
    units = admin.get("/api/admin/units").json()
    documents = admin.get("/api/documents").json()
    codes = {u["code"] for u in units}
    assert {LETING[0], CHENGDE[0], "630002", "630003", "434002"} <= codes
    for unit in units:
        projects = sum(p["unit"] == unit["name"] for d in documents for p in d["projects"])
        assert unit["projects"] == projects, unit
    leting = next(u for u in units if u["code"] == LETING[0])
    assert leting["projects"] == 8
    assert leting["users"] == 2  # the demo 单位填报人 and 审核人

    page = admin.get("/admin/units")
    assert page.status_code == 200
    row = re.search(
        r"<td>483001</td>\s*<td>乐亭县行政审批局本级</td>\s*"
        r'<td class="count-projects">(\d+)</td>\s*<td class="count-users">(\d+)</td>',
        page.text,
    )
    assert row and row.groups() == ("8", "2")
    assert page.text.count('class="count-projects"') == len(units)


def test_create_unit(app: FastAPI, login: Login) -> None:
    admin = login("admin")
    created = admin.post("/api/admin/units", json={"code": " 999001 ", "name": "新建单位"})
    assert created.status_code == 201
    unit = created.json()
    assert (unit["code"], unit["name"], unit["projects"], unit["users"]) == (
        "999001",
        "新建单位",
        0,
        0,
    )
    duplicate = admin.post("/api/admin/units", json={"code": "999001", "name": "另一个"})
    assert duplicate.status_code == 400
    assert duplicate.json()["detail"] == "单位编码 999001 已被“新建单位”使用"
    empty = admin.post("/api/admin/units", json={"code": "999002", "name": " "})
    assert empty.status_code == 400 and "请填写单位编码和单位名称" in empty.json()["detail"]

    # a user of the new unit sees no document yet
    create(
        admin,
        username="new.unit.user",
        password="new-unit-pass",
        role="unit_filler",
        unit_ids=[unit["id"]],
    )
    listed = next(u for u in admin.get("/api/admin/units").json() if u["code"] == "999001")
    assert listed["users"] == 1
    client, _ = api_login(app, "new.unit.user", "new-unit-pass")
    assert client.get("/api/documents").json() == []

    browser, token = form_login(app, "admin", "admin-demo")
    done = browser.post(
        "/admin/units",
        data={"csrf_token": token, "code": "999003", "name": "页面单位"},
        follow_redirects=False,
    )
    assert done.status_code == 303 and done.headers["location"] == "/admin/units?done=unit"
    page = browser.get(done.headers["location"])
    assert "已创建单位" in page.text and "页面单位" in page.text
    again = browser.post(
        "/admin/units", data={"csrf_token": token, "code": "999003", "name": "重复<i>单位</i>"}
    )
    assert again.status_code == 400 and "单位编码 999003 已被“页面单位”使用" in again.text
    assert 'value="重复&lt;i&gt;单位&lt;/i&gt;"' in again.text
    # the new unit is offered on the user forms
    assert f'name="unit_id" value="{unit["id"]}"' in browser.get("/admin/users").text


def test_page_forms_need_csrf(app: FastAPI) -> None:
    admin, _ = form_login(app, "admin", "admin-demo")
    refused = admin.post(
        "/admin/units", data={"code": "999004", "name": "无令牌"}, follow_redirects=False
    )
    assert refused.status_code == 403
    assert "无令牌" not in admin.get("/admin/units").text


def test_own_new_password_keeps_this_session(login: Login) -> None:
    admin = login("admin")
    me = admin.get("/api/me").json()["id"]
    changed = admin.patch(f"/api/admin/users/{me}", json={"password": "admin-new-pass"})
    assert changed.status_code == 200
    assert admin.get("/api/me").status_code == 200  # still signed in here
