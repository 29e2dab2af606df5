"""Housekeeping of the workbench pages: a Chinese 404 page (JSON stays for the API), the
favicon, API docs from local files, export file names, the import hint once, titles from the
document, times in the installation's time zone, and the department page that changes
nothing when saved without edits (seed 003's multi-line 分目标)."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime, timedelta
from urllib.parse import unquote

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from jixiao.model import Department, Document, Project, SourceInfo, Unit
from jixiao.web.display import (
    attachment_header,
    document_title,
    export_filename,
    field_label,
    local_time,
    unit_name,
)
from tests.web.conftest import Login
from tests.web.test_pages import _form, _unescape, browser


def _document_ids(client: TestClient) -> dict[str, int]:
    """Seed file name → document id, from the API's document list."""
    listing = client.get("/api/documents").json()
    items = listing["items"] if isinstance(listing, dict) else listing
    return {d["source_name"]: d["id"] for d in items}


def _seed_003(client: TestClient) -> int:
    ids = _document_ids(client)
    return next(i for name, i in ids.items() if name.startswith("003"))


# -- error pages, favicon, API docs ----------------------------------------------------------


def test_unknown_url_is_a_chinese_page_for_browsers_and_json_for_the_api(app: FastAPI) -> None:
    client = TestClient(app)
    page = client.get("/no/such/page")
    assert page.status_code == 404
    assert page.headers["content-type"].startswith("text/html")
    assert "页面不存在" in page.text and "返回首页" in page.text and "Not Found" not in page.text
    api = client.get("/api/no/such/thing")
    assert api.status_code == 404 and api.headers["content-type"] == "application/json"
    signed_in, _ = browser(app, "danwei")
    mine = signed_in.get("/no/such/page")
    assert mine.status_code == 404 and "退出" in mine.text  # the header knows who is signed in
    missing = signed_in.get("/documents/999999")
    assert missing.status_code == 404 and "页面不存在" in missing.text


def test_favicon_is_served_and_linked(app: FastAPI) -> None:
    client = TestClient(app)
    icon = client.get("/favicon.ico")
    assert icon.status_code == 200 and icon.headers["content-type"].startswith("image/svg+xml")
    assert icon.text.lstrip().startswith("<svg")
    login_page = client.get("/login").text
    assert '<link rel="icon" href="/static/favicon.svg"' in login_page
    assert client.get("/static/favicon.svg").status_code == 200


@pytest.mark.parametrize("path", ["/api/docs", "/api/redoc"])
def test_api_docs_load_only_local_files(app: FastAPI, path: str) -> None:
    client = TestClient(app)
    page = client.get(path)
    assert page.status_code == 200
    assert not re.search(r"(?:src|href)=\"(?:https?:)?//", page.text), page.text  # no CDN
    assets = re.findall(r"(?:src|href)=\"(/static/[^\"]+)\"", page.text)
    assert any(a.endswith(".js") for a in assets)
    for asset in assets:
        response = client.get(asset)
        assert response.status_code == 200, asset
        assert len(response.content) > 100, asset
    if path == "/api/docs":  # its set-up is a file, so the CSP stays on
        assert "script-src 'self'" in page.headers["content-security-policy"]
        assert "<script>" not in page.text


# -- exports, import errors, titles -----------------------------------------------------------


def test_export_names_say_unit_year_and_content(login: Login) -> None:
    client = login("admin")
    doc_id = _seed_003(client)
    response = client.get(f"/api/documents/{doc_id}/export/json")
    assert response.status_code == 200
    header = response.headers["content-disposition"]
    match = re.search(r"filename\*=UTF-8''(\S+)", header)
    assert match, header
    assert unquote(match.group(1)) == "乐亭县行政审批局_2025_绩效目标.json"
    assert f'filename="document-{doc_id}.json"' in header  # ASCII stand-in for old clients
    report = client.get(f"/documents/{doc_id}/export/report.html")
    assert "%E5%AE%A1%E6%A0%B8%E6%8A%A5%E5%91%8A.html" in report.headers["content-disposition"]


def test_export_filename_parts() -> None:
    doc = Document(
        source=SourceInfo(name="x.txt", format="text", sha256="0" * 64),
        fiscal_year=2024,
        projects=[Project(seq=1, name="p", unit=Unit(name="某县/财政局本级"))],
    )
    assert export_filename(doc, 7, "pdf") == "某县财政局_2024_绩效目标.pdf"
    assert export_filename(doc, 7, "report.xlsx") == "某县财政局_2024_审核意见表.xlsx"
    bare = doc.model_copy(update={"projects": [], "fiscal_year": None})
    assert export_filename(bare, 7, "docx") == "文档7_绩效目标.docx"
    assert document_title(doc) == "某县/财政局2024年部门预算绩效信息"
    assert document_title(bare) == "x.txt"
    own = doc.model_copy(update={"department": Department(unit=Unit(name="某局"))})
    assert document_title(own) == "某局2024年部门预算绩效信息"
    header = attachment_header("乐亭_2025.pdf", "document-1.pdf")
    assert header == (
        "attachment; filename=\"document-1.pdf\"; filename*=UTF-8''%E4%B9%90%E4%BA%AD_2025.pdf"
    )
    assert unit_name("乐亭县行政审批局本级") == "乐亭县行政审批局" and unit_name("本级") == "本级"
    assert field_label("budget") == "资金" and field_label("indicators[2].value") == "绩效指标"
    assert field_label("zzz") == "其他" and field_label(None) == ""


def test_import_error_shows_its_hint_once(app: FastAPI) -> None:
    client, token = browser(app, "danwei")
    response = client.post(
        "/import",
        data={"csrf_token": token},
        files={"file": ("空白.txt", "这是一份没有绩效目标表的文字。\n".encode(), "text/plain")},
    )
    assert response.status_code == 400
    assert response.text.count("处理建议") == 1, response.text


def test_documents_are_listed_by_unit_and_year_not_file_name(app: FastAPI) -> None:
    client, _ = browser(app, "admin")
    listing = client.get("/").text
    assert "乐亭县行政审批局2025年部门预算绩效信息" in listing
    assert ">003_a8ba5af9fb959666.txt<" not in listing
    # a document's own title still wins
    assert "秦皇岛市北戴河区人民政府办公室2020年部门预算绩效信息" in listing


# -- times ------------------------------------------------------------------------------------


def test_local_time_uses_the_installation_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    at = datetime(2025, 3, 1, 20, 30, tzinfo=UTC)
    monkeypatch.delenv("JIXIAO_TIMEZONE", raising=False)
    assert local_time(at) == "2025-03-02 04:30"  # Beijing is UTC+8
    monkeypatch.setenv("JIXIAO_TIMEZONE", "Europe/Berlin")
    assert local_time(at, "%H:%M") == "21:30"
    assert local_time(at.replace(tzinfo=None), "%H:%M") == "21:30"  # naive means UTC
    monkeypatch.setenv("JIXIAO_TIMEZONE", "Mars/Olympus")
    with pytest.raises(Exception, match="时区设置无效"):
        local_time(at)


def test_audit_and_comment_times_are_beijing_time(app: FastAPI, login: Login) -> None:
    api = login("danwei")
    doc_id = _seed_003(api)
    audit = api.get(f"/api/documents/{doc_id}/audit").json()
    stored = datetime.fromisoformat(audit[0]["at"])
    beijing = (stored.astimezone(UTC) + timedelta(hours=8)).strftime("%Y-%m-%d %H:%M:%S")
    client, _ = browser(app, "danwei")
    page = client.get(f"/documents/{doc_id}").text
    assert "时间（北京时间）" in page
    assert beijing in page, beijing


# -- department page (item 7) ----------------------------------------------------------------


def test_department_saved_without_edits_changes_nothing(app: FastAPI, login: Login) -> None:
    api = login("admin")
    client, _ = browser(app, "admin")
    for name, doc_id in _document_ids(api).items():
        before = api.get(f"/api/documents/{doc_id}").json()
        form = client.get(f"/documents/{doc_id}/department").text
        fields = _unescape(_form(form, "department-form"))
        saved = client.post(f"/documents/{doc_id}/department", data=fields)
        assert saved.status_code == 200, (name, saved.text[:500])
        after = api.get(f"/api/documents/{doc_id}").json()
        assert after["document"]["department"] == before["document"]["department"], name
        assert after["version"] == before["version"], name
        actions = [a["action"] for a in api.get(f"/api/documents/{doc_id}/audit").json()]
        assert "修改部门目标" not in actions, name
        if name.startswith("003"):
            assert len(after["document"]["department"]["sub_goals"]) == 8
            assert form.count('<textarea name="sub_goals"') == 8


def test_department_multi_line_goal_edited_alone(app: FastAPI, login: Login) -> None:
    api = login("admin")
    doc_id = _seed_003(api)
    before = api.get(f"/api/documents/{doc_id}").json()["document"]["department"]["sub_goals"]
    assert "\n" in before[0]
    client, _ = browser(app, "admin")
    fields = _unescape(_form(client.get(f"/documents/{doc_id}/department").text, "department-form"))
    fields["sub_goals"][1] = fields["sub_goals"][1].replace("\n", "\r\n") + "\r\n目标 9：新增"
    fields["sub_goals"].append("")  # an empty box added and left blank
    saved = client.post(f"/documents/{doc_id}/department", data=fields)
    assert saved.status_code == 200
    after = api.get(f"/api/documents/{doc_id}").json()["document"]["department"]["sub_goals"]
    assert len(after) == 8
    assert after[1] == before[1] + "\n目标 9：新增"
    assert after[0] == before[0] and after[2:] == before[2:]
    page = html.unescape(client.get(f"/documents/{doc_id}").text)
    assert "目标 9：新增" in page
