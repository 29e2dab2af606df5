"""The home page per role: 待办 lists (to fill, returned to me, waiting for my review), the
status filter with counts, a message after every workflow step and a question before the
steps that cannot be undone."""

from __future__ import annotations

import re

from fastapi import FastAPI

from tests.web.test_pages import browser


def _section(page: str, key: str) -> str:
    return page.split(f'id="tasks-{key}"', 1)[1].split('<div class="task-list"', 1)[0]


def _badge(section: str) -> int:
    found = re.search(r'<span class="badge[^"]*">(\d+)</span>', section)
    assert found, section
    return int(found.group(1))


def test_tasks_follow_the_workflow(app: FastAPI) -> None:
    unit, unit_token = browser(app, "danwei")
    home = unit.get("/").text
    assert 'id="tasks-draft"' in home and 'id="tasks-returned"' in home
    assert 'id="tasks-submitted"' not in home  # a unit reviews nothing
    drafts = _badge(_section(home, "draft"))
    assert drafts >= 1 and _badge(_section(home, "returned")) == 0
    doc_id = int(re.search(r'href="/documents/(\d+)"', _section(home, "draft")).group(1))  # type: ignore[union-attr]
    page = unit.get(f"/documents/{doc_id}").text
    assert 'id="action-submit"' in page and 'data-confirm="提交后文档将不能修改' in page
    done = unit.post(f"/documents/{doc_id}/workflow/submit", data={"csrf_token": unit_token})
    assert done.status_code == 200 and 'id="flash"' in done.text and "已提交审核" in done.text
    again = unit.get(f"/documents/{doc_id}").text
    assert 'id="flash"' not in again  # said once
    assert _badge(_section(unit.get("/").text, "draft")) == drafts - 1

    reviewer, reviewer_token = browser(app, "shenhe")
    home = reviewer.get("/").text
    assert 'id="tasks-draft"' not in home
    waiting = _section(home, "submitted")
    assert f'href="/documents/{doc_id}"' in waiting and _badge(waiting) >= 1
    started = reviewer.post(
        f"/documents/{doc_id}/workflow/start", data={"csrf_token": reviewer_token}
    )
    assert "已开始审核" in started.text
    assert f'href="/documents/{doc_id}"' in _section(reviewer.get("/").text, "in_review")
    assert 'data-confirm="确定把文档退回' in started.text
    returned = reviewer.post(
        f"/documents/{doc_id}/workflow/return",
        data={"csrf_token": reviewer_token, "comment": "请补充指标值依据"},
    )
    assert "已退回修改" in returned.text
    mine = _section(unit.get("/").text, "returned")
    assert f'href="/documents/{doc_id}"' in mine and _badge(mine) == 1


def test_status_filter_and_counts(app: FastAPI) -> None:
    admin, token = browser(app, "admin")
    home = admin.get("/").text
    counts = dict(re.findall(r'id="status-(\w+)"[^>]*>[^<]*<span class="badge">(\d+)</span>', home))
    assert counts["draft"] == "4" and counts["approved"] == "0"
    rows = re.findall(r'<td><a href="/documents/(\d+)">', home)
    assert len(rows) == 4
    admin.post(f"/documents/{rows[0]}/workflow/submit", data={"csrf_token": token})
    only = admin.get("/?status=submitted").text
    assert re.findall(r'<td><a href="/documents/(\d+)">', only) == [rows[0]]
    assert 'class="current" aria-current="true">已提交' in only
    none = admin.get("/?status=approved").text
    assert "没有找到文档" in none
