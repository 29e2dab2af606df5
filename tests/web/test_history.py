"""The audit log in the user's words (项目 3 的第 2 个指标“…”的指标值：30个 → ≥95%), never
internal paths or derived fields."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime, timedelta

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


def test_comment_threads_resolve_with_times(app: FastAPI, login: Login) -> None:
    api = login("admin")
    doc_id = next(i for n, i in _document_ids(api).items() if n.startswith("003"))
    unit, unit_token = browser(app, "danwei")
    unit.post(f"/documents/{doc_id}/workflow/submit", data={"csrf_token": unit_token})
    reviewer, token = browser(app, "shenhe")
    reviewer.post(f"/documents/{doc_id}/workflow/start", data={"csrf_token": token})
    made = reviewer.post(
        f"/documents/{doc_id}/comments",
        data={"csrf_token": token, "body": "请说明满意度调查方法"},
    )
    assert "已提出审核意见" in made.text
    comment_id = int(re.search(r'id="comment-(\d+)"', made.text).group(1))  # type: ignore[union-attr]
    stored = api.get(f"/api/documents/{doc_id}/comments").json()
    at = datetime.fromisoformat(stored[-1]["created_at"]).astimezone(UTC) + timedelta(hours=8)
    assert at.strftime("%Y-%m-%d %H:%M") in made.text  # 北京时间
    # the unit may not close the reviewer's comment
    refused = unit.post(
        f"/documents/{doc_id}/comments/{comment_id}/resolve", data={"csrf_token": unit_token}
    )
    assert refused.status_code == 403
    done = reviewer.post(
        f"/documents/{doc_id}/comments/{comment_id}/resolve", data={"csrf_token": token}
    )
    assert done.status_code == 200 and "已标为已解决" in done.text
    after = done.text.split(f'id="comment-{comment_id}"', 1)[1]
    thread = re.split(r'<div class="comment(?: resolved)?" id=|</section>', after, maxsplit=1)[0]
    assert "已解决" in thread and "重新打开" in thread and 'name="parent_id"' not in thread
    assert 'class="comment resolved"' in done.text
    again = reviewer.post(
        f"/documents/{doc_id}/comments/{comment_id}/resolve",
        data={"csrf_token": token, "resolved": "0"},
    )
    assert "已重新打开" in again.text
    actions = [a["action"] for a in api.get(f"/api/documents/{doc_id}/audit").json()]
    assert actions.count("意见已解决") == 1 and actions.count("重新打开意见") == 1
    missing = reviewer.post(
        f"/documents/{doc_id}/comments/999999/resolve", data={"csrf_token": token}
    )
    assert missing.status_code == 404
