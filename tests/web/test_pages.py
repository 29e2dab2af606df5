"""The HTML pages: log-in with CSRF, list and search, import, document page, editor (live
review, save, conflict), workflow and comments through forms, escaping, access."""

from __future__ import annotations

import re

from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.conftest import SEEDS
from tests.web.conftest import PASSWORDS

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def browser(app: FastAPI, username: str) -> tuple[TestClient, str]:
    """A client signed in through the log-in form; returns it and the CSRF token."""
    client = TestClient(app)
    token = TOKEN.search(client.get("/login").text)
    assert token
    response = client.post(
        "/login",
        data={
            "username": username,
            "password": PASSWORDS[username],
            "csrf_token": token.group(1),
        },
    )
    assert response.status_code == 200 and "退出" in response.text
    found = TOKEN.search(response.text)
    assert found
    return client, found.group(1)


def test_login_form_needs_csrf_and_right_password(app: FastAPI) -> None:
    client = TestClient(app)
    client.get("/login")
    refused = client.post("/login", data={"username": "danwei", "password": "danwei-demo"})
    assert refused.status_code == 403
    token = TOKEN.search(client.get("/login").text)
    assert token
    wrong = client.post(
        "/login", data={"username": "danwei", "password": "x", "csrf_token": token.group(1)}
    )
    assert wrong.status_code == 401 and "用户名或密码错误" in wrong.text


def test_list_search_and_logout(app: FastAPI) -> None:
    client, token = browser(app, "danwei")
    page = client.get("/")
    assert page.text.count('<td><a href="/documents/') == 4
    assert "草稿" in page.text
    found = client.get("/", params={"q": "乐亭"})
    assert found.text.count('<td><a href="/documents/') == 1
    client.post("/logout", data={"csrf_token": token})
    assert client.get("/", follow_redirects=False).status_code == 303


def test_document_page(app: FastAPI) -> None:
    client, _ = browser(app, "danwei")
    page = client.get("/documents/2")
    assert page.status_code == 200
    for text in ("部门整体目标", "审核报告", "修改记录", "提交审核", "载入示例", "/projects/"):
        assert text in page.text
    outsider, _ = browser(app, "other")
    assert outsider.get("/documents/2").status_code == 403
    assert "无权" in outsider.get("/documents/2").text
    assert outsider.get("/documents/999").status_code == 404


def test_import_page(app: FastAPI) -> None:
    outsider, outsider_token = browser(app, "other")  # a unit user without units
    seed = SEEDS["003"]
    refused = outsider.post(
        "/import",
        data={"csrf_token": outsider_token},
        files={"file": (seed.name, seed.read_bytes(), "text/plain")},
    )
    assert refused.status_code == 403 and "没有分配单位" in refused.text
    client, token = browser(app, "danwei")
    assert "导入并审核" in client.get("/import").text
    # seed 003 is in the database already: offered to be opened, not stored again
    count = len(client.get("/api/documents").json())
    same = client.post(
        "/import",
        data={"csrf_token": token},
        files={"file": ("另存为.txt", seed.read_bytes(), "text/plain")},
    )
    assert same.status_code == 409 and 'id="open-existing"' in same.text
    assert "乐亭县行政审批局2025年部门预算绩效信息" in same.text and "仍然导入为新文档" in same.text
    assert len(client.get("/api/documents").json()) == count
    result = client.post(
        "/import",
        data={"csrf_token": token, "again": "1"},
        files={"file": (seed.name, seed.read_bytes(), "text/plain")},
    )
    assert result.status_code == 200
    assert "已导入" in result.text and "识别出 8 个项目" in result.text
    assert len(client.get("/api/documents").json()) == count + 1
    bad = client.post(
        "/import", data={"csrf_token": token}, files={"file": ("a.txt", b"", "text/plain")}
    )
    assert bad.status_code == 400 and "文件是空的" in bad.text
    reviewer, _ = browser(app, "shenhe")
    assert reviewer.get("/import").status_code == 403


def _form(page: str, form_id: str = "editor") -> dict[str, list[str]]:
    """A form's fields as posted (inputs, selects, textareas); the editor's by default."""
    form = page.split(f'id="{form_id}"', 1)[1].split("</form>", 1)[0]
    fields: dict[str, list[str]] = {}
    for name, value in re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', form):
        fields.setdefault(name, []).append(value)
    for name, body in re.findall(r'<select name="([^"]+)">(.*?)</select>', form, re.S):
        chosen = re.search(r"<option selected>([^<]*)</option>", body)
        first = re.search(r"<option[^>]*>([^<]*)</option>", body)
        fields.setdefault(name, []).append((chosen or first).group(1) if (chosen or first) else "")
    for name, body in re.findall(r'<textarea name="([^"]+)"[^>]*>(.*?)</textarea>', form, re.S):
        fields.setdefault(name, []).append(body)
    return fields


def _unescape(fields: dict[str, list[str]]) -> dict[str, list[str]]:
    import html

    return {k: [html.unescape(v) for v in vs] for k, vs in fields.items()}


def test_editor_live_review_save_and_conflict(app: FastAPI) -> None:
    client, token = browser(app, "danwei")
    page = client.get("/projects/1")
    assert page.status_code == 200
    assert "findings-ind0" in page.text and "添加指标" in page.text
    fields = _unescape(_form(page.text))
    assert fields["csrf_token"] == [token]
    # the live review answers with out-of-band fragments, one per field
    empty_goals = {**fields, "goals": [""]}
    check = client.post("/projects/1/check", data=empty_goals, headers={"HX-Request": "true"})
    assert check.status_code == 200
    assert 'id="findings-goals" hx-swap-oob="true"' in check.text
    goals_part = check.text.split('id="findings-goals"', 1)[1].split("</ul>", 1)[0]
    assert "finding" in goals_part  # empty goals are a finding
    # save: the name is escaped on every page
    evil = "<script>alert(1)</script>项目"
    saved = client.post("/projects/1", data={**fields, "name": [evil]})
    assert saved.status_code == 200 and "已保存" in saved.text
    assert evil not in saved.text and "&lt;script&gt;alert(1)&lt;/script&gt;项目" in saved.text
    doc = client.get("/documents/1")
    assert evil not in doc.text
    # a second save with the version read before is refused with a clear message
    stale = client.post("/projects/1", data={**fields, "name": ["别的名称"]})
    assert stale.status_code == 409
    assert "该项目已被他人修改" in stale.text
    # bad numbers are reported, not stored
    bad = client.post("/projects/1/check", data={**fields, "budget_total": ["十万"]})
    assert "不是有效的数字" in bad.text


def test_editor_indicator_rows(app: FastAPI) -> None:
    client, _ = browser(app, "danwei")
    fields = _unescape(_form(client.get("/projects/1").text))
    count = len(fields["ind_name"])
    # remove the last row, reorder the first two, add one
    rows = {k: fields[k] for k in fields if k.startswith("ind_")}
    for key, values in rows.items():
        values = values[:-1]
        values[0], values[1] = values[1], values[0]
        extra = {
            "ind_level1": "产出指标",
            "ind_level2": "数量指标",
            "ind_name": "新增指标",
            "ind_value_text": "≥10个",
        }
        values.append(extra.get(key, ""))
        fields[key] = values
    saved = client.post("/projects/1", data=fields)
    assert saved.status_code == 200, saved.text[:500]
    after = _unescape(_form(saved.text))
    assert len(after["ind_name"]) == count
    assert after["ind_name"][0] == rows["ind_name"][1]
    assert after["ind_name"][-1] == "新增指标"
    assert after["ind_level1"][-1] == "产出指标"


def test_workflow_and_comments_through_forms(app: FastAPI) -> None:
    unit, unit_token = browser(app, "danwei")
    reviewer, reviewer_token = browser(app, "shenhe")
    done = unit.post("/documents/1/workflow/submit", data={"csrf_token": unit_token})
    assert "已提交" in done.text
    started = reviewer.post("/documents/1/workflow/start", data={"csrf_token": reviewer_token})
    assert "审核中" in started.text and "退回修改" in started.text
    editor = unit.get("/projects/1")
    assert "<fieldset disabled>" in editor.text and "审核中，不能修改" in editor.text
    reviewer_editor = reviewer.get("/projects/1")
    assert 'id="comment-form"' in reviewer_editor.text
    commented = reviewer.post(
        "/documents/1/comments",
        data={
            "csrf_token": reviewer_token,
            "project_id": "1",
            "indicator_id": "1",
            "body": "指标值 <b>请量化</b>",
            "back": "/projects/1",
        },
    )
    assert commented.status_code == 200
    assert "指标值 &lt;b&gt;请量化&lt;/b&gt;" in commented.text
    returned = reviewer.post(
        "/documents/1/workflow/return", data={"csrf_token": reviewer_token, "comment": "请修改"}
    )
    assert "退回" in returned.text
    seen = unit.get("/projects/1")
    assert "指标值 &lt;b&gt;请量化&lt;/b&gt;" in seen.text and "<fieldset >" in seen.text
    assert unit.get("/documents/1/export/report.html").status_code == 200


def test_saving_unchanged_form_records_nothing(app: FastAPI) -> None:
    client, _ = browser(app, "danwei")
    fields = _unescape(_form(client.get("/projects/1").text))
    before = client.get("/documents/1").text.count("修改项目")
    assert client.post("/projects/1", data=fields).status_code == 200
    assert client.get("/documents/1").text.count("修改项目") == before


def test_htmx_without_session_is_sent_to_login(app: FastAPI) -> None:
    client = TestClient(app)
    token = TOKEN.search(client.get("/login").text)
    assert token
    response = client.post(
        "/projects/1/check",
        headers={"HX-Request": "true", "X-CSRF-Token": token.group(1)},
        data={},
    )
    assert response.status_code == 401 and response.headers["HX-Redirect"] == "/login"


def test_reviewer_sees_no_edit_controls(app: FastAPI) -> None:
    reviewer, _ = browser(app, "shenhe")
    page = reviewer.get("/projects/1")
    assert "<fieldset disabled>" in page.text
    assert "提交审核" not in reviewer.get("/documents/1").text


def test_editor_rows_carry_their_indicator_ids(app: FastAPI) -> None:
    """Reordering rows in the form moves each indicator's comments with it."""
    unit, unit_token = browser(app, "danwei")
    reviewer, reviewer_token = browser(app, "shenhe")
    fields = _unescape(_form(unit.get("/projects/1").text))
    first_id, first_name = fields["ind_key"][0], fields["ind_name"][0]
    assert first_id.isdigit()
    unit.post("/documents/1/workflow/submit", data={"csrf_token": unit_token})
    reviewer.post("/documents/1/workflow/start", data={"csrf_token": reviewer_token})
    reviewer.post(
        "/documents/1/comments",
        data={
            "csrf_token": reviewer_token,
            "indicator_id": first_id,
            "body": "第一条指标的意见",
            "back": "/projects/1",
        },
    )
    reviewer.post(
        "/documents/1/workflow/return", data={"csrf_token": reviewer_token, "comment": "请改"}
    )
    fields = _unescape(_form(unit.get("/projects/1").text))
    rows = [k for k in fields if k.startswith("ind_")]
    for key in rows:  # the first row goes to the end
        fields[key] = [*fields[key][1:], fields[key][0]]
    saved = unit.post("/projects/1", data=fields)
    assert saved.status_code == 200 and "已保存" in saved.text
    after = _unescape(_form(saved.text))
    assert after["ind_key"][-1] == first_id and after["ind_name"][-1] == first_name
    notes = saved.text.split('id="findings-ind', 1)[1]
    last_row = notes.rsplit('id="findings-ind', 1)[1]
    assert "第一条指标的意见" in last_row  # shown under the moved row, not under row 1
    first_row = notes.split('id="findings-ind', 1)[0]
    assert "第一条指标的意见" not in first_row


def test_department_goals_form(app: FastAPI) -> None:
    client, _ = browser(app, "danwei")
    doc = client.get("/documents/1")
    assert 'id="edit-department"' in doc.text
    form = client.get("/documents/1/department")
    assert form.status_code == 200 and "部门整体目标" in form.text
    fields = _unescape(_form(form.text, "department-form"))
    assert fields["overall_goals"][0].strip()  # the seed's goals are in the form
    evil = "<script>x</script>提高政务服务效率"
    fields["overall_goals"] = [fields["overall_goals"][0] + "\n" + evil]
    fields["safeguards"] = ["  加强绩效监控  ", "", "严格预算执行\r\n"]  # one box per goal
    saved = client.post("/documents/1/department", data=fields)
    assert saved.status_code == 200 and "已保存" in saved.text
    assert evil not in saved.text and "&lt;script&gt;x&lt;/script&gt;提高政务服务效率" in saved.text
    assert "<li>加强绩效监控</li><li>严格预算执行</li>" in saved.text
    assert "修改部门目标" in saved.text  # in the audit log on the document page
    stale = client.post("/documents/1/department", data={**fields, "title": ["另一个标题"]})
    assert stale.status_code == 409 and "部门整体目标已被他人修改" in stale.text
    assert "另一个标题" in stale.text  # what the user typed is kept in the form
    fresh = _unescape(_form(client.get("/documents/1/department").text, "department-form"))
    bad = client.post("/documents/1/department", data={**fresh, "fiscal_year": ["二〇二五"]})
    assert bad.status_code == 400 and "四位年份" in bad.text
    reviewer, _ = browser(app, "shenhe")
    assert 'id="edit-department"' not in reviewer.get("/documents/1").text
    assert "<fieldset disabled>" in reviewer.get("/documents/1/department").text
    fresh["csrf_token"] = [TOKEN.search(reviewer.get("/documents/1/department").text).group(1)]  # type: ignore[union-attr]
    assert reviewer.post("/documents/1/department", data=fresh).status_code == 403


def test_editor_shows_a_document_wide_finding_at_each_row_it_fixes(app: FastAPI) -> None:
    """Seed 001 writes every value “≥9595%以上”: VAL-08 reports the habit once for the document;
    each project's editor still marks its own rows, with that row's part of the safe fix."""
    from jixiao.reading import read_path
    from jixiao.review import review
    from jixiao.web.views.editor import project_findings

    doc = read_path(SEEDS["001"])
    findings = review(doc).findings
    [habit] = [f for f in findings if f.code == "VAL-08" and f.project_seq is None]
    assert habit.fix is not None
    first = doc.projects[0]
    shown = [f for f in project_findings(findings, first.seq, 0) if f.code == "VAL-08"]
    rows = {f.indicator_index for f in shown}
    expected = {
        int(e.path.split("indicators[", 1)[1].split("]", 1)[0])
        for e in habit.fix.edits
        if e.path.startswith("projects[0].")
    }
    assert rows == expected and rows
    for f in shown:
        assert f.fix is not None and len(f.fix.edits) == 1
        assert f.fix.edits[0].path == f"projects[0].indicators[{f.indicator_index}].value_text"
    client, _ = browser(app, "admin")
    documents = sorted(set(re.findall(r"/documents/(\d+)", client.get("/").text)), key=int)
    pages = [client.get(f"/documents/{d}").text for d in documents]
    [seed] = [text for text in pages if doc.projects[0].name in text]
    first_id = re.findall(r"/projects/(\d+)", seed)[0]
    page = client.get(f"/projects/{first_id}")
    assert page.status_code == 200
    assert page.text.count('data-code="VAL-08"') == len(rows)
    assert "一键修正" in page.text
