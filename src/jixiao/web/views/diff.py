"""The 与上年对比 page: this document (the later year) against another one of the same unit,
by default the same unit's closest earlier fiscal year. Whoever may view both may compare them.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from jixiao._exceptions import InvalidInput
from jixiao.compare import compare_documents
from jixiao.compare.html import render_html_body
from jixiao.store.convert import document_from_row
from jixiao.store.models import DocumentRow, ProjectRow, UserRow
from jixiao.web.deps import DB, CurrentUser, page
from jixiao.workbench.access import get_document, visible_condition

router = APIRouter(include_in_schema=False)


def same_unit_documents(session: Session, user: UserRow, row: DocumentRow) -> list[DocumentRow]:
    """The other documents ``user`` may see with a project of one of ``row``'s units, latest
    fiscal year first."""
    ids = {p.unit_id for p in row.projects if p.unit_id is not None}
    if not ids:
        return []
    stmt = (
        select(DocumentRow)
        .where(
            visible_condition(user),
            DocumentRow.id != row.id,
            exists().where(ProjectRow.document_id == DocumentRow.id, ProjectRow.unit_id.in_(ids)),
        )
        .order_by(DocumentRow.fiscal_year.desc().nulls_last(), DocumentRow.id.desc())
    )
    return list(session.scalars(stmt))


def previous_year(row: DocumentRow, candidates: list[DocumentRow]) -> DocumentRow | None:
    """The candidate of the closest earlier fiscal year (the latest imported on a tie)."""
    if row.fiscal_year is None:
        return None
    earlier = [
        c for c in candidates if c.fiscal_year is not None and c.fiscal_year < row.fiscal_year
    ]
    return max(earlier, key=lambda c: (c.fiscal_year or 0, c.id), default=None)


@router.get("/documents/{document_id}/diff")
def diff_page(
    request: Request, session: DB, user: CurrentUser, document_id: int, against: str = ""
) -> Response:
    row = get_document(session, user, document_id)
    candidates = same_unit_documents(session, user, row)
    other: DocumentRow | None
    if against.strip():
        if not against.strip().isdigit():
            raise InvalidInput("请选择要对比的文档")
        other = get_document(session, user, int(against))
        if other.id == row.id:
            raise InvalidInput("不能与文档自身对比，请选择另一份文档")
    else:
        other = previous_year(row, candidates)
    body = None
    if other is not None:
        diff = compare_documents(document_from_row(other), document_from_row(row))
        body = render_html_body(diff)
    return page(
        request,
        "diff.html",
        user,
        row=row,
        other=other,
        candidates=candidates,
        body=body,
    )
