"""Document versions: one per import and per save, a baseline for a document imported before
versions were kept, the versions page comparing two of them (修改前/修改后), the history's
修改前后对比 link, and who may see them."""

from __future__ import annotations

import html
import re
from pathlib import Path

from fastapi import FastAPI
from fastapi.testclient import TestClient

from jixiao.review.examples import example_document, example_project
from jixiao.store.models import AuditRow
from jixiao.workbench.history import readable_changes
from jixiao.workbench.versions import field_changes, summary_text
from tests.web.conftest import Login
from tests.web.test_housekeeping import _document_ids
from tests.web.test_pages import browser

SEED = Path(__file__).parents[2] / "src" / "jixiao" / "examples" / "003_a8ba5af9fb959666.txt"


def _edit_value(api: TestClient, project_id: int, index: int, value: str) -> tuple[str, str]:
    got = api.get(f"/api/projects/{project_id}").json()
    project = got["project"]
    old = project["indicators"][index]["value_text"]
    project["indicators"][index] = {**project["indicators"][index], "value_text": value}
    saved = api.put(
        f"/api/projects/{project_id}", json={"version": got["version"], "project": project}
    )
    assert saved.status_code == 200, saved.text
    return old, project["indicators"][index]["name"]


def test_a_seed_gets_a_baseline_then_each_save_a_version(app: FastAPI, login: Login) -> None:
    api = login("danwei")
    doc_id = next(i for n, i in _document_ids(api).items() if n.startswith("001"))
    assert api.get(f"/api/documents/{doc_id}/versions").json() == []  # imported before
    project = api.get(f"/api/documents/{doc_id}").json()["projects"][0]
    old, name = _edit_value(api, project["id"], 1, "≥96%")
    versions = api.get(f"/api/documents/{doc_id}/versions").json()
    assert [(v["number"], v["action"]) for v in versions] == [(2, "修改项目"), (1, "修改前状态")]
    assert versions[0]["username"] == "danwei" and versions[1]["username"] is None
    assert versions[0]["summary"].startswith(f"修改项目：项目 {project['seq']} 的第 2 个指标")
    assert "指标值" in versions[0]["summary"]
    first = api.get(f"/api/documents/{doc_id}/versions/1").json()["document"]
    assert first["projects"][0]["indicators"][1]["value_text"] == old
    # the department goals, a project added, copied and deleted: one version each
    document = api.get(f"/api/documents/{doc_id}").json()
    department = document["document"]["department"]
    goals = api.put(
        f"/api/documents/{doc_id}/department",
        json={
            "version": document["version"],
            "title": document["title"],
            "fiscal_year": document["fiscal_year"],
            "department": {**department, "overall_goals": ["全面提升政务服务满意度"]},
        },
    )
    assert goals.status_code == 200, goals.text
    added = api.post(f"/api/documents/{doc_id}/projects", json={"name": "档案数字化"})
    copied = api.post(f"/api/documents/{doc_id}/projects", json={"copy_of": project["id"]})
    assert added.status_code == copied.status_code == 201
    assert api.delete(f"/api/projects/{added.json()['id']}").status_code == 204
    actions = [v["action"] for v in api.get(f"/api/documents/{doc_id}/versions").json()]
    assert actions == ["删除项目", "复制项目", "新增项目", "修改部门目标", "修改项目", "修改前状态"]

    # the page: two versions chosen, compared in the user's words
    client, _ = browser(app, "shenhe")
    listing = client.get(f"/documents/{doc_id}/versions")
    assert listing.status_code == 200 and listing.text.count('name="old"') == 6
    compared = html.unescape(client.get(f"/documents/{doc_id}/versions?old=1&new=2").text)
    assert "第 1 版 → 第 2 版" in compared and "修改前指标值" in compared
    assert old in compared and "≥96%" in compared and name in compared
    goals_diff = html.unescape(client.get(f"/documents/{doc_id}/versions?old=3&new=2").text)
    assert "第 2 版 → 第 3 版" in goals_diff
    new_goal = '→ <span class="new">全面提升政务服务满意度'
    assert re.search("部门整体目标第 1 条：.*" + re.escape(new_goal), goals_diff)
    deleted = html.unescape(client.get(f"/documents/{doc_id}/versions?old=5&new=6").text)
    assert '档案数字化</span> → <span class="new">（已删除）' in deleted
    assert "删除项目：档案数字化" in deleted

    # the history links each save to its comparison
    page = client.get(f"/documents/{doc_id}").text
    assert f'href="/documents/{doc_id}/versions"' in page
    links = re.findall(rf'href="(/documents/{doc_id}/versions/audit/\d+)">修改前后对比', page)
    assert len(links) == 5
    followed = client.get(links[0], follow_redirects=False)
    assert followed.status_code == 303
    assert followed.headers["location"].endswith("?old=1&new=2#comparison")


def test_an_import_is_version_one(app: FastAPI, login: Login) -> None:
    api = login("danwei")
    made = api.post("/api/documents", files={"file": ("乐亭.txt", SEED.read_bytes())})
    assert made.status_code == 201, made.text
    doc_id = made.json()["id"]
    versions = api.get(f"/api/documents/{doc_id}/versions").json()
    assert [(v["number"], v["action"]) for v in versions] == [(1, "导入")]
    assert versions[0]["summary"].startswith("导入：")
    client, _ = browser(app, "danwei")
    page = client.get(f"/documents/{doc_id}/versions").text
    assert "目前只有一个版本" in page


def test_bad_choices_and_other_units(app: FastAPI, login: Login) -> None:
    api = login("danwei")
    doc_id = next(i for n, i in _document_ids(api).items() if n.startswith("001"))
    project = api.get(f"/api/documents/{doc_id}").json()["projects"][0]
    _edit_value(api, project["id"], 1, "≥97%")
    client, _ = browser(app, "danwei")
    same = client.get(f"/documents/{doc_id}/versions?old=2&new=2")
    assert same.status_code == 400 and "两个不同的版本" in same.text
    words = client.get(f"/documents/{doc_id}/versions?old=上一版&new=2")
    assert words.status_code == 400 and "版本号应为数字" in words.text
    one = client.get(f"/documents/{doc_id}/versions?old=1")
    assert one.status_code == 400 and "请选择两个版本" in one.text
    missing = client.get(f"/documents/{doc_id}/versions?old=1&new=9")
    assert missing.status_code == 404 and "没有第 9 版" in missing.text
    assert api.get(f"/api/documents/{doc_id}/versions/compare?old=1&new=9").status_code == 404
    outsider, _ = browser(app, "other")  # as for the document page itself
    assert outsider.get(f"/documents/{doc_id}").status_code == 403
    assert outsider.get(f"/documents/{doc_id}/versions").status_code == 403
    assert outsider.get(f"/documents/{doc_id}/versions?old=1&new=2").status_code == 403
    assert login("other").get(f"/api/documents/{doc_id}/versions").status_code == 403
    # an edit made before versions were kept: no comparison, said in words
    audit = api.get(f"/api/documents/{doc_id}/audit").json()
    before = next(a for a in audit if a["action"] != "修改项目")
    got = client.get(f"/documents/{doc_id}/versions/audit/{before['id']}")
    assert got.status_code == 200 and "没有" in got.text


def test_a_goal_added_or_removed_is_said_item_by_item() -> None:
    entry = AuditRow(
        action="修改部门目标",
        diff={
            "safeguards": {
                "old": ["健全制度", "限时办结"],
                "new": ["健全制度", "限时办结", "首问负责"],
            },
            "项目2.goals": {"old": ["办结率98%", "满意度95%"], "new": ["满意度95%"]},
        },
    )
    assert [(c.what, c.old, c.new) for c in readable_changes(entry)] == [
        ("保障措施第 3 条", "（空）", "首问负责"),
        ("项目 2 的年度绩效目标第 1 条", "办结率98%", "（空）"),
    ]
    assert summary_text(entry.action, entry.diff) == (
        "修改部门目标：保障措施第 3 条：首问负责；项目 2 的年度绩效目标第 1 条：办结率98%"
    )


def test_versions_compare_fields_the_project_comparison_leaves_out() -> None:
    before = example_document()
    project = before.projects[0]
    after = before.model_copy(
        update={
            "title": "新标题",
            "projects": [
                project.model_copy(update={"purpose": "保障大厅运转"}),
                example_project(2),
            ],
        }
    )
    lines = {(c.what, c.old, c.new) for c in field_changes(before, after)}
    assert ("标题", before.title, "新标题") in lines
    assert ("项目 1 的项目概况", project.purpose, "保障大厅运转") in lines
    assert ("项目 2", "（无）", "审批大厅运行维护经费") in lines
