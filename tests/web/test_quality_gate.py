"""The quality gate on 提交审核 (JIXIAO_QUALITY_GATE): explain each error or be refused; the
reviewer reads the explanations first; ``refuse`` refuses; ``off`` lets through."""

from __future__ import annotations

import re

import pytest
from fastapi import FastAPI

from jixiao._exceptions import JixiaoError
from jixiao.workbench.quality_gate import gate_mode
from tests.web.conftest import Login
from tests.web.test_housekeeping import _document_ids
from tests.web.test_pages import browser


def _seed(login: Login, prefix: str) -> int:
    ids = _document_ids(login("admin"))
    return next(i for name, i in ids.items() if name.startswith(prefix))


def _status(login: Login, doc_id: int) -> str:
    return str(login("admin").get(f"/api/documents/{doc_id}").json()["status"])


def test_explain_each_error_before_submitting(
    app: FastAPI, login: Login, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JIXIAO_QUALITY_GATE", "explain")
    doc_id = _seed(login, "001")  # one 错误-level finding
    unit, token = browser(app, "danwei")
    page = unit.get(f"/documents/{doc_id}").text
    keys = re.findall(r'<textarea name="explain:([^"]+)"', page)
    assert len(keys) == 1 and "还有 1 个“错误”级审核意见" in page
    refused = unit.post(f"/documents/{doc_id}/workflow/submit", data={"csrf_token": token})
    assert refused.status_code == 200 and 'id="flash-error"' in refused.text
    assert "1 个没有说明原因" in refused.text and _status(login, doc_id) == "draft"
    blank = {"csrf_token": token, f"explain:{keys[0]}": "   "}
    assert "没有说明原因" in unit.post(f"/documents/{doc_id}/workflow/submit", data=blank).text
    why = "该项目为延续性项目，目标值按上级文件确定"
    done = unit.post(
        f"/documents/{doc_id}/workflow/submit",
        data={"csrf_token": token, f"explain:{keys[0]}": why},
    )
    assert "已提交审核" in done.text and _status(login, doc_id) == "submitted"
    reviewer, _ = browser(app, "shenhe")
    seen = reviewer.get(f"/documents/{doc_id}").text
    assert 'id="explanations"' in seen and why in seen
    assert seen.index('id="explanations"') < seen.index('class="workflow"')  # read first
    assert seen.index(why) < seen.index("<h2>审核意见</h2>")
    audit = [a["action"] for a in login("admin").get(f"/api/documents/{doc_id}/audit").json()]
    assert "提交审核" in audit


def test_api_takes_explanations(login: Login, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JIXIAO_QUALITY_GATE", "explain")
    doc_id = _seed(login, "001")
    unit = login("danwei")
    url = f"/api/documents/{doc_id}/workflow/submit"
    refused = unit.post(url, json={})
    assert refused.status_code == 403 and "没有说明原因" in refused.json()["detail"]
    findings = unit.get(f"/api/documents/{doc_id}/review").json()["findings"]
    errors = [f for f in findings if f["severity"] == "error"]
    assert len(errors) == 1
    f = errors[0]
    key = "|".join(
        [
            f["code"],
            "" if f.get("project_seq") is None else str(f["project_seq"]),
            "" if f.get("indicator_index") is None else str(f["indicator_index"]),
            f.get("field") or "",
        ]
    )
    ok = unit.post(url, json={"explanations": {key: "按上级文件确定"}})
    assert ok.status_code == 200, ok.text
    assert ok.json()["status"] == "submitted"


def test_refuse_and_off(app: FastAPI, login: Login, monkeypatch: pytest.MonkeyPatch) -> None:
    doc_id = _seed(login, "001")
    unit, token = browser(app, "danwei")
    monkeypatch.setenv("JIXIAO_QUALITY_GATE", "refuse")
    page = unit.get(f"/documents/{doc_id}").text
    assert re.search(r'id="action-submit" disabled', page)
    refused = unit.post(f"/documents/{doc_id}/workflow/submit", data={"csrf_token": token})
    assert "不能提交审核" in refused.text and _status(login, doc_id) == "draft"
    clean = _seed(login, "003")  # no 错误: the gate does not stand in the way
    assert (
        "已提交审核"
        in unit.post(f"/documents/{clean}/workflow/submit", data={"csrf_token": token}).text
    )
    monkeypatch.setenv("JIXIAO_QUALITY_GATE", "off")
    assert "explain:" not in unit.get(f"/documents/{doc_id}").text
    assert (
        "已提交审核"
        in unit.post(f"/documents/{doc_id}/workflow/submit", data={"csrf_token": token}).text
    )


def test_gate_setting_is_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JIXIAO_QUALITY_GATE", "Refuse ")
    assert gate_mode() == "refuse"
    monkeypatch.delenv("JIXIAO_QUALITY_GATE")
    assert gate_mode() == "explain"
    monkeypatch.setenv("JIXIAO_QUALITY_GATE", "maybe")
    with pytest.raises(JixiaoError, match="质量门设置无效"):
        gate_mode()
