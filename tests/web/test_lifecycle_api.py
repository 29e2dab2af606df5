"""The 运行监控 / 绩效自评 API: results as the CLI prints them, saving, importing the 填报
workbook, the stages' workflow with comments, and access refused."""

from __future__ import annotations

import io
import json
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from jixiao.lifecycle.actuals import apply_actuals
from jixiao.lifecycle.monitoring import monitor_document
from jixiao.lifecycle.report import monitoring_json, scores_json
from jixiao.lifecycle.scoring import score_document
from jixiao.workbench.demo import seed_documents
from tests.web.conftest import Login

EXAMPLES = files("jixiao") / "examples"
MONITOR_XLSX = (EXAMPLES / "000_运行监控填报.xlsx").read_bytes()
SELFEVAL_XLSX = (EXAMPLES / "000_绩效自评填报.xlsx").read_bytes()
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def seed_000(client: TestClient) -> dict[str, Any]:
    docs = client.get("/api/documents").json()
    return next(d for d in docs if d["source_name"].startswith("000_"))


def project_3(client: TestClient) -> int:
    """Seed 000's third project: a red and a yellow indicator in July (causes given)."""
    return int(seed_000(client)["projects"][2]["id"])


def test_openapi_has_the_lifecycle_routes_with_chinese_summaries(login: Login) -> None:
    schema = login("danwei").get("/openapi.json").json()
    paths = schema["paths"]
    for path, method, summary in (
        ("/api/projects/{project_id}/monitoring", "get", "运行监控结果"),
        ("/api/projects/{project_id}/monitoring", "put", "保存运行监控填报"),
        ("/api/projects/{project_id}/selfeval", "get", "绩效自评结果"),
        ("/api/projects/{project_id}/selfeval", "put", "保存绩效自评填报"),
        ("/api/projects/{project_id}/{stage}/import", "post", "导入填报表（XLSX）"),
        ("/api/projects/{project_id}/{stage}/workflow/{action}", "post", "填报流程操作"),
        ("/api/projects/{project_id}/{stage}/comments", "post", "提出审核意见"),
    ):
        assert paths[path][method]["summary"] == summary


def test_results_are_the_json_the_cli_prints(login: Login) -> None:
    client = login("danwei")
    _, _, doc = next(s for s in seed_documents() if s[0].startswith("000_"))
    doc, _, _ = apply_actuals(doc, MONITOR_XLSX, "m.xlsx")
    doc, _, _ = apply_actuals(doc, SELFEVAL_XLSX, "s.xlsx")
    cli_monitoring = json.loads(monitoring_json(monitor_document(doc, month=7)))["results"]
    cli_scores = json.loads(scores_json(score_document(doc)))["results"]
    for position, project in enumerate(seed_000(client)["projects"]):
        monitoring = client.get(f"/api/projects/{project['id']}/monitoring").json()
        assert monitoring["month"] == 7 and monitoring["status_label"] == "填报中"
        assert monitoring["results"] == [cli_monitoring[position]]
        selfeval = client.get(f"/api/projects/{project['id']}/selfeval").json()
        assert selfeval["results"] == [cli_scores[position]]
    third = client.get(f"/api/projects/{project_3(client)}/selfeval").json()["results"][0]
    assert third["total"] == 99.8 and third["grade"] == "优"  # numbers, as the CLI prints
    row = third["rows"][0]["scored"]
    assert row["score"] == 50 and "min(100 ÷ 95, 1)" in row["formula"]
    assert row["inputs"]["weight"] == 50


def test_put_actuals_turns_a_red_light_green_and_guards_versions(login: Login) -> None:
    client = login("danwei")
    pid = project_3(client)
    got = client.get(f"/api/projects/{pid}/monitoring").json()
    assert got["results"][0]["indicators"][0]["light"] == "red"
    record = got["record"]
    record["indicators"][0]["achieved_text"] = "96%"
    record["indicators"][0].pop("achieved", None)
    put = client.put(
        f"/api/projects/{pid}/monitoring", json={"version": got["version"], "record": record}
    )
    assert put.status_code == 200, put.text
    # the parsed value follows the text the client sent (no stale parse)
    body = put.json()
    assert body["results"][0]["indicators"][0]["light"] == "green"
    stale = client.put(
        f"/api/projects/{pid}/monitoring", json={"version": got["version"], "record": record}
    )
    assert stale.status_code == 409 and "已被他人修改" in stale.json()["detail"]
    assert (
        login("shenhe")
        .put(f"/api/projects/{pid}/monitoring", json={"version": body["version"], "record": record})
        .status_code
        == 403
    )
    assert login("other").get(f"/api/projects/{pid}/monitoring").status_code == 403
    assert TestClient(client.app).get(f"/api/projects/{pid}/monitoring").status_code == 401
    audit = client.get(f"/api/documents/{seed_000(client)['id']}/audit").json()
    entry = next(a for a in audit if a["action"] == "填报运行监控")
    assert entry["diff"] == {
        "项目 3 运行监控（1–7月）的指标“综合事务保障率”的完成值": {"old": "50%", "new": "96%"}
    }


def test_import_the_workbook_and_errors_by_row(login: Login) -> None:
    client = login("danwei")
    pid = project_3(client)
    template = client.get(f"/api/projects/{pid}/selfeval/template.xlsx")
    assert template.status_code == 200 and template.headers["content-type"] == XLSX
    book = load_workbook(io.BytesIO(template.content))
    sheet = book["指标"]
    assert sheet.max_row == 1 + 3  # the header and this project's three indicators
    header = [c.value for c in sheet[1]]
    sheet.cell(row=2, column=header.index("实际完成值") + 1, value="48")
    sheet.cell(row=3, column=header.index("达成情况") + 1, value="差不多")
    out = io.BytesIO()
    book.save(out)
    bad = client.post(
        f"/api/projects/{pid}/selfeval/import", files={"file": ("自评.xlsx", out.getvalue(), XLSX)}
    )
    assert bad.status_code == 400
    assert "“指标”表第 3 行“达成情况”的“差不多”不是可选值" in bad.json()["detail"]
    sheet.cell(row=3, column=header.index("达成情况") + 1).value = None
    out = io.BytesIO()
    book.save(out)
    good = client.post(
        f"/api/projects/{pid}/selfeval/import", files={"file": ("自评.xlsx", out.getvalue(), XLSX)}
    )
    assert good.status_code == 200, good.text
    scored = good.json()["results"][0]["rows"][0]["scored"]
    assert scored["score"] == 25.26  # 50 × 48 ÷ 95
    wrong_kind = client.post(
        f"/api/projects/{pid}/selfeval/import", files={"file": ("m.xlsx", MONITOR_XLSX, XLSX)}
    )
    assert wrong_kind.status_code == 400 and "这是运行监控填报表" in wrong_kind.json()["detail"]
    junk = client.post(
        f"/api/projects/{pid}/monitoring/import", files={"file": ("x.xlsx", b"not a zip", XLSX)}
    )
    assert junk.status_code == 400 and "不是有效的填报表" in junk.json()["detail"]
    whole = client.post(
        f"/api/projects/{pid}/monitoring/import", files={"file": ("m.xlsx", MONITOR_XLSX, XLSX)}
    )
    assert whole.status_code == 200 and whole.json()["month"] == 7


def test_stage_workflow_with_a_comment_on_a_score(login: Login) -> None:
    unit, reviewer = login("danwei"), login("shenhe")
    pid = project_3(client=unit)
    got = unit.get(f"/api/projects/{pid}/monitoring").json()
    record = got["record"]
    record["indicators"][0]["causes"] = []
    record["indicators"][0].pop("likelihood", None)
    saved = unit.put(
        f"/api/projects/{pid}/monitoring", json={"version": got["version"], "record": record}
    ).json()
    refused = unit.post(f"/api/projects/{pid}/monitoring/workflow/submit?month=7")
    assert refused.status_code == 400
    assert (
        "红灯、黄灯指标须填写偏差原因和完成目标可能性：综合事务保障率" in refused.json()["detail"]
    )
    record["indicators"][0]["causes"] = ["经费保障"]
    record["indicators"][0]["likelihood"] = "有可能"
    unit.put(
        f"/api/projects/{pid}/monitoring", json={"version": saved["version"], "record": record}
    )
    submitted = unit.post(f"/api/projects/{pid}/monitoring/workflow/submit?month=7")
    assert submitted.status_code == 200 and submitted.json()["status_label"] == "已提交"
    assert not submitted.json()["editable"]
    # self-evaluation: its own workflow
    assert unit.post(f"/api/projects/{pid}/selfeval/workflow/submit").json()["status"] == (
        "submitted"
    )
    assert unit.post(f"/api/projects/{pid}/selfeval/workflow/start").status_code == 403
    early = reviewer.post(
        f"/api/projects/{pid}/selfeval/comments", json={"body": "得分偏高", "indicator_id": None}
    )
    assert early.status_code == 409
    assert reviewer.post(f"/api/projects/{pid}/selfeval/workflow/start").status_code == 200
    indicator_id = reviewer.get(f"/api/projects/{pid}").json()["indicator_ids"][0]
    comment = reviewer.post(
        f"/api/projects/{pid}/selfeval/comments",
        json={"body": "实际完成值缺少佐证材料", "indicator_id": indicator_id},
    )
    assert comment.status_code == 201
    assert comment.json()["field"] == "绩效自评：得分"
    no_reason = reviewer.post(f"/api/projects/{pid}/selfeval/workflow/return", json={})
    assert no_reason.status_code == 400 and no_reason.json()["detail"] == "退回时请填写退回意见"
    returned = reviewer.post(
        f"/api/projects/{pid}/selfeval/workflow/return", json={"comment": "请补充佐证材料"}
    )
    assert returned.json()["status_label"] == "已退回"
    assert unit.get(f"/api/projects/{pid}/selfeval").json()["editable"]
    doc_id = seed_000(unit)["id"]
    comments = unit.get(f"/api/documents/{doc_id}/comments").json()
    assert {c["field"] for c in comments} >= {"绩效自评：得分", "绩效自评：退回意见"}
    actions = [a["action"] for a in unit.get(f"/api/documents/{doc_id}/audit").json()]
    for action in ("运行监控提交审核", "绩效自评提交审核", "绩效自评开始审核", "绩效自评退回修改"):
        assert action in actions
    again = unit.post(f"/api/projects/{pid}/monitoring/workflow/submit?month=7")
    assert again.status_code == 409 and "已提交" in again.json()["detail"]
    unknown = unit.post(f"/api/projects/{pid}/budget/workflow/submit")
    assert unknown.status_code == 400 and "未知的填报类型" in unknown.json()["detail"]


def test_the_scheme_comes_from_the_installations_configuration(
    login: Login, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = login("danwei")
    pid = project_3(client)
    central = client.get(f"/api/projects/{pid}/selfeval").json()["results"][0]
    assert central["scheme"] == "central" and central["budget"]["inputs"]["weight"] == 10
    (tmp_path / "jixiao.toml").write_text(
        '[scoring]\npreset = "hubei"\n[monitoring]\npreset = "sichuan"\n', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    hubei = client.get(f"/api/projects/{pid}/selfeval").json()["results"][0]
    assert hubei["scheme"] == "hubei" and hubei["budget"]["inputs"]["weight"] == 20
    monitoring = client.get(f"/api/projects/{pid}/monitoring").json()["results"][0]
    assert monitoring["scheme"] == "sichuan"
    (tmp_path / "jixiao.toml").write_text('[scoring]\npreset = "mars"\n', encoding="utf-8")
    broken = client.get(f"/api/projects/{pid}/selfeval")
    assert broken.status_code == 400 and "mars" in broken.json()["detail"]
