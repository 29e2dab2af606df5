"""The 统计分析 pages: numbers checked against counts made here from the stored documents,
access by role and assigned units, drill-down links listing exactly the documents behind a
number, target drift linked to both projects, and the cache following saved changes.

Besides the seeds, each database gets the seed 000 document again as fiscal year 2021 with
one “≥” target lowered (made here from the stored model, not by jixiao's renderer), and two
users assigned to one unit each.
"""

from __future__ import annotations

import html
import re
from collections import Counter, defaultdict
from collections.abc import Callable

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from jixiao.review import review
from jixiao.store.convert import load_document, load_findings, save_review, store_document
from jixiao.store.db import make_engine, make_sessionmaker
from jixiao.store.models import DocumentRow, ProjectRow, UnitRow, UserRow
from jixiao.workbench.analytics import AnalyticsCache, snapshot
from jixiao.workbench.auth import create_user

UNIT_000 = "630002"  # seed 000's first unit (the document has a second one, 630003)
UNIT_001 = "434002"  # seed 001's only unit
USERS = {
    "solo": ("solo-pass", "unit_filler", UNIT_000),
    "rev1": ("rev1-pass", "reviewer", UNIT_001),
}
ALL_PASSWORDS = {"admin": "admin-demo", **{k: v[0] for k, v in USERS.items()}}


def _lower_one_target(session: Session) -> tuple[int, int]:
    """Store seed 000 again as 2021 with the first “≥” target of unit 630002 lowered; returns
    the ids of the 2020 project and of its 2021 copy."""
    seed = session.scalars(select(DocumentRow).where(DocumentRow.fiscal_year == 2020)).all()
    row = next(r for r in seed if any(p.unit and p.unit.code == UNIT_000 for p in r.projects))
    doc = load_document(session, row.id)
    projects = list(doc.projects)
    for pi, project in enumerate(projects):
        if project.unit.code != UNIT_000:
            continue
        for ii, ind in enumerate(project.indicators):
            v = ind.value
            if v.op == ">=" and v.number is not None and v.number > 1:
                lowered = v.number - 1
                new_ind = ind.model_copy(
                    update={
                        "value": v.model_copy(update={"number": lowered}),
                        "value_text": f"≥{lowered}{v.unit or ''}",
                    }
                )
                inds = list(project.indicators)
                inds[ii] = new_ind
                projects[pi] = project.model_copy(update={"indicators": inds})
                source = doc.source.model_copy(update={"name": "000-2021.txt", "sha256": "f" * 64})
                copy = doc.model_copy(
                    update={"fiscal_year": 2021, "projects": projects, "source": source}
                )
                new_row = store_document(session, copy)
                save_review(session, new_row.id, review(copy))
                old_id = next(p.id for p in row.projects if p.seq == project.seq)
                new_id = next(p.id for p in new_row.projects if p.seq == project.seq)
                return old_id, new_id
    raise AssertionError("seed 000 has no “≥” target to lower")


@pytest.fixture
def drift_ids(db_url: str) -> tuple[int, int]:
    engine = make_engine(db_url)
    with make_sessionmaker(engine, write=True)() as session:
        ids = _lower_one_target(session)
        for name, (password, role, code) in USERS.items():
            unit = session.scalars(select(UnitRow).where(UnitRow.code == code)).one()
            create_user(session, name, password, role, units=[unit])
        session.commit()
    engine.dispose()
    return ids


@pytest.fixture
def client(app: FastAPI, drift_ids: tuple[int, int]) -> Callable[[str], TestClient]:
    def make(username: str) -> TestClient:
        c = TestClient(app)
        c.headers["X-CSRF-Token"] = c.get("/api/session").json()["csrf_token"]
        r = c.post("/api/login", json={"username": username, "password": ALL_PASSWORDS[username]})
        assert r.status_code == 200, r.text
        c.headers["X-CSRF-Token"] = r.json()["csrf_token"]
        return c

    return make


def _text(cell: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", cell)).strip()


def _rows(page: str, table_id: str) -> list[list[str]]:
    """The cells (as raw HTML) of each body row of the table ``table_id``."""
    body = re.search(rf'<table[^>]*id="{table_id}".*?<tbody>(.*?)</tbody>', page, re.S)
    assert body, f"no table {table_id}"
    return [
        re.findall(r"<td>(.*?)</td>", tr, re.S)
        for tr in re.findall(r"<tr[^>]*>(.*?)</tr>", body.group(1), re.S)
    ]


def _href(cell: str) -> str:
    found = re.search(r'href="([^"]+)"', cell)
    assert found, cell
    return html.unescape(found.group(1))


def _listed(c: TestClient, href: str) -> set[int]:
    """The document ids on the document list at ``href``."""
    r = c.get(href)
    assert r.status_code == 200
    return {int(i) for i in re.findall(r'<td><a href="/documents/(\d+)">', r.text)}


def _stored(db_url: str) -> list[tuple[int, object, list[object]]]:
    engine = make_engine(db_url)
    with make_sessionmaker(engine)() as session:
        ids = session.scalars(select(DocumentRow.id).order_by(DocumentRow.id)).all()
        out = [(i, load_document(session, i), load_findings(session, i)) for i in ids]
    engine.dispose()
    return out


def _pct(part: int, whole: int) -> str:
    return f"{round(part * 100 / whole, 1)}%"


@pytest.mark.parametrize("year", [2020, 2021])
def test_numbers_equal_counts_from_the_stored_documents(
    client: Callable[[str], TestClient], db_url: str, year: int
) -> None:
    page = client("admin").get("/analytics", params={"year": year}).text
    projects: Counter[str] = Counter()
    indicators: Counter[str] = Counter()
    quantified: Counter[str] = Counter()
    docs_of: dict[str, set[int]] = defaultdict(set)
    rule_findings: Counter[str] = Counter()
    rule_docs: dict[str, set[int]] = defaultdict(set)
    for doc_id, doc, findings in _stored(db_url):
        if doc.fiscal_year != year:  # type: ignore[attr-defined]
            continue
        for p in doc.projects:  # type: ignore[attr-defined]
            name = p.unit.name
            projects[name] += 1
            docs_of[name].add(doc_id)
            for ind in p.indicators:
                indicators[name] += 1
                quantified[name] += ind.value.number is not None
        for f in findings:
            rule_findings[f.code] += 1  # type: ignore[attr-defined]
            rule_docs[f.code].add(doc_id)  # type: ignore[attr-defined]
    shown = {_text(r[0]): r for r in _rows(page, "overview-table")}
    assert set(shown) == set(projects)
    for name, cells in shown.items():
        assert _text(cells[1]) == str(projects[name])
        assert _text(cells[2]) == str(indicators[name])
        assert _text(cells[4]) == _pct(quantified[name], indicators[name])
    rules = {_text(r[0]): r for r in _rows(page, "findings-table")}
    assert set(rules) == set(rule_findings)
    for code, cells in rules.items():
        assert _text(cells[2]) == str(rule_findings[code])
        assert _text(cells[3]) == str(len(rule_docs[code]))
    # the chart data carry the same numbers as the table
    assert "/static/echarts.min.js" in page and 'id="chart-data"' in page


def test_drill_down_lists_exactly_the_documents_behind_each_number(
    client: Callable[[str], TestClient], db_url: str
) -> None:
    c = client("admin")
    stored = _stored(db_url)
    year = 2020
    page = c.get("/analytics", params={"year": year}).text
    for cells in _rows(page, "overview-table"):
        name = _text(cells[0])
        expected = {
            i
            for i, doc, _ in stored
            if doc.fiscal_year == year  # type: ignore[attr-defined]
            and any(p.unit.name == name for p in doc.projects)  # type: ignore[attr-defined]
        }
        assert _listed(c, _href(cells[1])) == expected
    for cells in _rows(page, "findings-table"):
        code = _text(cells[0])
        expected = {
            i
            for i, doc, findings in stored
            if doc.fiscal_year == year  # type: ignore[attr-defined]
            and any(f.code == code for f in findings)  # type: ignore[attr-defined]
        }
        assert _listed(c, _href(cells[3])) == expected
        assert len(expected) == int(_text(cells[3]))
    for cells in _rows(page, "top-reused-table"):
        name, value = _text(cells[0]), _text(cells[1])
        expected = {
            i
            for i, doc, _ in stored
            if doc.fiscal_year == year  # type: ignore[attr-defined]
            and any(
                ind.name == name and ind.value_text == value
                for p in doc.projects  # type: ignore[attr-defined]
                for ind in p.indicators
            )
        }
        assert expected and _listed(c, _href(cells[2])) == expected


def test_drift_links_both_projects(
    client: Callable[[str], TestClient], drift_ids: tuple[int, int]
) -> None:
    c = client("admin")
    old, new = drift_ids
    page = c.get("/analytics", params={"year": 2021}).text
    drift = _rows(page, "drift-table")
    links = [(_href(r[4]), _href(r[6])) for r in drift]
    assert (f"/projects/{old}", f"/projects/{new}") in links
    assert c.get(f"/projects/{new}").status_code == 200
    # the workbench has the 与上年对比 page: the row links the later document against the earlier
    row = next(r for r in drift if _href(r[4]) == f"/projects/{old}")
    diff = _href(row[8])
    assert re.fullmatch(r"/documents/\d+/diff\?against=\d+", diff)
    assert c.get(diff).status_code == 200
    assert "没有比上一年调低的目标" in c.get("/analytics", params={"year": 2020}).text
    # the unit's own page shows it as well, with the years as rows
    unit_id = int(re.search(r'/analytics/units/(\d+)">秦皇岛市北戴河区行政审批局', page).group(1))  # type: ignore[union-attr]
    unit_page = c.get(f"/analytics/units/{unit_id}").text
    assert (f"/projects/{old}", f"/projects/{new}") in [
        (_href(r[4]), _href(r[6])) for r in _rows(unit_page, "drift-table")
    ]
    assert [_text(r[0]) for r in _rows(unit_page, "years-table")] == ["2020", "2021"]


def _units_shown(c: TestClient, year: int) -> set[str]:
    return {
        _text(r[0])
        for r in _rows(c.get("/analytics", params={"year": year}).text, "overview-table")
    }


def _unit_id(db_url: str, code: str) -> int:
    engine = make_engine(db_url)
    with make_sessionmaker(engine)() as session:
        uid = session.scalars(select(UnitRow.id).where(UnitRow.code == code)).one()
    engine.dispose()
    return int(uid)


def test_access_follows_assigned_units(client: Callable[[str], TestClient], db_url: str) -> None:
    admin, solo, rev1 = client("admin"), client("solo"), client("rev1")
    assert _units_shown(admin, 2020) == {
        "秦皇岛市北戴河区行政审批局",
        "秦皇岛市北戴河区人民政府政务服务中心",
        "秦皇岛市北戴河区人民政府办公室",
    }
    # a unit user sees their own unit only, though its document also has another unit's projects
    assert _units_shown(solo, 2020) == {"秦皇岛市北戴河区行政审批局"}
    assert _units_shown(rev1, 2020) == {"秦皇岛市北戴河区人民政府办公室"}
    other = _unit_id(db_url, UNIT_001)
    own = _unit_id(db_url, UNIT_000)
    assert solo.get(f"/analytics/units/{other}").status_code == 403
    assert solo.get("/analytics", params={"unit": other}).status_code == 403
    assert solo.get(f"/analytics/units/{own}").status_code == 200
    assert rev1.get(f"/analytics/units/{other}").status_code == 200
    assert admin.get(f"/analytics/units/{other}").status_code == 200
    assert admin.get("/analytics/units/999999").status_code == 404
    # a reviewer's years are those of their units' documents
    years = re.findall(r'<option value="(\d{4})"', rev1.get("/analytics").text)
    assert years == ["2020"]
    # the nav link is there for everyone
    assert 'href="/analytics">统计分析' in solo.get("/").text


def test_unit_filter_limits_the_year_page(client: Callable[[str], TestClient], db_url: str) -> None:
    c = client("admin")
    own = _unit_id(db_url, UNIT_000)
    page = c.get("/analytics", params={"year": 2020, "unit": own}).text
    assert {_text(r[0]) for r in _rows(page, "overview-table")} == {"秦皇岛市北戴河区行政审批局"}
    for cells in _rows(page, "findings-table"):
        assert f"unit={own}" in _href(cells[3])


def test_cache_is_reused_and_follows_saved_changes(
    app: FastAPI, drift_ids: tuple[int, int]
) -> None:
    cache = AnalyticsCache()
    maker = app.state.sessions[1]
    with maker() as session:
        user = session.scalars(select(UserRow).where(UserRow.username == "admin")).one()
        key1, snap1 = snapshot(session, user, cache)
        key2, snap2 = snapshot(session, user, cache)
        assert key1 == key2 and snap1 is snap2
        project = session.get(ProjectRow, drift_ids[1])
        assert project is not None
        project.name = project.name + "（改）"
        session.commit()
        key3, snap3 = snapshot(session, user, cache)
        assert key3 != key1 and snap3 is not snap1
        names = snap3.tables["projects"].column("name").to_pylist()
        assert any(n.endswith("（改）") for n in names)


def test_diff_link_only_when_the_route_exists() -> None:
    from fastapi import APIRouter
    from fastapi import FastAPI as App
    from starlette.requests import Request

    from jixiao.web.views.analytics import diff_href

    def request(app: App) -> Request:
        return Request({"type": "http", "app": app, "method": "GET", "path": "/", "headers": []})

    bare = App()
    assert diff_href(request(bare), 7, 3) is None
    with_diff = App()

    @with_diff.get("/documents/{document_id}/diff")
    def _diff(document_id: int) -> None:
        return None

    assert diff_href(request(with_diff), 7, 3) == "/documents/7/diff?against=3"
    assert diff_href(request(with_diff), 7) == "/documents/7/diff"
    # as the workbench adds its pages: through an included router
    router = APIRouter()

    @router.get("/documents/{document_id}/diff")
    def _routed(document_id: int) -> None:
        return None

    included = App()
    included.include_router(router)
    assert diff_href(request(included), 7, 3) == "/documents/7/diff?against=3"
