"""The 运行监控, 绩效自评 and overview pages: lights and scores as the engines compute them,
the live check (htmx), saving, importing, the stage workflow, all in the user's words."""

from __future__ import annotations

import re
from importlib.resources import files
from typing import Any

from fastapi.testclient import TestClient

from tests.web.conftest import Login
from tests.web.test_lifecycle_api import XLSX, project_3, seed_000

MONITOR_XLSX = (files("jixiao") / "examples" / "000_运行监控填报.xlsx").read_bytes()


def csrf(client: TestClient) -> str:
    return str(client.headers["X-CSRF-Token"])


def monitoring_form(client: TestClient, pid: int, **changes: str) -> dict[str, Any]:
    """The monitoring form as the page fills it (inputs and checked boxes), with changes."""
    html = client.get(f"/projects/{pid}/monitoring?month=7").text
    form: dict[str, Any] = {"csrf_token": csrf(client)}
    for name, value in re.findall(r'<input name="(\w+)" value="([^"]*)"', html):
        form[name] = value
    for name, value in re.findall(
        r'<input type="checkbox" name="(\w+)" value="([^"]*)" checked', html
    ):
        form.setdefault(name, []).append(value)
    for name, options in re.findall(r'<select name="(likelihood_\d+)"[^>]*>(.*?)</select>', html):
        chosen = re.search(r"<option selected>([^<]*)</option>", options)
        form[name] = chosen.group(1) if chosen else ""
    form["version"] = re.search(r'name="version" value="(\d+)"', html).group(1)  # type: ignore[union-attr]
    form.update(changes)
    return form


def test_monitoring_page_lights_causes_and_findings_in_chinese(login: Login) -> None:
    client = login("danwei")
    pid = project_3(client)
    page = client.get(f"/projects/{pid}/monitoring?month=7")
    assert page.status_code == 200
    html = page.text
    assert "运行监控（1–7月）：审批局代理记账、专网费" in html
    assert re.search(r'id="light-0" class="row-light"><span class="light light-red"', html)
    assert 'title="完成值 ÷ 年度指标值 × 100 = 50 ÷ 95 × 100 = 52.63%"' in html
    assert "红灯、黄灯指标须填写偏差原因和完成目标可能性</b>，否则不能提交审核" in html
    assert "已填写偏差原因（红灯、黄灯必填）" in html  # the seed's causes are given
    assert "1–7月预算执行率 20.00%，落后于序时进度（58.33%）（红灯）" in html
    shown = re.sub(r"<[^>]+>", "", html.split('id="mon-findings"')[1])
    assert shown.lstrip(">").startswith("错误 1–7月预算执行率")
    for code in ("in_review", "draft", 'monitor"', "achieved_text"):
        assert code not in re.sub(r"<[^>]+>", "", html)  # no enum codes or field paths shown
    # the live check: a red value made green, a cause removed and asked for
    form = monitoring_form(client, pid, achieved_0="96%")
    checked = client.post(
        f"/projects/{pid}/monitoring/check?month=7", data=form, headers={"HX-Request": "true"}
    )
    assert re.search(
        r'id="light-0" class="row-light" hx-swap-oob="true"><span class="light light-green"',
        checked.text,
    )
    form = monitoring_form(client, pid)
    form.pop("causes_0")
    form["likelihood_0"] = ""
    checked = client.post(f"/projects/{pid}/monitoring/check?month=7", data=form)
    assert re.search(
        r'id="need-\d" class="need-cause" hx-swap-oob="true">须填写偏差原因和完成目标可能性',
        checked.text,
    )
    assert "否则不能提交审核：综合事务保障率" in checked.text
    wrong = client.post(
        f"/projects/{pid}/monitoring/check?month=7", data={**form, "executed": "二十"}
    )
    assert "“1–7月执行数”不是有效的数字：二十" in wrong.text


def test_monitoring_save_submit_refused_without_cause_then_review(login: Login) -> None:
    unit, reviewer = login("danwei"), login("shenhe")
    pid = project_3(unit)
    form = monitoring_form(unit, pid, achieved_2="76%")
    form.pop("causes_0")
    form["likelihood_0"] = ""
    saved = unit.post(f"/projects/{pid}/monitoring?month=7", data=form, follow_redirects=False)
    assert saved.status_code == 303 and saved.headers["location"].endswith("saved=1")
    page = unit.get(saved.headers["location"]).text
    assert "已保存" in page and 'value="76%"' in page
    assert "项目 3 运行监控（1–7月）的指标“活动完成率”的完成值" in page  # the audit, in words
    refused = unit.post(
        f"/projects/{pid}/monitoring/workflow/submit?month=7",
        data={"csrf_token": csrf(unit)},
    )
    assert "红灯、黄灯指标须填写偏差原因和完成目标可能性：综合事务保障率" in refused.text
    assert 'id="stage-status">填报中' in refused.text
    form = monitoring_form(unit, pid, likelihood_0="有可能")
    form["causes_0"] = ["人员保障"]
    unit.post(f"/projects/{pid}/monitoring?month=7", data=form)
    done = unit.post(
        f"/projects/{pid}/monitoring/workflow/submit?month=7", data={"csrf_token": csrf(unit)}
    )
    assert "已提交审核。" in done.text and 'id="stage-status">已提交' in done.text
    assert '<input disabled name="achieved_0"' in done.text
    started = reviewer.post(
        f"/projects/{pid}/monitoring/workflow/start?month=7", data={"csrf_token": csrf(reviewer)}
    )
    assert 'id="stage-status">审核中' in started.text and "提意见" in started.text
    returned = reviewer.post(
        f"/projects/{pid}/monitoring/workflow/return?month=7",
        data={"csrf_token": csrf(reviewer), "comment": "执行数与国库支付数据不一致"},
    )
    assert 'id="stage-status">已退回' in returned.text
    assert (
        "执行数与国库支付数据不一致" in returned.text
        and "关于：运行监控：退回意见" in returned.text
    )


def test_selfeval_page_scores_formulas_and_live_total(login: Login) -> None:
    client = login("danwei")
    pid = project_3(client)
    html = client.get(f"/projects/{pid}/selfeval").text
    assert 'id="total" data-total="99.80">99.80' in html and ">优</b>" in html
    assert (
        'id="score-0" class="score" title="正向指标：得分 = 分值 × min(实际完成值 ÷ 年度指标值, 1)'
        ' = 50 × min(100 ÷ 95, 1) = 50.00"' in html
    )
    assert 'title="预算执行：得分 = 分值 × min(全年执行数 ÷ 全年预算数, 1)' in html
    form = {
        "csrf_token": csrf(client),
        "initial_budget": "10",
        "annual_budget": "10",
        "executed": "9.8",
        "actual_0": "48%",
        "actual_1": "97%",
        "actual_2": "96%",
    }
    live = client.post(f"/projects/{pid}/selfeval/check", data=form).text
    assert 'id="score-0" class="score" hx-swap-oob="true"' in live
    assert 'data-score="25.26"' in live and 'data-total="75.06"' in live and ">中</b>" in live
    assert "偏差原因分析及改进措施" in live  # EVA-08: below full points without analysis
    form["na_0"] = "1"
    rescaled = client.post(f"/projects/{pid}/selfeval/check", data=form).text
    assert "不适用" in rescaled and "按百分制折算" in rescaled
    version = re.search(r'name="version" value="(\d+)"', html).group(1)  # type: ignore[union-attr]
    saved = client.post(f"/projects/{pid}/selfeval", data={**form, "version": version})
    assert "已保存" in saved.text and "自评等级" in saved.text
    stale = client.post(f"/projects/{pid}/selfeval", data={**form, "version": version})
    assert stale.status_code == 409 and "已被他人修改" in stale.text


def test_import_and_template_on_the_pages(login: Login) -> None:
    client = login("danwei")
    pid = project_3(client)
    download = client.get(f"/projects/{pid}/monitoring/template.xlsx?month=6")
    assert download.headers["content-type"] == XLSX
    assert "filename*=UTF-8''3_" in download.headers["content-disposition"]
    bad = client.post(
        f"/projects/{pid}/monitoring/import?month=7",
        data={"csrf_token": csrf(client)},
        files={"file": ("监控.xlsx", b"PK no zip", XLSX)},
    )
    assert "未导入：监控.xlsx：不是有效的填报表 XLSX 文件" in bad.text
    good = client.post(
        f"/projects/{pid}/monitoring/import?month=7",
        data={"csrf_token": csrf(client)},
        files={"file": ("监控.xlsx", MONITOR_XLSX, XLSX)},
    )
    assert "已导入填报表。" in good.text
    reviewer = login("shenhe").get(f"/projects/{pid}/monitoring?month=7").text
    assert 'id="import-actuals"' not in reviewer and '<input disabled name="executed"' in reviewer


def test_overview_lists_every_project_with_a_chart(login: Login) -> None:
    client = login("danwei")
    doc = seed_000(client)
    document_page = client.get(f"/documents/{doc['id']}").text
    assert f'href="/documents/{doc["id"]}/overview"' in document_page
    html = client.get(f"/documents/{doc['id']}/overview").text
    assert '<script src="/static/echarts.min.js" defer></script>' in html
    data = re.search(r'<script type="application/json" id="chart-data">(.*?)</script>', html, re.S)
    assert data and '"自评得分"' in data.group(1)
    rows = re.findall(r'<tr data-project="(\d+)">', html)
    assert rows == [str(p["id"]) for p in doc["projects"]]
    assert "99.80" in html and "20.00%" in html and "红灯" in html
    assert "运行监控：" in html and "绩效自评：" in html
    other = login("other").get(f"/documents/{doc['id']}/overview")
    assert other.status_code == 403


def test_saving_the_targets_keeps_the_years_records(login: Login) -> None:
    from tests.web.test_pages import _form, _unescape

    client = login("danwei")
    pid = project_3(client)
    fields = _unescape(_form(client.get(f"/projects/{pid}").text))
    fields["purpose"] = ["代理记账和专网运行（已改）"]
    fields["csrf_token"] = [csrf(client)]
    saved = client.post(f"/projects/{pid}", data=fields, follow_redirects=False)
    assert saved.status_code == 303
    monitoring = client.get(f"/api/projects/{pid}/monitoring").json()
    assert monitoring["record"]["executed"] == 2
    assert client.get(f"/api/projects/{pid}/selfeval").json()["results"][0]["total"] == 99.8
    page = client.get(f"/projects/{pid}").text
    assert (
        f'href="/projects/{pid}/monitoring"' in page and f'href="/projects/{pid}/selfeval"' in page
    )


def test_overview_shows_the_departments_own_records(login: Login) -> None:
    from jixiao.workbench.demo import seed_documents, with_example_actuals

    name, _, doc = next(s for s in seed_documents() if s[0].startswith("000_"))
    doc = with_example_actuals(name, doc)
    first = doc.projects[0]
    department = doc.department.model_copy(
        update={
            "indicators": first.indicators,
            "budget": doc.department.budget or first.budget,
            "monitoring": first.monitoring,
            "self_evaluation": first.self_evaluation,
        }
    )
    data = doc.model_copy(update={"department": department}).to_json().encode()
    client = login("danwei")
    made = client.post("/api/documents", files={"file": ("部门.json", data, "application/json")})
    assert made.status_code == 201, made.text
    html = client.get(f"/documents/{made.json()['id']}/overview").text
    row = html.split('id="department-row"', 1)[1].split("</tr>", 1)[0]
    assert "部门整体" in row and "1–7月" in row and ">优</b>" in row


def test_overview_without_any_record_shows_no_empty_chart(login: Login) -> None:
    from tests.web.test_api_workbench import _unit_id

    unit_id = _unit_id(login("admin"))
    client = login("danwei")
    made = client.post("/api/documents/new", json={"unit_id": unit_id, "year": 2026}).json()
    client.post(f"/api/documents/{made['id']}/projects", json={"name": "智慧审批系统运维"})
    html = client.get(f"/documents/{made['id']}/overview").text
    assert "还没有项目填报预算执行数或绩效自评" in html
    assert 'id="chart-data"' not in html and "echarts.min.js" not in html
