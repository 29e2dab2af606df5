"""Every API route, for every role, including access being refused."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import SEEDS
from tests.web.conftest import Login


def _first(client: TestClient) -> dict[str, Any]:
    docs = client.get("/api/documents").json()
    assert docs
    return dict(docs[0])


def test_openapi_lists_the_api(login: Login) -> None:
    client = TestClient(login("danwei").app)
    schema = client.get("/openapi.json").json()
    paths = set(schema["paths"])
    for path in (
        "/api/documents",
        "/api/documents/{document_id}",
        "/api/documents/{document_id}/workflow/{action}",
        "/api/documents/{document_id}/comments",
        "/api/documents/{document_id}/audit",
        "/api/documents/{document_id}/export/{kind}",
        "/api/documents/{document_id}/review",
        "/api/projects/{project_id}",
        "/api/login",
        "/api/session",
    ):
        assert path in paths
    assert not any(p.startswith("/projects") for p in paths)  # pages are not API


def test_anonymous_is_refused(login: Login) -> None:
    client = TestClient(login("danwei").app)
    for path in ("/api/documents", "/api/documents/1", "/api/projects/1", "/api/me"):
        assert client.get(path).status_code == 401
    page = client.get("/", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"] == "/login"


def test_login_wrong_password_and_rate_limit(login: Login) -> None:
    client = TestClient(login("danwei").app)
    token = client.get("/api/session").json()["csrf_token"]
    client.headers["X-CSRF-Token"] = token
    codes = [
        client.post("/api/login", json={"username": "shenhe", "password": "wrong"}).status_code
        for _ in range(6)
    ]
    assert codes == [401] * 5 + [429]
    right = client.post("/api/login", json={"username": "shenhe", "password": "shenhe-demo"})
    assert right.status_code == 429  # still limited for this minute
    assert "频繁" in right.json()["detail"]


def test_csrf_is_required(login: Login) -> None:
    client = login("danwei")
    doc = _first(client)
    del client.headers["X-CSRF-Token"]
    response = client.post(f"/api/documents/{doc['id']}/workflow/submit", json={})
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


def test_lists_what_each_role_may_see(login: Login) -> None:
    assert len(login("danwei").get("/api/documents").json()) == 4
    assert len(login("shenhe").get("/api/documents").json()) == 4
    assert len(login("admin").get("/api/documents").json()) == 4
    assert login("other").get("/api/documents").json() == []
    assert login("other_reviewer").get("/api/documents").json() == []


def test_search(login: Login) -> None:
    client = login("admin")
    assert len(client.get("/api/documents", params={"q": "人民政府办公室"}).json()) == 1
    assert len(client.get("/api/documents", params={"year": 2020}).json()) >= 1
    assert client.get("/api/documents", params={"q": "不存在的名称"}).json() == []
    all_codes = client.get("/api/documents/1/review").json()
    code = all_codes["findings"][0]["code"]
    assert client.get("/api/documents", params={"rule": code}).json()
    assert client.get("/api/documents", params={"rule": "X999"}).json() == []
    graded = client.get("/api/documents", params={"grade": "差"}).json()
    assert isinstance(graded, list)


def test_document_and_project_access(login: Login) -> None:
    unit, other, other_reviewer = login("danwei"), login("other"), login("other_reviewer")
    doc = _first(unit)
    project_id = doc["projects"][0]["id"]
    full = unit.get(f"/api/documents/{doc['id']}").json()
    assert full["editable"] is True
    assert full["document"]["projects"][0]["name"] == doc["projects"][0]["name"]
    assert unit.get(f"/api/projects/{project_id}").json()["editable"] is True
    for client in (other, other_reviewer):
        assert client.get(f"/api/documents/{doc['id']}").status_code == 403
        assert client.get(f"/api/projects/{project_id}").status_code == 403
        assert client.get(f"/api/documents/{doc['id']}/audit").status_code == 403
        assert client.get(f"/api/documents/{doc['id']}/comments").status_code == 403
        assert client.get(f"/api/documents/{doc['id']}/review").status_code == 403
        assert client.get(f"/api/documents/{doc['id']}/export/json").status_code == 403
    assert unit.get("/api/documents/9999").status_code == 404
    assert unit.get("/api/projects/9999").status_code == 404


def test_import(login: Login) -> None:
    unit = login("danwei")
    seed = SEEDS["001"]
    before = {d["id"] for d in unit.get("/api/documents").json()}
    response = unit.post(
        "/api/documents", files={"file": (seed.name, seed.read_bytes(), "text/plain")}
    )
    assert response.status_code == 201, response.text
    doc = response.json()
    assert doc["status"] == "draft" and len(doc["projects"]) == 11
    assert {d["id"] for d in unit.get("/api/documents").json()} == before | {doc["id"]}
    assert unit.get(f"/api/documents/{doc['id']}/review").json()["findings"]
    audit = unit.get(f"/api/documents/{doc['id']}/audit").json()
    assert audit[0]["action"] == "导入" and audit[0]["username"] == "danwei"
    bad = unit.post("/api/documents", files={"file": ("x.txt", b"", "text/plain")})
    assert bad.status_code == 400 and "空" in bad.json()["detail"]
    reviewer = login("shenhe")
    refused = reviewer.post(
        "/api/documents", files={"file": (seed.name, seed.read_bytes(), "text/plain")}
    )
    assert refused.status_code == 403


@pytest.mark.parametrize("kind", ["docx", "xlsx", "json", "report.html", "report.xlsx", "pdf"])
def test_exports(login: Login, kind: str) -> None:
    client = login("shenhe")
    doc = _first(client)
    response = client.get(f"/api/documents/{doc['id']}/export/{kind}")
    assert response.status_code == 200
    assert len(response.content) > 100
    assert "attachment" in response.headers["content-disposition"]


def test_unknown_export(login: Login) -> None:
    assert login("admin").get("/api/documents/1/export/exe").status_code == 404


def test_edit_project_with_optimistic_locking(login: Login) -> None:
    unit = login("danwei")
    doc = _first(unit)
    project_id = doc["projects"][0]["id"]
    current = unit.get(f"/api/projects/{project_id}").json()
    project = current["project"]
    project["name"] = project["name"] + "（修订）"
    saved = unit.put(
        f"/api/projects/{project_id}", json={"version": current["version"], "project": project}
    )
    assert saved.status_code == 200, saved.text
    assert saved.json()["project"]["name"].endswith("（修订）")
    assert saved.json()["version"] != current["version"]
    stale = unit.put(
        f"/api/projects/{project_id}", json={"version": current["version"], "project": project}
    )
    assert stale.status_code == 409
    assert "已被他人修改" in stale.json()["detail"]
    audit = unit.get(f"/api/documents/{doc['id']}/audit").json()
    change = [a for a in audit if a["action"] == "修改项目"][-1]
    assert any(path.endswith(".name") for path in change["diff"])
    assert change["username"] == "danwei"


def test_reviewer_and_strangers_cannot_edit(login: Login) -> None:
    unit = login("danwei")
    doc = _first(unit)
    project_id = doc["projects"][0]["id"]
    current = unit.get(f"/api/projects/{project_id}").json()
    body = {"version": current["version"], "project": current["project"]}
    assert login("shenhe").put(f"/api/projects/{project_id}", json=body).status_code == 403
    assert login("other").put(f"/api/projects/{project_id}", json=body).status_code == 403


def test_workflow_and_comments(login: Login) -> None:
    unit, reviewer = login("danwei"), login("shenhe")
    doc_id = _first(unit)["id"]
    doc = unit.get(f"/api/documents/{doc_id}").json()
    project_id = doc["projects"][0]["id"]
    flow = f"/api/documents/{doc_id}/workflow"
    # the reviewer may not submit, the unit may not start a review
    assert reviewer.post(f"{flow}/submit", json={}).status_code == 403
    assert unit.post(f"{flow}/start", json={}).status_code == 403
    assert unit.post(f"{flow}/submit", json={}).json()["status"] == "submitted"
    assert unit.post(f"{flow}/submit", json={}).status_code == 409  # not twice
    assert login("other_reviewer").post(f"{flow}/start", json={}).status_code == 403
    assert reviewer.post(f"{flow}/start", json={}).json()["status"] == "in_review"
    # read-only while 审核中
    current = unit.get(f"/api/projects/{project_id}").json()
    assert current["editable"] is False
    refused = unit.put(
        f"/api/projects/{project_id}",
        json={"version": current["version"], "project": current["project"]},
    )
    assert refused.status_code == 409 and "审核中" in refused.json()["detail"]
    # comments: on an indicator, by the reviewer; the unit may only answer
    indicator = 1
    comments = f"/api/documents/{doc_id}/comments"
    made = reviewer.post(comments, json={"body": "指标值应量化", "indicator_id": indicator})
    assert made.status_code == 201, made.text
    comment = made.json()
    assert comment["project_id"] is not None and comment["author"] == "shenhe"
    assert unit.post(comments, json={"body": "自己提意见"}).status_code == 403
    assert login("other").get(comments).status_code == 403
    assert reviewer.post(comments, json={"body": "  "}).status_code == 400
    # return needs a comment
    assert reviewer.post(f"{flow}/return", json={}).status_code == 400
    returned = reviewer.post(f"{flow}/return", json={"comment": "请修改指标"})
    assert returned.json()["status"] == "returned"
    answer = unit.post(comments, json={"body": "已修改", "parent_id": comment["id"]})
    assert answer.status_code == 201
    assert answer.json()["indicator_id"] == indicator
    assert unit.get(f"/api/projects/{project_id}").json()["editable"] is True
    assert unit.post(f"{flow}/submit", json={}).json()["status"] == "submitted"
    assert reviewer.post(f"{flow}/start", json={}).status_code == 200
    assert unit.post(f"{flow}/approve", json={}).status_code == 403
    assert reviewer.post(f"{flow}/approve", json={}).json()["status"] == "approved"
    assert unit.post(f"{flow}/submit", json={}).status_code == 409
    assert reviewer.post(f"{flow}/bogus", json={}).status_code == 404
    actions = [a["action"] for a in unit.get(f"/api/documents/{doc_id}/audit").json()]
    assert actions[-1] == "审核通过"
    assert {"提交审核", "开始审核", "审核意见", "退回修改", "回复意见"} <= set(actions)
    listed = unit.get(comments).json()
    assert [c["body"] for c in listed][:2] == ["指标值应量化", "请修改指标"]


def test_me_and_logout(login: Login) -> None:
    client = login("shenhe")
    me = client.get("/api/me").json()
    assert me["role"] == "reviewer" and me["units"]
    assert client.post("/api/logout").status_code == 204
    assert client.get("/api/me").status_code == 401


def _return_with_indicator_comment(login: Login, doc_id: int, indicator_id: int) -> int:
    """Submit, start, comment on the indicator, return: the comment's id."""
    unit, reviewer = login("danwei"), login("shenhe")
    flow = f"/api/documents/{doc_id}/workflow"
    assert unit.post(f"{flow}/submit", json={}).status_code == 200
    assert reviewer.post(f"{flow}/start", json={}).status_code == 200
    made = reviewer.post(
        f"/api/documents/{doc_id}/comments",
        json={"body": "此指标请量化", "indicator_id": indicator_id},
    )
    assert made.status_code == 201, made.text
    assert reviewer.post(f"{flow}/return", json={"comment": "请修改"}).status_code == 200
    return int(made.json()["id"])


def test_reordered_indicators_keep_their_ids_and_comments(login: Login) -> None:
    unit = login("danwei")
    doc = _first(unit)
    project_id = doc["projects"][0]["id"]
    current = unit.get(f"/api/projects/{project_id}").json()
    ids, indicators = current["indicator_ids"], current["project"]["indicators"]
    assert len(ids) == len(indicators) >= 3
    comment_id = _return_with_indicator_comment(login, doc["id"], ids[0])
    current = unit.get(f"/api/projects/{project_id}").json()
    # move the first indicator to the end, drop the second, add a new one at the front
    new = {**indicators[1], "name": "新增指标", "value_text": "≥10个"}
    project = {**current["project"], "indicators": [new, *indicators[2:], indicators[0]]}
    sent = [None, *ids[2:], ids[0]]
    saved = unit.put(
        f"/api/projects/{project_id}",
        json={"version": current["version"], "project": project, "indicator_ids": sent},
    )
    assert saved.status_code == 200, saved.text
    after = saved.json()
    assert after["indicator_ids"][1:] == [*ids[2:], ids[0]]
    assert after["indicator_ids"][0] not in ids  # a new row
    assert [i["name"] for i in after["project"]["indicators"]][-1] == indicators[0]["name"]
    comment = next(
        c for c in unit.get(f"/api/documents/{doc['id']}/comments").json() if c["id"] == comment_id
    )
    assert comment["indicator_id"] == ids[0]  # still on the indicator it was made on
    # ids that are not this project's, or twice the same, are refused and nothing is saved
    for wrong in ([*after["indicator_ids"][:-1], 999_999], [ids[0]] * len(sent)):
        refused = unit.put(
            f"/api/projects/{project_id}",
            json={"version": after["version"], "project": project, "indicator_ids": wrong},
        )
        assert refused.status_code == 400 and "指标编号" in refused.json()["detail"]
    short = unit.put(
        f"/api/projects/{project_id}",
        json={"version": after["version"], "project": project, "indicator_ids": [None]},
    )
    assert short.status_code == 400 and "一一对应" in short.json()["detail"]
    assert unit.get(f"/api/projects/{project_id}").json()["version"] == after["version"]


def test_edit_department_goals(login: Login) -> None:
    unit = login("danwei")
    doc_id = _first(unit)["id"]
    current = unit.get(f"/api/documents/{doc_id}").json()
    url = f"/api/documents/{doc_id}/department"
    department = current["document"]["department"]
    # a project saved in between does not move the document's version
    project_id = current["projects"][0]["id"]
    p = unit.get(f"/api/projects/{project_id}").json()
    renamed = {**p["project"], "name": p["project"]["name"] + "（改）"}
    assert (
        unit.put(
            f"/api/projects/{project_id}", json={"version": p["version"], "project": renamed}
        ).status_code
        == 200
    )
    body = {
        "version": current["version"],
        "title": "2025年部门预算绩效目标（修订）",
        "fiscal_year": 2025,
        "department": {
            **department,
            "overall_goals": [*department["overall_goals"], "新增整体目标：提高服务效率"],
            "safeguards": ["加强绩效监控"],
        },
    }
    saved = unit.put(url, json=body)
    assert saved.status_code == 200, saved.text
    out = saved.json()
    assert out["title"] == "2025年部门预算绩效目标（修订）" and out["fiscal_year"] == 2025
    assert out["document"]["department"]["overall_goals"][-1] == "新增整体目标：提高服务效率"
    assert out["document"]["department"]["safeguards"] == ["加强绩效监控"]
    assert out["version"] != current["version"]
    stale = unit.put(url, json=body)
    assert stale.status_code == 409 and "部门整体目标已被他人修改" in stale.json()["detail"]
    audit = unit.get(f"/api/documents/{doc_id}/audit").json()
    change = [a for a in audit if a["action"] == "修改部门目标"]
    assert len(change) == 1
    paths = {path.split("[", 1)[0] for path in change[0]["diff"]}
    assert paths >= {"title", "overall_goals", "safeguards"}
    assert change[0]["diff"]["title"]["new"] == "2025年部门预算绩效目标（修订）"
    # unchanged: no audit row; reviewers and strangers may not; nothing while 审核中
    same = {**body, "version": out["version"]}
    assert unit.put(url, json=same).status_code == 200
    actions = [a["action"] for a in unit.get(f"/api/documents/{doc_id}/audit").json()]
    assert actions.count("修改部门目标") == 1
    assert login("shenhe").put(url, json=same).status_code == 403
    assert login("other").put(url, json=same).status_code == 403
    flow = f"/api/documents/{doc_id}/workflow"
    assert unit.post(f"{flow}/submit", json={}).status_code == 200
    locked = unit.put(url, json={**same, "version": out["version"] + 1})
    assert locked.status_code == 409 and "已提交" in locked.json()["detail"]
