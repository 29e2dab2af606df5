"""The search page: documents, units, projects and indicators from one form."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from jixiao.store.models import DocumentRow, IndicatorRow
from jixiao.web.deps import DB, CurrentUser, page
from jixiao.web.views.documents import form_year as _year
from jixiao.workbench.search import (
    GRADES,
    KINDS,
    LIMIT,
    GradeCache,
    ProjectHit,
    Results,
    UnitHit,
    search_documents,
    search_indicators,
    search_projects,
    search_units,
)

router = APIRouter(include_in_schema=False)


@router.get("/search")
def search_page(
    request: Request,
    session: DB,
    user: CurrentUser,
    q: str = "",
    year: str = "",
    grade: str = "",
    rule: str = "",
    kind: str = "all",
) -> Response:
    """Only the kinds asked for are searched (each costs queries of its own, more when grades
    must be computed; ``cache`` grades each document once for all kinds); a kind not searched
    is ``None`` and its section is left out."""
    kind = kind if kind in KINDS else "all"
    y = _year(year)
    cache: GradeCache = {}
    documents: Results[DocumentRow] | None = None
    units: Results[UnitHit] | None = None
    projects: Results[ProjectHit] | None = None
    indicators: Results[IndicatorRow] | None = None
    if kind in ("all", "document"):
        rows = search_documents(session, user, q=q, year=y, grade=grade, rule=rule)
        documents = Results(rows[:LIMIT], len(rows))
    if kind in ("all", "unit"):
        units = search_units(session, user, q=q, year=y, grade=grade, rule=rule, cache=cache)
    if kind in ("all", "project"):
        projects = search_projects(session, user, q=q, year=y, grade=grade, rule=rule, cache=cache)
    if kind in ("all", "indicator"):
        indicators = search_indicators(
            session, user, q=q, year=y, grade=grade, rule=rule, cache=cache
        )
    return page(
        request,
        "search.html",
        user,
        search={"q": q, "year": year, "grade": grade, "rule": rule, "kind": kind},
        kinds=KINDS,
        grades=GRADES,
        documents=documents,
        units=units,
        projects=projects,
        indicators=indicators,
    )
