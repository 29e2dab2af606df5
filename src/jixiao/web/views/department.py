"""The department page editor: the document's title, year and department goals
(部门整体目标, 分目标, 保障措施), saved with the document's version (optimistic locking)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from jixiao._exceptions import InvalidInput
from jixiao.model import Department
from jixiao.review import Finding
from jixiao.store.convert import document_from_row, load_findings
from jixiao.store.errors import ConflictError
from jixiao.web.deps import DB, CurrentUser, page
from jixiao.workbench.access import can_edit, get_document
from jixiao.workbench.editing import update_department

router = APIRouter(include_in_schema=False)

PARTS = (("overall_goals", "部门整体目标"), ("sub_goals", "分目标"), ("safeguards", "保障措施"))


def _items(values: list[str]) -> list[str]:
    """The goals as typed, one per box. A goal may span lines (seed 003's 分目标 are a
    project name, then its goals), so items are never split at line breaks; blank boxes are
    dropped and browsers' CRLF is read as LF."""
    out = []
    for value in values:
        text = value.replace("\r\n", "\n").replace("\r", "\n").strip()
        if text:
            out.append(text)
    return out


def _year(text: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    if not (text.isdigit() and 1990 <= int(text) <= 2100):
        raise InvalidInput(f"“年度”应为四位年份（如 2025），收到的是：{text}")
    return int(text)


def _department_findings(findings: list[Finding]) -> list[Finding]:
    """The findings about the document as a whole (not one project)."""
    return [f for f in findings if f.project_seq is None]


def _form(
    request: Request,
    session: DB,
    user: CurrentUser,
    document_id: int,
    *,
    values: dict[str, Any] | None = None,
    version: int | None = None,
    error: str | None = None,
    status_code: int = 200,
) -> Response:
    row = get_document(session, user, document_id)
    doc = document_from_row(row)
    if values is None:
        values = {
            "title": doc.title or "",
            "fiscal_year": "" if doc.fiscal_year is None else str(doc.fiscal_year),
            **{key: list(getattr(doc.department, key)) for key, _ in PARTS},
        }
    return page(
        request,
        "department.html",
        user,
        row=row,
        values=values,
        parts=PARTS,
        version=row.version if version is None else version,
        editable=can_edit(user, row),
        findings=_department_findings(load_findings(session, row.id)),
        error=error,
        status_code=status_code,
    )


@router.get("/documents/{document_id}/department")
def department_form(request: Request, session: DB, user: CurrentUser, document_id: int) -> Response:
    return _form(request, session, user, document_id)


@router.post("/documents/{document_id}/department")
def save_department(
    request: Request,
    session: DB,
    user: CurrentUser,
    document_id: int,
    version: Annotated[str, Form()] = "",
    title: Annotated[str, Form()] = "",
    fiscal_year: Annotated[str, Form()] = "",
    overall_goals: Annotated[list[str] | None, Form()] = None,
    sub_goals: Annotated[list[str] | None, Form()] = None,
    safeguards: Annotated[list[str] | None, Form()] = None,
) -> Response:
    goals = {
        "overall_goals": _items(overall_goals or []),
        "sub_goals": _items(sub_goals or []),
        "safeguards": _items(safeguards or []),
    }
    values: dict[str, Any] = {"title": title, "fiscal_year": fiscal_year, **goals}
    read_at = int(version) if version.isdigit() else -1
    try:
        update_department(
            session,
            user,
            document_id,
            read_at,
            title,
            _year(fiscal_year),
            Department(**goals),
        )
    except (ConflictError, InvalidInput) as exc:
        session.rollback()
        return _form(
            request,
            session,
            user,
            document_id,
            values=values,
            version=read_at,
            error=str(exc),  # message and hint, each once
            status_code=exc.http_status,
        )
    return RedirectResponse(f"/documents/{document_id}?saved=department", status_code=303)
