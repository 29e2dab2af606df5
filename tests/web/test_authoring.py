"""Writing targets in the workbench: a new document for a unit and year, projects added
empty, copied from last year's document of the same unit and within the document, deleted;
a draft document deleted by its owner (audited), never by others."""

from __future__ import annotations

import re

from fastapi import FastAPI
from sqlalchemy import select

from jixiao.store.models import AuditRow
from tests.web.conftest import Login
from tests.web.test_pages import browser


def _unit_id(page: str, name: str) -> str:
    found = re.search(r'<option value="(\d+)"[^>]*>' + re.escape(name), page)
    assert found, name
    return found.group(1)


def test_new_document_copy_last_year_and_delete(app: FastAPI, login: Login) -> None:
    unit, token = browser(app, "danwei")
    form = unit.get("/documents/new").text
    assert "新建文档" in form
    unit_id = _unit_id(form, "乐亭县行政审批局本级")
    bad = unit.post("/documents/new", data={"csrf_token": token, "unit": unit_id, "year": "明年"})
    assert bad.status_code == 400 and "四位年份" in bad.text
    made = unit.post("/documents/new", data={"csrf_token": token, "unit": unit_id, "year": "2026"})
    assert made.status_code == 200 and "已新建文档" in made.text
    doc_id = int(re.search(r'action="/documents/(\d+)/projects"', made.text).group(1))  # type: ignore[union-attr]
    assert "乐亭县行政审批局2026年部门预算绩效信息" in made.text and "还没有项目" in made.text
    # last year's (seed 003, 2025) projects of the same unit are offered
    offered = re.findall(r'<option value="(\d+)">2025 年 · ([^<]+)</option>', made.text)
    assert len(offered) == 8
    source_id, source_name = offered[0]
    source = login("danwei").get(f"/api/projects/{source_id}").json()["project"]
    copied = unit.post(
        f"/documents/{doc_id}/projects", data={"csrf_token": token, "copy_of": source_id}
    )
    assert copied.status_code == 200 and f"已添加项目 1“{source_name}”" in copied.text
    api = login("danwei")
    doc = api.get(f"/api/documents/{doc_id}").json()
    assert [p["name"] for p in doc["document"]["projects"]] == [source_name]
    new_project = doc["document"]["projects"][0]
    assert [i["value_text"] for i in new_project["indicators"]] == [
        i["value_text"] for i in source["indicators"]
    ]
    assert new_project["unit"]["name"] == "乐亭县行政审批局本级"
    # an empty project, then a copy within the document, then delete that copy
    empty = unit.post(
        f"/documents/{doc_id}/projects", data={"csrf_token": token, "name": "智慧审批系统运维"}
    )
    assert "已添加项目 2“智慧审批系统运维”" in empty.text and 'id="editor"' in empty.text
    project_ids = [p["id"] for p in api.get(f"/api/documents/{doc_id}").json()["projects"]]
    twin = unit.post(
        f"/documents/{doc_id}/projects",
        data={"csrf_token": token, "copy_of": str(project_ids[0])},
    )
    assert f"{source_name}（副本）" in twin.text
    after = api.get(f"/api/documents/{doc_id}").json()
    assert [p["seq"] for p in after["document"]["projects"]] == [1, 2, 3]
    gone = unit.post(f"/projects/{after['projects'][2]['id']}/delete", data={"csrf_token": token})
    assert "已删除项目" in gone.text
    assert len(api.get(f"/api/documents/{doc_id}").json()["projects"]) == 2
    # the review ran on every change: the copied project's findings are stored
    review = api.get(f"/api/documents/{doc_id}/review").json()
    assert any(f.get("project_seq") == 2 for f in review["findings"])  # the empty one
    actions = [a["action"] for a in api.get(f"/api/documents/{doc_id}/audit").json()]
    assert actions == ["新建文档", "复制项目", "新增项目", "复制项目", "删除项目"]
    # deleting the draft: not the reviewer, not another unit user; the owner may
    reviewer, reviewer_token = browser(app, "shenhe")
    assert (
        reviewer.post(
            f"/documents/{doc_id}/delete", data={"csrf_token": reviewer_token}
        ).status_code
        == 403
    )
    assert 'id="delete-document"' in unit.get(f"/documents/{doc_id}").text
    deleted = unit.post(f"/documents/{doc_id}/delete", data={"csrf_token": token})
    assert deleted.status_code == 200 and "已删除文档" in deleted.text
    assert api.get(f"/api/documents/{doc_id}").status_code == 404
    with app.state.sessions[0]() as db:
        row = db.scalars(select(AuditRow).where(AuditRow.action == "删除文档")).one()
        assert row.username == "danwei" and row.document_id is None  # kept, doc gone
        assert f"编号 {doc_id}" in row.diff["document"]["old"]


def test_only_drafts_and_own_units(app: FastAPI, login: Login) -> None:
    unit, token = browser(app, "danwei")
    api = login("danwei")
    docs = api.get("/api/documents").json()
    seeded = docs[0]["id"]
    # a seeded draft was imported by nobody: only an admin may delete it
    assert unit.post(f"/documents/{seeded}/delete", data={"csrf_token": token}).status_code == 403
    assert api.post(f"/api/documents/{seeded}/workflow/submit", json={}).status_code == 200
    admin, admin_token = browser(app, "admin")
    refused = admin.post(f"/documents/{seeded}/delete", data={"csrf_token": admin_token})
    assert refused.status_code == 403 and "只能删除草稿" in refused.text
    locked = unit.post(f"/documents/{seeded}/projects", data={"csrf_token": token, "name": "x"})
    assert locked.status_code == 403
    other, _ = browser(app, "other")  # a unit user without units
    assert "您还没有分配单位" in other.get("/documents/new").text
    reviewer, _ = browser(app, "shenhe")
    assert reviewer.get("/documents/new").status_code == 403
