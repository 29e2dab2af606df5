"""The JSON API for writing in the workbench and for versions: create a document, add, copy
and delete projects, delete a draft, resolve a comment thread, list and compare versions, with
the API's permission and error answers (Chinese ``detail``), and listed in OpenAPI in Chinese."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.web.conftest import Login
from tests.web.test_housekeeping import _document_ids

NEW_ROUTES = {
    ("post", "/api/documents/new"): "新建文档",
    ("delete", "/api/documents/{document_id}"): "删除草稿文档",
    ("post", "/api/documents/{document_id}/projects"): "新增或复制项目",
    ("delete", "/api/projects/{project_id}"): "删除项目",
    ("post", "/api/documents/{document_id}/comments/{comment_id}/resolve"): "将审核意见标为已解决",
    ("get", "/api/documents/{document_id}/versions"): "文档的版本列表",
    ("get", "/api/documents/{document_id}/versions/compare"): "对比文档的两个版本",
}


def test_openapi_lists_the_routes_in_chinese(app: FastAPI) -> None:
    schema = TestClient(app).get("/openapi.json").json()
    for (method, path), summary in NEW_ROUTES.items():
        assert schema["paths"][path][method]["summary"].startswith(summary), path


def _unit_id(api: TestClient) -> int:
    units = api.get("/api/admin/units").json()
    return next(u["id"] for u in units if u["name"] == "乐亭县行政审批局本级")


def test_write_a_document_through_the_api(login: Login) -> None:
    unit_id = _unit_id(login("admin"))
    api = login("danwei")
    bad = api.post("/api/documents/new", json={"unit_id": unit_id, "year": 20260})
    assert bad.status_code == 400 and "四位年份" in bad.json()["detail"]
    refused = login("shenhe").post("/api/documents/new", json={"unit_id": unit_id, "year": 2026})
    assert refused.status_code == 403 and "审核人不能新建文档" in refused.json()["detail"]
    made = api.post("/api/documents/new", json={"unit_id": unit_id, "year": 2026})
    assert made.status_code == 201, made.text
    doc_id = made.json()["id"]
    assert made.json()["status"] == "draft" and made.json()["editable"] is True
    nameless = api.post(f"/api/documents/{doc_id}/projects", json={"name": " "})
    assert nameless.status_code == 400 and "请填写项目名称" in nameless.json()["detail"]
    empty = api.post(f"/api/documents/{doc_id}/projects", json={"name": "智慧审批系统运维"})
    assert empty.status_code == 201 and empty.json()["project"]["seq"] == 1
    twin = api.post(f"/api/documents/{doc_id}/projects", json={"copy_of": empty.json()["id"]})
    assert twin.status_code == 201
    assert twin.json()["project"]["name"] == "智慧审批系统运维（副本）"
    assert login("other").delete(f"/api/projects/{twin.json()['id']}").status_code == 403
    assert api.delete(f"/api/projects/{twin.json()['id']}").status_code == 204
    assert api.delete(f"/api/projects/{twin.json()['id']}").status_code == 404
    projects = api.get(f"/api/documents/{doc_id}").json()["projects"]
    assert [p["name"] for p in projects] == ["智慧审批系统运维"]

    versions = api.get(f"/api/documents/{doc_id}/versions").json()
    assert [v["action"] for v in versions] == ["删除项目", "复制项目", "新增项目", "新建文档"]
    compared = api.get(f"/api/documents/{doc_id}/versions/compare", params={"old": 1, "new": 3})
    assert compared.status_code == 200, compared.text
    body = compared.json()
    assert body["old"]["number"] == 1 and body["new"]["number"] == 3
    assert [p["name"] for p in body["diff"]["projects_added"]] == [
        "智慧审批系统运维",
        "智慧审批系统运维（副本）",
    ]
    assert {(c["what"], c["new"]) for c in body["fields"]} >= {
        ("项目 1", "智慧审批系统运维"),
        ("项目 2", "智慧审批系统运维（副本）"),
    }
    same = api.get(f"/api/documents/{doc_id}/versions/compare", params={"old": 2, "new": 2})
    assert same.status_code == 400 and "两个不同的版本" in same.json()["detail"]
    words = api.get(f"/api/documents/{doc_id}/versions/compare", params={"old": "一", "new": 2})
    assert words.status_code == 422

    # the draft is deleted by its owner, never by a reviewer or another unit's user
    assert login("shenhe").delete(f"/api/documents/{doc_id}").status_code == 403
    assert login("other").delete(f"/api/documents/{doc_id}").status_code == 403
    assert api.delete(f"/api/documents/{doc_id}").status_code == 204
    assert api.get(f"/api/documents/{doc_id}").status_code == 404


def test_resolve_a_comment_thread(login: Login) -> None:
    unit = login("danwei")
    doc_id = next(i for n, i in _document_ids(unit).items() if n.startswith("003"))
    reviewer = login("shenhe")
    assert unit.post(f"/api/documents/{doc_id}/workflow/submit").status_code == 200
    assert reviewer.post(f"/api/documents/{doc_id}/workflow/start").status_code == 200
    thread = reviewer.post(f"/api/documents/{doc_id}/comments", json={"body": "请补充依据"})
    assert thread.status_code == 201
    comment_id = thread.json()["id"]
    answer = unit.post(
        f"/api/documents/{doc_id}/comments", json={"body": "已补充", "parent_id": comment_id}
    )
    path = f"/api/documents/{doc_id}/comments/{comment_id}/resolve"
    assert login("other").post(path, json={}).status_code == 403
    not_a_thread = f"/api/documents/{doc_id}/comments/{answer.json()['id']}/resolve"
    missing = reviewer.post(not_a_thread, json={})
    assert missing.status_code == 404 and "审核意见不存在" in missing.json()["detail"]
    done = reviewer.post(path, json={"resolved": True})
    assert done.status_code == 200 and done.json()["resolved"] is True
    again = reviewer.post(path, json={"resolved": False})
    assert again.json()["resolved"] is False
    actions = [a["action"] for a in reviewer.get(f"/api/documents/{doc_id}/audit").json()]
    assert actions[-2:] == ["意见已解决", "重新打开意见"]
