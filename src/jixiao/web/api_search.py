"""The search API: units, projects and indicators the caller may see, and all kinds at once.

Each list answers ``{"total", "items"}``: at most ``limit`` items (200 by default and at most),
and the number of all matches, so a client can tell a complete answer from a cut one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel

from jixiao.store.models import IndicatorRow
from jixiao.web.api import DocumentSummary, _summary
from jixiao.web.deps import DB, CurrentUser
from jixiao.workbench.search import (
    LIMIT,
    GradeCache,
    ProjectHit,
    UnitHit,
    search_documents,
    search_indicators,
    search_projects,
    search_units,
)

router = APIRouter(prefix="/api", tags=["api"])

Limit = Annotated[int, Query(ge=1, le=LIMIT, description="最多返回的条数")]


@dataclass
class SearchQuery:
    """The query parameters every search route takes."""

    q: str = ""
    year: int | None = None
    grade: str = ""
    rule: str = ""
    limit: Limit = LIMIT

    def filters(self) -> dict[str, Any]:
        return {"q": self.q, "year": self.year, "grade": self.grade, "rule": self.rule}


Search = Annotated[SearchQuery, Depends()]


class UnitOut(BaseModel):
    id: int
    code: str | None
    name: str | None
    documents: int
    projects: int


class ProjectHitOut(BaseModel):
    id: int
    document_id: int
    document: str
    fiscal_year: int | None
    status: str
    seq: int
    code: str | None
    name: str
    unit_id: int | None
    unit: str | None
    unit_code: str | None
    grade: str | None


class IndicatorOut(BaseModel):
    id: int
    project_id: int
    document_id: int
    position: int
    """0-based, as ``indicator_index`` in findings."""
    level1: str
    level2: str
    name: str
    value_text: str
    project: str
    project_code: str | None
    fiscal_year: int | None


class DocumentPage(BaseModel):
    total: int
    items: list[DocumentSummary]


class UnitPage(BaseModel):
    total: int
    items: list[UnitOut]


class ProjectPage(BaseModel):
    total: int
    items: list[ProjectHitOut]


class IndicatorPage(BaseModel):
    total: int
    items: list[IndicatorOut]


class SearchOut(BaseModel):
    documents: DocumentPage
    units: UnitPage
    projects: ProjectPage
    indicators: IndicatorPage


def _unit(hit: UnitHit) -> UnitOut:
    u = hit.unit
    return UnitOut(
        id=u.id, code=u.code, name=u.name, documents=hit.documents, projects=hit.projects
    )


def _project(hit: ProjectHit) -> ProjectHitOut:
    p = hit.project
    return ProjectHitOut(
        id=p.id,
        document_id=p.document_id,
        document=p.document.title or p.document.source_name,
        fiscal_year=p.document.fiscal_year,
        status=p.document.status,
        seq=p.seq,
        code=p.code,
        name=p.name,
        unit_id=p.unit_id,
        unit=None if p.unit is None else p.unit.name,
        unit_code=None if p.unit is None else p.unit.code,
        grade=hit.grade,
    )


def _indicator(ind: IndicatorRow) -> IndicatorOut:
    return IndicatorOut(
        id=ind.id,
        project_id=ind.project_id,
        document_id=ind.project.document_id,
        position=ind.position,
        level1=ind.level1,
        level2=ind.level2,
        name=ind.name,
        value_text=ind.value_text,
        project=ind.project.name,
        project_code=ind.project.code,
        fiscal_year=ind.project.document.fiscal_year,
    )


@router.get("/units", response_model=UnitPage)
def units(session: DB, user: CurrentUser, query: Search) -> UnitPage:
    """Units by name or code with a visible project of that year, grade and rule code."""
    found = search_units(session, user, **query.filters(), limit=query.limit)
    return UnitPage(total=found.total, items=[_unit(h) for h in found.items])


@router.get("/projects", response_model=ProjectPage)
def projects(session: DB, user: CurrentUser, query: Search) -> ProjectPage:
    """Projects by name, code or unit, year, grade (优/良/中/差) and a rule code they have."""
    found = search_projects(session, user, **query.filters(), limit=query.limit)
    return ProjectPage(total=found.total, items=[_project(h) for h in found.items])


@router.get("/indicators", response_model=IndicatorPage)
def indicators(session: DB, user: CurrentUser, query: Search) -> IndicatorPage:
    """Indicator rows by name, value or 一级/二级 label, year, their project's grade, and a
    rule code found at that row."""
    found = search_indicators(session, user, **query.filters(), limit=query.limit)
    return IndicatorPage(total=found.total, items=[_indicator(h) for h in found.items])


@router.get("/search", response_model=SearchOut)
def search(session: DB, user: CurrentUser, query: Search) -> SearchOut:
    """Documents, units, projects and indicators for one query, as on the search page."""
    filters, limit = query.filters(), query.limit
    docs = search_documents(session, user, **filters)
    cache: GradeCache = {}
    units = search_units(session, user, **filters, limit=limit, cache=cache)
    projects = search_projects(session, user, **filters, limit=limit, cache=cache)
    indicators = search_indicators(session, user, **filters, limit=limit, cache=cache)
    return SearchOut(
        documents=DocumentPage(total=len(docs), items=[_summary(d) for d in docs[:limit]]),
        units=UnitPage(total=units.total, items=[_unit(h) for h in units.items]),
        projects=ProjectPage(total=projects.total, items=[_project(h) for h in projects.items]),
        indicators=IndicatorPage(
            total=indicators.total, items=[_indicator(h) for h in indicators.items]
        ),
    )
