"""Search across documents, units, projects and indicators.

Access is the document list's, by construction: every query keeps only projects whose
document is in ``select(DocumentRow.id).where(visible_condition(user))``, the condition the
document list uses (admins: no condition). Grades are not stored; they are computed from the
stored findings (``stored_report``) once per document, and only for the documents a search
needs: those of the rows shown, or of every candidate when a grade is asked for. Each kind
returns at most ``LIMIT`` rows in a fixed order, with the total number of matches.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import ColumnElement, Select, distinct, exists, func, or_, select, true
from sqlalchemy.orm import Session, joinedload, selectinload
from sqlalchemy.sql.base import ExecutableOption

from jixiao.store.convert import document_from_row
from jixiao.store.models import DocumentRow, FindingRow, IndicatorRow, ProjectRow, UnitRow, UserRow
from jixiao.workbench.access import visible_condition
from jixiao.workbench.reports import stored_report

__all__ = [
    "GRADES",
    "KINDS",
    "LIMIT",
    "GradeCache",
    "ProjectHit",
    "Results",
    "UnitHit",
    "project_grades",
    "search_documents",
    "search_indicators",
    "search_projects",
    "search_units",
]

LIMIT = 200
"""Rows per kind: enough to browse, bounded so that a broad search stays one quick page."""

GRADES = ("优", "良", "中", "差")

KINDS: dict[str, str] = {
    "all": "全部",
    "document": "文档",
    "unit": "单位",
    "project": "项目",
    "indicator": "指标",
}
"""The ``kind`` values of ``/search`` and their labels."""

_CHUNK = 500
"""Ids per ``IN (…)`` when loading documents to grade (drivers cap the bind parameters)."""

T = TypeVar("T")
Row = TypeVar("Row", UnitRow, ProjectRow, IndicatorRow)


@dataclass(frozen=True)
class Results(Generic[T]):
    items: list[T]
    total: int
    """All matches, of which ``items`` holds the first ones (at most the limit)."""

    @property
    def truncated(self) -> bool:
        return self.total > len(self.items)


@dataclass(frozen=True)
class UnitHit:
    unit: UnitRow
    documents: int
    """Visible documents with a matching project of this unit."""
    projects: int
    """Visible matching projects of this unit."""


@dataclass(frozen=True)
class ProjectHit:
    project: ProjectRow
    """With ``document`` and ``unit`` loaded."""
    grade: str | None


def _visible_projects(user: UserRow) -> ColumnElement[bool]:
    """Projects of the documents ``user`` may see.

    ``visible_condition`` correlates with the ``documents`` of the query it sits in; wrapped
    in its own ``SELECT documents.id`` it cannot be captured by the ``projects`` of the outer
    query, so a unit user sees every project of a visible document, exactly as on the document page.
    """
    if user.role == "admin":
        return true()
    return ProjectRow.document_id.in_(select(DocumentRow.id).where(visible_condition(user)))


def _contains(q: str, *columns: Any) -> ColumnElement[bool]:
    """Case-insensitive substring match on any column; ``%`` and ``_`` are taken literally."""
    return or_(*(column.icontains(q, autoescape=True) for column in columns))


def _project_filters(user: UserRow, year: int | None, rule: str) -> list[ColumnElement[bool]]:
    """Access, fiscal year and rule code, for a query over projects joined to documents."""
    out = [_visible_projects(user)]
    if year is not None:
        out.append(DocumentRow.fiscal_year == year)
    code = rule.strip().upper()
    if code:
        out.append(exists().where(FindingRow.project_id == ProjectRow.id, FindingRow.code == code))
    return out


def _load(
    session: Session, model: type[Row], ids: Iterable[int], *options: ExecutableOption
) -> dict[int, Row]:
    """Rows by id, a bounded number of ids per query."""
    wanted = sorted(set(ids))
    out: dict[int, Row] = {}
    for start in range(0, len(wanted), _CHUNK):
        stmt = select(model).where(model.id.in_(wanted[start : start + _CHUNK]))
        for row in session.scalars(stmt.options(*options)):
            out[row.id] = row
    return out


GradeCache = dict[int, dict[int, str]]
"""Document id → (project id → grade); shared by the kinds of one request, so that a document
is graded once however many kinds are searched."""


def project_grades(
    session: Session, document_ids: Iterable[int], cache: GradeCache | None = None
) -> dict[int, str]:
    """Project id → grade, from each document's stored findings (one report per document)."""
    cache = {} if cache is None else cache
    wanted = set(document_ids)
    missing = sorted(wanted - cache.keys())
    for start in range(0, len(missing), _CHUNK):
        rows = session.scalars(
            select(DocumentRow)
            .where(DocumentRow.id.in_(missing[start : start + _CHUNK]))
            .options(
                selectinload(DocumentRow.projects).selectinload(ProjectRow.indicators),
                selectinload(DocumentRow.projects).selectinload(ProjectRow.unit),
            )
        )
        for row in rows:
            report = stored_report(session, row, document_from_row(row))
            cache[row.id] = {
                project.id: scored.grade
                for project, scored in zip(row.projects, report.projects, strict=True)
            }
    out: dict[int, str] = {}
    for doc in wanted:
        out.update(cache.get(doc, {}))
    return out


def _first(
    session: Session,
    stmt: Select[int, int, int],
    grade: str,
    limit: int,
    *,
    want_grades: bool,
    cache: GradeCache | None,
) -> tuple[list[int], int, dict[int, str]]:
    """Run ``stmt`` (row id, document id, project id): the first ``limit`` row ids, the total
    and the project grades known.

    Without a grade the database counts and limits, and only the shown rows' documents are
    graded (if ``want_grades``); with one, every candidate's document must be graded first.
    """
    if grade:
        if grade not in GRADES:
            return [], 0, {}
        rows = session.execute(stmt).all()
        grades = project_grades(session, (doc for _, doc, _ in rows), cache)
        ids = [i for i, _, project in rows if grades.get(project) == grade]
        return ids[:limit], len(ids), grades
    total = session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery()))
    shown = session.execute(stmt.limit(limit)).all()
    grades = project_grades(session, (doc for _, doc, _ in shown), cache) if want_grades else {}
    return [i for i, _, _ in shown], total or 0, grades


def search_projects(
    session: Session,
    user: UserRow,
    *,
    q: str = "",
    year: int | None = None,
    grade: str = "",
    rule: str = "",
    limit: int = LIMIT,
    cache: GradeCache | None = None,
) -> Results[ProjectHit]:
    """Projects of visible documents by name, code, unit name or code, the document's fiscal
    year, the project's grade and a rule code found in the project; in document order."""
    stmt = (
        select(ProjectRow.id, ProjectRow.document_id, ProjectRow.id.label("project_id"))
        .join(DocumentRow, ProjectRow.document_id == DocumentRow.id)
        .outerjoin(UnitRow, ProjectRow.unit_id == UnitRow.id)
        .where(*_project_filters(user, year, rule))
        .order_by(ProjectRow.document_id, ProjectRow.position, ProjectRow.id)
    )
    q = q.strip()
    if q:
        stmt = stmt.where(
            _contains(q, ProjectRow.name, ProjectRow.code, UnitRow.name, UnitRow.code)
        )
    ids, total, grades = _first(session, stmt, grade.strip(), limit, want_grades=True, cache=cache)
    rows = _load(
        session, ProjectRow, ids, joinedload(ProjectRow.document), joinedload(ProjectRow.unit)
    )
    return Results([ProjectHit(rows[i], grades.get(i)) for i in ids], total)


def search_indicators(
    session: Session,
    user: UserRow,
    *,
    q: str = "",
    year: int | None = None,
    grade: str = "",
    rule: str = "",
    limit: int = LIMIT,
    cache: GradeCache | None = None,
) -> Results[IndicatorRow]:
    """Indicator rows of visible documents by 三级指标 name, value text or 一级/二级 label, the
    document's fiscal year, the project's grade, and a rule code found at that very row; with
    ``project``, the project's ``document`` and ``unit`` loaded."""
    stmt = (
        select(IndicatorRow.id, ProjectRow.document_id, ProjectRow.id.label("project_id"))
        .join(ProjectRow, IndicatorRow.project_id == ProjectRow.id)
        .join(DocumentRow, ProjectRow.document_id == DocumentRow.id)
        .where(*_project_filters(user, year, ""))
        .order_by(
            ProjectRow.document_id,
            ProjectRow.position,
            ProjectRow.id,
            IndicatorRow.position,
            IndicatorRow.id,
        )
    )
    q = q.strip()
    if q:
        stmt = stmt.where(
            _contains(
                q,
                IndicatorRow.name,
                IndicatorRow.value_text,
                IndicatorRow.level1,
                IndicatorRow.level2,
            )
        )
    code = rule.strip().upper()
    if code:
        stmt = stmt.where(
            exists().where(
                FindingRow.project_id == IndicatorRow.project_id,
                FindingRow.indicator_index == IndicatorRow.position,
                FindingRow.code == code,
            )
        )
    ids, total, _ = _first(session, stmt, grade.strip(), limit, want_grades=False, cache=cache)
    rows = _load(
        session,
        IndicatorRow,
        ids,
        joinedload(IndicatorRow.project).joinedload(ProjectRow.document),
        joinedload(IndicatorRow.project).joinedload(ProjectRow.unit),
    )
    return Results([rows[i] for i in ids], total)


def search_units(
    session: Session,
    user: UserRow,
    *,
    q: str = "",
    year: int | None = None,
    grade: str = "",
    rule: str = "",
    limit: int = LIMIT,
    cache: GradeCache | None = None,
) -> Results[UnitHit]:
    """Units by name or code that have a visible project matching year, grade and rule code,
    with the number of such projects and of their documents; ordered by unit code.

    With no filter but the text, admins also get units without any project (counts 0).
    """
    filters = _project_filters(user, year, rule)
    q = q.strip()
    if q:
        filters.append(_contains(q, UnitRow.name, UnitRow.code))
    order = (func.coalesce(UnitRow.code, ""), UnitRow.id)
    grade = grade.strip()
    if grade:
        if grade not in GRADES:
            return Results([], 0)
        rows = session.execute(
            select(ProjectRow.id, ProjectRow.document_id, ProjectRow.unit_id)
            .join(UnitRow, ProjectRow.unit_id == UnitRow.id)
            .join(DocumentRow, ProjectRow.document_id == DocumentRow.id)
            .where(*filters)
        ).all()
        grades = project_grades(session, (doc for _, doc, _ in rows), cache)
        projects: dict[int, int] = {}
        documents: dict[int, set[int]] = {}
        for project, doc, unit in rows:
            if unit is not None and grades.get(project) == grade:
                projects[unit] = projects.get(unit, 0) + 1
                documents.setdefault(unit, set()).add(doc)
        units = sorted(
            _load(session, UnitRow, projects).values(), key=lambda u: (u.code or "", u.id)
        )
        hits = [UnitHit(u, len(documents[u.id]), projects[u.id]) for u in units]
        return Results(hits[:limit], len(hits))
    stmt = (
        select(UnitRow.id, func.count(distinct(ProjectRow.document_id)), func.count(ProjectRow.id))
        .select_from(UnitRow)
        .outerjoin(ProjectRow, ProjectRow.unit_id == UnitRow.id)
        .outerjoin(DocumentRow, ProjectRow.document_id == DocumentRow.id)
        .where(*filters)
        .group_by(UnitRow.id, UnitRow.code)
        .order_by(*order)
    )
    total = session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery()))
    counted = session.execute(stmt.limit(limit)).all()
    by_id = _load(session, UnitRow, [c[0] for c in counted])
    return Results([UnitHit(by_id[u], docs, n) for u, docs, n in counted], total or 0)


def search_documents(
    session: Session,
    user: UserRow,
    *,
    q: str = "",
    year: int | None = None,
    rule: str = "",
    grade: str = "",
    unit_id: int | None = None,
    indicator: str = "",
    value: str = "",
) -> list[DocumentRow]:
    """The documents ``user`` may see matching the search (name/code, year, rule code, grade).

    The exact filters are the analytics pages' drill-down: ``unit_id`` (a project of that
    unit), ``indicator`` and ``value`` (an indicator with exactly that name and value text).
    """
    stmt: Select[DocumentRow] = (
        select(DocumentRow)
        .where(visible_condition(user))
        .options(selectinload(DocumentRow.projects).selectinload(ProjectRow.unit))
        .order_by(DocumentRow.id)
    )
    q = q.strip()
    if q:
        stmt = stmt.where(
            or_(
                DocumentRow.title.icontains(q, autoescape=True),
                DocumentRow.source_name.icontains(q, autoescape=True),
                exists().where(
                    ProjectRow.document_id == DocumentRow.id,
                    or_(
                        ProjectRow.name.icontains(q, autoescape=True),
                        ProjectRow.code.icontains(q, autoescape=True),
                    ),
                ),
                exists().where(
                    ProjectRow.document_id == DocumentRow.id,
                    ProjectRow.unit_id == UnitRow.id,
                    or_(
                        UnitRow.name.icontains(q, autoescape=True),
                        UnitRow.code.icontains(q, autoescape=True),
                    ),
                ),
                exists().where(
                    IndicatorRow.project_id == ProjectRow.id,
                    ProjectRow.document_id == DocumentRow.id,
                    IndicatorRow.name.icontains(q, autoescape=True),
                ),
            )
        )
    if year is not None:
        stmt = stmt.where(DocumentRow.fiscal_year == year)
    if rule.strip():
        stmt = stmt.where(
            exists().where(
                FindingRow.document_id == DocumentRow.id, FindingRow.code == rule.strip().upper()
            )
        )
    if unit_id is not None:
        stmt = stmt.where(
            exists().where(ProjectRow.document_id == DocumentRow.id, ProjectRow.unit_id == unit_id)
        )
    if indicator:
        match = [IndicatorRow.name == indicator]
        if value:
            match.append(IndicatorRow.value_text == value)
        stmt = stmt.where(
            exists().where(
                IndicatorRow.project_id == ProjectRow.id,
                ProjectRow.document_id == DocumentRow.id,
                *match,
            )
        )
    rows = list(session.scalars(stmt))
    if grade.strip():
        rows = [
            r
            for r in rows
            if any(
                g.grade == grade.strip()
                for g in stored_report(session, r, document_from_row(r)).projects
            )
        ]
    return rows
