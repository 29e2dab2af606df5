"""Search for units, projects and indicators (API and page), checked against the seeds.

Expected results come from reading and reviewing the seed files themselves, so the tests hold
whatever ids the database gives the rows and whichever backend runs them.
"""

from __future__ import annotations

import html
import re
from functools import cache
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from jixiao import read_path
from jixiao.model import Document
from jixiao.review import Report, review
from jixiao.review.merge import flatten
from jixiao.store.models import UnitRow, UserRow
from tests.conftest import SEEDS
from tests.web.conftest import Login
from tests.web.test_pages import browser

LEADING_CODE = "13022525P004RE210050L"  # seed 003, project 1
UNIT_CODE = "630002"  # seed 000, projects 1–4
UNIT_003 = "483001"  # the unit of seed 003
RARE_INDICATOR = "援疆干部探亲"  # seed 001, project 6, indicator 2


@cache
def _seed(name: str) -> tuple[Document, Report]:
    doc = read_path(SEEDS[name])
    return doc, review(doc)


def _all_seeds() -> list[tuple[Document, Report]]:
    return [_seed(name) for name in sorted(SEEDS)]


def _get(client: TestClient, path: str, **params: Any) -> dict[str, Any]:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def _codes(body: dict[str, Any]) -> list[str]:
    return [item["code"] for item in body["items"]]


def test_project_code_finds_exactly_that_project(login: Login) -> None:
    client = login("danwei")
    doc, report = _seed("003")
    seed_project = next(p for p in doc.projects if p.code == LEADING_CODE)
    for q in (LEADING_CODE, LEADING_CODE.lower()):
        found = _get(client, "/api/projects", q=q)
        assert found["total"] == 1 and _codes(found) == [LEADING_CODE]
    item = found["items"][0]
    assert item["name"] == seed_project.name
    assert item["unit_code"] == UNIT_003 and item["fiscal_year"] == doc.fiscal_year
    assert item["grade"] == next(g.grade for g in report.projects if g.code == LEADING_CODE)
    document = _get(client, f"/api/documents/{item['document_id']}")
    assert item["id"] in {p["id"] for p in document["projects"]}


def test_project_search_by_unit_name_and_code(login: Login) -> None:
    client = login("danwei")
    doc, _ = _seed("000")
    of_unit = [p.code for p in doc.projects if p.unit.code == UNIT_CODE]
    assert len(of_unit) == 4
    assert _codes(_get(client, "/api/projects", q=UNIT_CODE)) == of_unit  # in document order
    name = doc.projects[0].unit.name
    assert name
    assert _codes(_get(client, "/api/projects", q=name)) == of_unit


def test_indicator_name_returns_the_row_with_its_project(login: Login) -> None:
    client = login("danwei")
    doc, _ = _seed("001")
    expected = [
        (p.code, i, ind.name, ind.value_text)
        for p in doc.projects
        for i, ind in enumerate(p.indicators)
        if RARE_INDICATOR in ind.name
    ]
    assert len(expected) == 1
    found = _get(client, "/api/indicators", q=RARE_INDICATOR)
    assert found["total"] == 1
    [item] = found["items"]
    assert (item["project_code"], item["position"], item["name"], item["value_text"]) == expected[0]
    assert item["level1"] == "产出指标" and item["fiscal_year"] == doc.fiscal_year
    project = _get(client, f"/api/projects/{item['project_id']}")
    assert project["project"]["indicators"][item["position"]]["name"] == item["name"]


def test_indicator_search_by_value_and_labels(login: Login) -> None:
    client = login("danwei")
    values = _get(client, "/api/indicators", q="9595%以上")
    expected = sum(
        1
        for doc, _ in _all_seeds()
        for p in doc.projects
        for ind in p.indicators
        if "9595%以上" in ind.value_text
    )
    assert expected > 0 and values["total"] == expected
    assert all("9595%以上" in item["value_text"] for item in values["items"])
    # "%" is a literal character, not the LIKE wildcard
    percent = _get(client, "/api/indicators", q="%")
    everything = _get(client, "/api/indicators")
    assert 0 < percent["total"] < everything["total"]
    assert all(
        "%" in " ".join((i["name"], i["value_text"], i["level1"], i["level2"]))
        for i in percent["items"]
    )
    for label in ("经济效益指标", "满意度指标"):  # a 二级 label, a 一级 label
        expected = sum(
            1
            for doc, _ in _all_seeds()
            for p in doc.projects
            for ind in p.indicators
            if label in f"{ind.name} {ind.value_text} {ind.level1} {ind.level2}"
        )
        found = _get(client, "/api/indicators", q=label)
        assert expected > 0 and found["total"] == expected
        assert all(label in (i["level1"], i["level2"]) for i in found["items"][:expected])


def test_unit_search_by_code_with_counts(login: Login) -> None:
    client = login("danwei")
    doc, _ = _seed("000")
    found = _get(client, "/api/units", q=UNIT_CODE)
    assert found["total"] == 1
    [unit] = found["items"]
    assert unit["code"] == UNIT_CODE
    assert unit["name"] == next(p.unit.name for p in doc.projects if p.unit.code == UNIT_CODE)
    assert unit["documents"] == 1
    assert unit["projects"] == sum(1 for p in doc.projects if p.unit.code == UNIT_CODE)


def test_year_filter(login: Login) -> None:
    client = login("danwei")
    for year in (2020, 2023):
        seeds = [(d, r) for d, r in _all_seeds() if d.fiscal_year == year]
        assert seeds
        projects = _get(client, "/api/projects", year=year)
        assert _codes(projects) == [p.code for d, _ in seeds for p in d.projects]
        assert {i["fiscal_year"] for i in projects["items"]} == {year}
        units = _get(client, "/api/units", year=year)
        expected_units = {p.unit.code for d, _ in seeds for p in d.projects}
        assert units["total"] == len(expected_units) and set(_codes(units)) == expected_units
        indicators = _get(client, "/api/indicators", year=year)
        assert indicators["total"] == sum(len(p.indicators) for d, _ in seeds for p in d.projects)
    assert _get(client, "/api/search", year=1999)["projects"] == {"total": 0, "items": []}
    assert client.get("/api/projects", params={"year": "二〇二〇"}).status_code == 422


def test_grade_filter(login: Login) -> None:
    client = login("danwei")
    by_grade: dict[str, set[str | None]] = {}
    for doc, report in _all_seeds():
        for project, scored in zip(doc.projects, report.projects, strict=True):
            by_grade.setdefault(scored.grade, set()).add(project.code)
    assert by_grade.get("差") and by_grade.get("良")
    for grade in ("优", "良", "中", "差"):
        found = _get(client, "/api/projects", grade=grade)
        assert set(_codes(found)) == by_grade.get(grade, set())
        assert found["total"] == len(by_grade.get(grade, set()))
        assert {i["grade"] for i in found["items"]} <= {grade}
    worst = _get(client, "/api/units", grade="差")
    assert sum(u["projects"] for u in worst["items"]) == len(by_grade["差"])
    assert _get(client, "/api/projects", grade="甲") == {"total": 0, "items": []}
    # indicators by the grade of their project
    indicators = _get(client, "/api/indicators", grade="差")
    codes = {i["project_code"] for i in indicators["items"]}
    assert codes == by_grade["差"]


def test_rule_code_filter(login: Login) -> None:
    client = login("danwei")
    doc, report = _seed("001")
    seq_code = {p.seq: p.code for p in doc.projects}
    val07 = [
        (seq_code[f.project_seq], f.indicator_index)
        for f in flatten(report.findings)  # stored and searched as the rules report them
        if f.code == "VAL-07" and f.project_seq is not None
    ]
    assert val07
    found = _get(client, "/api/indicators", rule="val-07")
    assert [(i["project_code"], i["position"]) for i in found["items"]] == val07
    assert _codes(_get(client, "/api/projects", rule="VAL-07")) == [val07[0][0]]
    # a code that fires in several seeds: projects and indicators match the review exactly
    expected_projects: set[str | None] = set()
    expected_rows: set[tuple[str | None, int]] = set()
    for d, r in _all_seeds():
        codes = {p.seq: p.code for p in d.projects}
        for f in flatten(r.findings):
            if f.code == "VAL-09" and f.project_seq is not None:
                expected_projects.add(codes[f.project_seq])
                if f.indicator_index is not None:
                    expected_rows.add((codes[f.project_seq], f.indicator_index))
    assert len(expected_projects) > 1
    assert set(_codes(_get(client, "/api/projects", rule="VAL-09"))) == expected_projects
    rows = _get(client, "/api/indicators", rule="VAL-09")["items"]
    assert {(i["project_code"], i["position"]) for i in rows} == expected_rows
    assert _get(client, "/api/units", rule="NOPE-99") == {"total": 0, "items": []}


def test_combined_search_and_limit(login: Login) -> None:
    client = login("admin")
    everything = _get(client, "/api/search")
    seeds = _all_seeds()
    assert everything["documents"]["total"] == len(seeds)
    assert everything["projects"]["total"] == sum(len(d.projects) for d, _ in seeds)
    assert everything["indicators"]["total"] == sum(
        len(p.indicators) for d, _ in seeds for p in d.projects
    )
    assert everything["units"]["total"] == len({p.unit.code for d, _ in seeds for p in d.projects})
    one = _get(client, "/api/search", q=LEADING_CODE)
    assert one["projects"]["total"] == 1 and one["documents"]["total"] == 1
    assert one["units"]["total"] == 0 and one["indicators"]["total"] == 0
    cut = _get(client, "/api/indicators", limit=5)
    assert len(cut["items"]) == 5 and cut["total"] == everything["indicators"]["total"]
    assert cut["items"] == everything["indicators"]["items"][:5]  # a fixed order
    for bad in (0, 201):
        assert client.get("/api/units", params={"limit": bad}).status_code == 422


def test_outsiders_see_nothing(login: Login) -> None:
    for name in ("other", "other_reviewer"):
        found = _get(login(name), "/api/search")
        assert {k: v["total"] for k, v in found.items()} == dict.fromkeys(
            ("documents", "units", "projects", "indicators"), 0
        )
        for kind in ("units", "projects", "indicators"):
            assert _get(login(name), f"/api/{kind}") == {"total": 0, "items": []}


def test_anonymous_is_refused(app: FastAPI) -> None:
    client = TestClient(app)
    for path in ("/api/units", "/api/projects", "/api/indicators", "/api/search"):
        assert client.get(path).status_code == 401
    page = client.get("/search", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"] == "/login"


def test_openapi_lists_the_search_routes(app: FastAPI) -> None:
    schema = TestClient(app).get("/openapi.json").json()
    for path in ("/api/units", "/api/projects", "/api/indicators", "/api/search"):
        params = {p["name"] for p in schema["paths"][path]["get"]["parameters"]}
        assert {"q", "year", "grade", "rule", "limit"} <= params
    assert "/search" not in schema["paths"]  # the page is not API


def _assign(app: FastAPI, username: str, unit_code: str) -> None:
    """Leave ``username`` with the one unit of that code."""
    makers: tuple[sessionmaker[Session], sessionmaker[Session]] = app.state.sessions
    with makers[1]() as session:
        user = session.scalars(select(UserRow).where(UserRow.username == username)).one()
        user.units = list(session.scalars(select(UnitRow).where(UnitRow.code == unit_code)))
        session.commit()


@pytest.mark.parametrize("username", ["danwei", "shenhe"])
def test_access_is_that_of_the_document_list(app: FastAPI, login: Login, username: str) -> None:
    _assign(app, username, UNIT_003)
    client = login(username)
    documents = client.get("/api/documents").json()
    visible = {d["id"] for d in documents}
    assert len(visible) == 1
    projects = _get(client, "/api/projects")
    assert {p["document_id"] for p in projects["items"]} == visible
    assert projects["total"] == len(_seed("003")[0].projects)
    assert _codes(_get(client, "/api/units")) == [UNIT_003]
    indicators = _get(client, "/api/indicators")
    assert {i["document_id"] for i in indicators["items"]} == visible
    assert _get(client, "/api/projects", q=UNIT_CODE) == {"total": 0, "items": []}
    admin = _get(login("admin"), "/api/projects", q=UNIT_CODE)
    assert admin["total"] == 4


def test_owner_sees_their_import_only(app: FastAPI, login: Login) -> None:
    # A unit of its own for "other" (a copy of seed 003 under a new code), so the import is
    # allowed (a unit user imports their own units' documents only).
    seed = SEEDS["003"]
    data = seed.read_bytes().replace(UNIT_003.encode(), b"999001")
    write: sessionmaker[Session] = app.state.sessions[1]
    with write() as session:
        user = session.scalars(select(UserRow).where(UserRow.username == "other")).one()
        user.units = [UnitRow(code="999001", name="乐亭县行政审批局本级")]
        session.commit()
    other = login("other")
    imported = other.post("/api/documents", files={"file": (seed.name, data, "text/plain")})
    assert imported.status_code == 201, imported.text
    doc_id = imported.json()["id"]
    count = len(_seed("003")[0].projects)
    projects = _get(other, "/api/projects")
    assert projects["total"] == count
    assert {p["document_id"] for p in projects["items"]} == {doc_id}
    [unit] = _get(other, "/api/units")["items"]
    assert (unit["code"], unit["documents"], unit["projects"]) == ("999001", 1, count)
    [everyone] = _get(login("admin"), "/api/units", q="999001")["items"]
    assert (everyone["documents"], everyone["projects"]) == (1, count)
    assert _get(login("other_reviewer"), "/api/projects")["total"] == 0


# -- the page ---------------------------------------------------------------------------------


def _section(page: str, kind: str) -> str:
    start = page.index(f'id="results-{kind}"')
    return page[start : page.index("</section>", start)]


def test_search_page_shows_every_kind(app: FastAPI) -> None:
    client, _ = browser(app, "danwei")
    assert 'href="/search"' in client.get("/").text
    page = client.get("/search", params={"q": UNIT_CODE})
    assert page.status_code == 200
    text = page.text
    assert "<h1>搜索</h1>" in text
    for kind, heading in (
        ("documents", "文档"),
        ("units", "单位"),
        ("projects", "项目"),
        ("indicators", "指标"),
    ):
        assert f"<h2>{heading} " in _section(text, kind)
    assert "（1）" in _section(text, "documents") and "（1）" in _section(text, "units")
    projects = _section(text, "projects")
    assert "（4）" in projects and projects.count('href="/projects/') == 4
    assert "没有找到指标。" in _section(text, "indicators")
    for label in ("关键词", "年度", "等级", "规则编码", "类型", "全部"):
        assert label in text


def test_search_page_kinds_and_links(app: FastAPI) -> None:
    client, _ = browser(app, "shenhe")
    page = client.get("/search", params={"q": RARE_INDICATOR, "kind": "indicator"}).text
    assert 'id="results-indicators"' in page and 'id="results-projects"' not in page
    link = re.search(r'href="(/projects/\d+)#findings-ind(\d+)"', _section(page, "indicators"))
    assert link
    editor = client.get(link.group(1))
    assert editor.status_code == 200 and f'id="findings-ind{link.group(2)}"' in editor.text
    assert RARE_INDICATOR in html.unescape(editor.text)
    units = client.get("/search", params={"q": UNIT_CODE, "kind": "unit"}).text
    assert 'id="results-documents"' not in units
    to_projects = re.search(r'href="(/search\?[^"]+)"', _section(units, "units"))
    assert to_projects
    followed = client.get(html.unescape(to_projects.group(1))).text
    assert 'id="results-units"' not in followed
    assert _section(followed, "projects").count('href="/projects/') == 4


def test_search_page_filters_and_grades(app: FastAPI) -> None:
    client, _ = browser(app, "danwei")
    page = client.get("/search", params={"grade": "差", "kind": "project"}).text
    assert "<option selected>差</option>" in page
    projects = _section(page, "projects")
    rows = projects.count('href="/projects/')
    assert rows > 0 and projects.count('grade-差">差</span>') == rows
    year = client.get("/search", params={"year": "2025", "rule": "VAL-12"}).text
    assert 'value="VAL-12"' in year
    assert "乐亭县行政审批局本级" in _section(year, "projects")
    assert "秦皇岛" not in _section(year, "projects")


def test_search_page_escapes_the_query(app: FastAPI) -> None:
    client, _ = browser(app, "danwei")
    page = client.get("/search", params={"q": '<script>alert("x")</script>', "kind": "bogus"})
    assert page.status_code == 200
    assert "<script>alert" not in page.text
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page.text
    assert "没有找到项目。" in page.text and "没有找到单位。" in page.text  # bogus kind = all
