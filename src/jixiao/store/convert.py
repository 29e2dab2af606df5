"""``Document`` ⇄ rows, and review findings → rows.

A stored and loaded document equals the original field for field, sources and warnings
included. Exact decimals stay exact: budget amounts in ``Numeric`` columns, every other number
(spending plan percents, indicator value numbers) as decimal text inside JSON. The one
normalisation is the scale of budget amounts (see ``base.Amount``): ``100`` comes back as
``100.00`` — the same value, printed as 绩效目标表 print it.
"""

from __future__ import annotations

from collections.abc import Collection
from decimal import Decimal
from typing import Any

from pydantic import BaseModel
from sqlalchemy import ColumnElement, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from jixiao.model import (
    Budget,
    Department,
    Document,
    DocumentWarning,
    Indicator,
    IndicatorValue,
    Project,
    SourceInfo,
    SourceLocation,
    SpendingPoint,
    Unit,
)
from jixiao.review.finding import Finding, Fix
from jixiao.review.merge import flatten, merge_findings
from jixiao.review.report import Report
from jixiao.store.errors import NotFoundError, StoreError
from jixiao.store.models import (
    DocumentRow,
    FindingRow,
    IndicatorRow,
    ProjectRow,
    UnitRow,
    UserRow,
)

__all__ = [
    "document_from_row",
    "finding_from_row",
    "get_document_row",
    "indicator_row",
    "indicator_values",
    "insert_unit",
    "jsonable",
    "load_document",
    "load_findings",
    "load_findings_of",
    "project_from_row",
    "project_row",
    "project_values",
    "save_review",
    "store_document",
    "unit_row",
]


def jsonable(value: Any, *, compact: bool = False) -> Any:
    """Plain JSON data, with every ``Decimal`` as its exact text (``Decimal('95.0')`` → "95.0").

    ``compact`` leaves out model fields that have their default value (validation puts them
    back), which keeps stored source locations short.
    """
    if isinstance(value, BaseModel):
        return jsonable(value.model_dump(mode="python", exclude_defaults=compact))
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {str(k): jsonable(v, compact=compact) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v, compact=compact) for v in value]
    return value


# The optional fields of other provinces' templates and the lifecycle records (monitoring,
# self-evaluation: schema version 2), kept in one JSON column per row.
_INDICATOR_EXTENSIONS = (
    "value_parts",
    "weight",
    "direction",
    "core",
    "scoring",
    "mid_term",
    "extra",
)
_PROJECT_EXTENSIONS = (
    "mid_term_budget",
    "mid_term_goals",
    "extra",
    "form_lacks",
    "monitoring",
    "self_evaluation",
)
_DEPARTMENT_EXTENSIONS = (
    "unit",
    "functions",
    "money_unit",
    "budget",
    "tasks",
    "indicators",
    "extra",
    "monitoring",
    "self_evaluation",
    "form_lacks",
)


def extensions(model: BaseModel, names: tuple[str, ...]) -> dict[str, Any] | None:
    """The model's non-empty optional fields as exact JSON data, or None if it has none."""
    out = {
        name: jsonable(getattr(model, name))
        for name in names
        if getattr(model, name) not in (None, [])
    }
    return out or None


# -- Document → rows --------------------------------------------------------------------------


def unit_row(session: Session, unit: Unit) -> UnitRow | None:
    """The row for this unit (code and name), created if new; ``None`` for an empty unit."""
    if unit.code is None and unit.name is None:
        return None
    for pending in session.new:  # created earlier in this flush cycle
        if isinstance(pending, UnitRow) and (pending.code, pending.name) == (unit.code, unit.name):
            return pending
    query = select(UnitRow).where(*_unit_matches(unit)).order_by(UnitRow.id)
    with session.no_autoflush:
        found = session.scalars(query).first()
    return found if found is not None else insert_unit(session, unit)


def _unit_matches(unit: Unit) -> list[ColumnElement[bool]]:
    return [
        UnitRow.code.is_(None) if unit.code is None else UnitRow.code == unit.code,
        UnitRow.name.is_(None) if unit.name is None else UnitRow.name == unit.name,
    ]


def insert_unit(session: Session, unit: Unit) -> UnitRow:
    """Insert the unit in a savepoint; if another transaction inserted it meanwhile (two
    imports of the same unit at once), use that row instead."""
    row = UnitRow(code=unit.code, name=unit.name)
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:
        return session.scalars(select(UnitRow).where(*_unit_matches(unit))).one()
    return row


def _spending_plan(project: Project) -> dict[str, str | None]:
    plan: dict[str, str | None] = {}
    for point in project.spending_plan:
        key = str(point.month)
        if key in plan:
            raise StoreError(
                f"项目“{project.name}”的资金支出计划中 {point.month} 月底出现了两次，无法保存"
            )
        plan[key] = None if point.percent is None else str(point.percent)
    return plan


def indicator_values(indicator: Indicator, position: int) -> dict[str, Any]:
    """The column values of an indicator row (for a new row, or to update a stored one)."""
    return {
        "position": position,
        "level1": indicator.level1,
        "level2": indicator.level2,
        "category": indicator.category,
        "name": indicator.name,
        "description": indicator.description,
        "value_text": indicator.value_text,
        "value": jsonable(indicator.value, compact=True),
        "basis": indicator.basis,
        "source": jsonable(indicator.source, compact=True),
        "extensions": extensions(indicator, _INDICATOR_EXTENSIONS),
    }


def indicator_row(indicator: Indicator, position: int) -> IndicatorRow:
    return IndicatorRow(**indicator_values(indicator, position))


def project_values(project: Project) -> dict[str, Any]:
    """The column values of a project row that an edit may change (not its unit, position,
    source or indicators)."""
    return {
        "seq": project.seq,
        "title": project.title,
        "code": project.code,
        "name": project.name,
        "money_unit": project.money_unit,
        "budget_total": project.budget.total,
        "budget_fiscal": project.budget.fiscal,
        "budget_other": project.budget.other,
        "purpose": project.purpose,
        "spending_plan": _spending_plan(project),
        "goals": list(project.goals),
        "extensions": extensions(project, _PROJECT_EXTENSIONS),
    }


def project_row(session: Session, project: Project, position: int) -> ProjectRow:
    return ProjectRow(
        **project_values(project),
        position=position,
        unit=unit_row(session, project.unit),
        source=jsonable(project.source, compact=True),
        indicators=[indicator_row(ind, i) for i, ind in enumerate(project.indicators)],
    )


def store_document(session: Session, doc: Document, *, owner: UserRow | None = None) -> DocumentRow:
    """Add ``doc`` to the session as a new draft (flushed, so it has an id; not committed)."""
    row = DocumentRow(
        schema_version=doc.schema_version,
        source_name=doc.source.name,
        source_format=doc.source.format,
        source_sha256=doc.source.sha256,
        title=doc.title,
        fiscal_year=doc.fiscal_year,
        overall_goals=list(doc.department.overall_goals),
        sub_goals=list(doc.department.sub_goals),
        safeguards=list(doc.department.safeguards),
        warnings=[jsonable(w, compact=True) for w in doc.warnings],
        extensions=extensions(doc.department, _DEPARTMENT_EXTENSIONS),
        status="draft",
        owner=owner,
        projects=[project_row(session, p, i) for i, p in enumerate(doc.projects)],
    )
    session.add(row)
    session.flush()
    return row


# -- rows → Document --------------------------------------------------------------------------


def project_from_row(row: ProjectRow) -> Project:
    unit = row.unit
    return Project(
        seq=row.seq,
        title=row.title,
        unit=Unit() if unit is None else Unit(code=unit.code, name=unit.name),
        code=row.code,
        name=row.name,
        money_unit=row.money_unit,
        budget=Budget(total=row.budget_total, fiscal=row.budget_fiscal, other=row.budget_other),
        purpose=row.purpose,
        spending_plan=[
            SpendingPoint(
                month=int(month),
                percent=None if percent is None else Decimal(percent),
            )
            for month, percent in row.spending_plan.items()
        ],
        goals=list(row.goals),
        indicators=[
            Indicator(
                level1=ind.level1,
                level2=ind.level2,
                category=ind.category,
                name=ind.name,
                description=ind.description,
                value_text=ind.value_text,
                value=IndicatorValue.model_validate(ind.value),
                basis=ind.basis,
                source=SourceLocation.model_validate(ind.source),
                **(ind.extensions or {}),
            )
            for ind in row.indicators
        ],
        source=SourceLocation.model_validate(row.source),
        **(row.extensions or {}),
    )


def document_from_row(row: DocumentRow) -> Document:
    return Document(
        schema_version=row.schema_version,
        source=SourceInfo(
            name=row.source_name,
            format=row.source_format,
            sha256=row.source_sha256,
        ),
        title=row.title,
        fiscal_year=row.fiscal_year,
        department=Department(
            overall_goals=list(row.overall_goals),
            sub_goals=list(row.sub_goals),
            safeguards=list(row.safeguards),
            **(row.extensions or {}),
        ),
        projects=[project_from_row(p) for p in row.projects],
        warnings=[DocumentWarning.model_validate(w) for w in row.warnings],
    )


def get_document_row(session: Session, document_id: int) -> DocumentRow:
    """The document row with its projects, indicators and units loaded."""
    row = session.get(
        DocumentRow,
        document_id,
        options=[
            selectinload(DocumentRow.projects).selectinload(ProjectRow.indicators),
            selectinload(DocumentRow.projects).selectinload(ProjectRow.unit),
        ],
    )
    if row is None:
        raise NotFoundError(f"文档不存在（编号 {document_id}）")
    return row


def load_document(session: Session, document_id: int) -> Document:
    """The stored document as a ``Document``; ``NotFoundError`` if there is none."""
    return document_from_row(get_document_row(session, document_id))


# -- review findings --------------------------------------------------------------------------


def save_review(session: Session, document_id: int, report: Report) -> list[FindingRow]:
    """Replace the document's stored findings with the report's (flushed, not committed).

    A finding about a project is linked to the project with its ``seq`` (the first one, should
    a document print the same number twice).
    """
    document = get_document_row(session, document_id)
    by_seq: dict[int, ProjectRow] = {}
    for project in document.projects:
        by_seq.setdefault(project.seq, project)
    rows = [
        FindingRow(
            project=None if f.project_seq is None else by_seq.get(f.project_seq),
            code=f.code,
            severity=f.severity,
            dimension=f.dimension,
            message=f.message,
            field=f.field,
            indicator_index=f.indicator_index,
            text=f.text,
            suggestion=f.suggestion,
            source=None if f.source is None else jsonable(f.source, compact=True),
            fix=None if f.fix is None else jsonable(f.fix, compact=True),
        )
        for f in flatten(report.findings)  # the rules' own findings; merged again on loading
    ]
    document.findings = rows
    session.flush()
    return rows


def finding_from_row(r: FindingRow) -> Finding:
    """A stored finding (with its ``project`` loaded) as a review ``Finding``."""
    return Finding(
        code=r.code,
        severity=r.severity,
        dimension=r.dimension,
        message=r.message,
        project_code=None if r.project is None else r.project.code,
        project_seq=None if r.project is None else r.project.seq,
        indicator_index=r.indicator_index,
        field=r.field,
        text=r.text,
        source=None if r.source is None else SourceLocation.model_validate(r.source),
        suggestion=r.suggestion,
        fix=None if r.fix is None else Fix.model_validate(r.fix),
    )


def load_findings(session: Session, document_id: int) -> list[Finding]:
    """The document's stored findings, in review order."""
    rows = session.scalars(
        select(FindingRow)
        .where(FindingRow.document_id == document_id)
        .options(selectinload(FindingRow.project))
        .order_by(FindingRow.id)
    )
    return merge_findings(finding_from_row(r) for r in rows)


def load_findings_of(session: Session, document_ids: Collection[int]) -> dict[int, list[Finding]]:
    """The stored findings of several documents in one query, by document, in review order."""
    out: dict[int, list[Finding]] = {i: [] for i in document_ids}
    if not out:
        return out
    rows = session.scalars(
        select(FindingRow)
        .where(FindingRow.document_id.in_(list(out)))
        .options(selectinload(FindingRow.project))
        .order_by(FindingRow.document_id, FindingRow.id)
    )
    for r in rows:
        out[r.document_id].append(finding_from_row(r))
    return {document_id: merge_findings(found) for document_id, found in out.items()}
