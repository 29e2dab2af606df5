"""The audit log in the user's words (项目 3 的第 2 个指标“…”的指标值：30个 → ≥95%), never
internal paths or derived fields."""

from __future__ import annotations

import html

from fastapi import FastAPI

from jixiao.store.models import AuditRow
from jixiao.workbench.history import describe_path, readable_changes
from tests.web.conftest import Login
from tests.web.test_housekeeping import _document_ids
from tests.web.test_pages import browser


def test_paths_in_words() -> None:
    names = {(3, 1): "服务对象满意度"}
    assert describe_path("项目3.indicators[1].value_text", names) == (
        "项目 3 的第 2 个指标“服务对象满意度”的指标值"
    )
    assert describe_path("项目3.indicators[0].name") == "项目 3 的第 1 个指标的三级指标"
    assert describe_path("项目3.indicators[1].value.anomalies", names) is None
    assert describe_path("项目3.indicators[1].category", names) is None
    assert describe_path("项目3.budget.total") == "项目 3 的资金总额"
    assert describe_path("项目3.goals[0]") == "项目 3 的年度绩效目标第 1 条"
    assert describe_path("项目3.indicators") == "项目 3 的绩效指标"
    assert describe_path("sub_goals[7]") == "分目标第 8 条"
    assert describe_path("status") == "状态"
    entry = AuditRow(
        action="修改项目",
        diff={
            "项目3.indicators[1].value_text": {"old": "30个", "new": "≥95%"},
            "项目3.indicators[1].value.operator": {"old": None, "new": "≥"},
            "项目3.indicators": {"old": [{"name": "a"}] * 3, "new": [{"name": "a"}] * 4},
            "项目3.purpose": {"old": "长" * 200, "new": None},
        },
    )
    lines = readable_changes(entry)
    assert [(c.what, c.old, c.new) for c in lines[:2]] == [
        ("项目 3 的第 2 个指标的指标值", "30个", "≥95%"),
        ("项目 3 的绩效指标", "3 项", "4 项"),
    ]
    assert lines[2].old.endswith("…") and len(lines[2].old) == 80 and lines[2].new == "（空）"


def test_document_page_shows_changes_in_words(app: FastAPI, login: Login) -> None:
    api = login("danwei")
    doc_id = next(i for n, i in _document_ids(api).items() if n.startswith("001"))
    project_id = api.get(f"/api/documents/{doc_id}").json()["projects"][0]["id"]
    got = api.get(f"/api/projects/{project_id}").json()
    project = got["project"]
    old_value = project["indicators"][1]["value_text"]
    name = project["indicators"][1]["name"]
    project["indicators"][1] = {**project["indicators"][1], "value_text": "≥95%"}
    saved = api.put(
        f"/api/projects/{project_id}", json={"version": got["version"], "project": project}
    )
    assert saved.status_code == 200, saved.text
    client, _ = browser(app, "danwei")
    page = html.unescape(client.get(f"/documents/{doc_id}").text)
    seq = project["seq"]
    expected = (
        f"项目 {seq} 的第 2 个指标“{name}”的指标值："
        f'<span class="old">{old_value}</span> → <span class="new">≥95%</span>'
    )
    assert expected in page
    audit_html = page.split("<h2>修改记录</h2>", 1)[1]
    assert "value_text" not in audit_html and "anomalies" not in audit_html
    assert "indicators[" not in audit_html
