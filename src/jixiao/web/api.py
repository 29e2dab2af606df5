"""The JSON API under ``/api/``: the same operations as the pages, for the same users.

Sign in with ``POST /api/login`` (JSON); the session cookie then authenticates, and every
unsafe request carries the token from ``GET /api/session`` in the ``X-CSRF-Token`` header.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, File, Request, UploadFile
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from jixiao.model import Department, Project
from jixiao.reading import MAX_INPUT_BYTES
from jixiao.review import review
from jixiao.review.output.json_out import report_data
from jixiao.store.audit import audit_trail, record_change
from jixiao.store.convert import document_from_row, project_from_row
from jixiao.store.db import commit
from jixiao.store.models import DocumentRow, ProjectRow, UserRow
from jixiao.web.csrf import csrf_token
from jixiao.web.deps import DB, CurrentUser, signed_in_user
from jixiao.web.security import MAX_FIELD_CHARS, MAX_PASSWORD_CHARS, LoginLimiter
from jixiao.web.views.document import export_response
from jixiao.web.views.login import TOO_MANY, WRONG, start_session
from jixiao.workbench.access import can_edit, get_document, get_project
from jixiao.workbench.auth import authenticate
from jixiao.workbench.editing import import_document, update_department, update_project
from jixiao.workbench.search import search_documents
from jixiao.workbench.sessions import close_session
from jixiao.workbench.workflow import add_comment, transition

router = APIRouter(prefix="/api", tags=["api"])


class LoginIn(BaseModel):
    username: str = Field(max_length=MAX_FIELD_CHARS)
    password: str = Field(max_length=MAX_PASSWORD_CHARS)


class UserOut(BaseModel):
    id: int
    username: str
    display_name: str
    role: str
    units: list[str]


class SessionOut(BaseModel):
    csrf_token: str
    user: UserOut | None = None


class ProjectSummary(BaseModel):
    id: int
    seq: int
    code: str | None
    name: str
    unit: str | None
    version: int


class DocumentSummary(BaseModel):
    id: int
    title: str | None
    source_name: str
    fiscal_year: int | None
    status: str
    version: int
    projects: list[ProjectSummary] = Field(default_factory=list)


class DocumentOut(DocumentSummary):
    editable: bool
    document: dict[str, Any]


class ProjectOut(BaseModel):
    id: int
    document_id: int
    version: int
    editable: bool
    project: dict[str, Any]
    indicator_ids: list[int] = Field(
        description="The stored id of each indicator, in order (comments refer to these)."
    )


class ProjectIn(BaseModel):
    version: int
    project: Project
    indicator_ids: list[int | None] | None = Field(
        default=None,
        description=(
            "For each indicator of ``project``, the id of the stored indicator it continues "
            "(null: a new one). Send them back when indicators are reordered, so that they "
            "keep their comments; without them indicators are matched by position."
        ),
    )


class DepartmentIn(BaseModel):
    version: int
    title: str | None = None
    fiscal_year: int | None = None
    department: Department


class WorkflowIn(BaseModel):
    comment: str = ""
    explanations: dict[str, str] = Field(
        default_factory=dict,
        description="提交审核时：每个“错误”级审核意见不修改的原因；键为“规则代码|项目序号|"
        "指标序号（从 0 起）|字段”，无项目或指标时该段为空",
    )


class CommentIn(BaseModel):
    body: str
    project_id: int | None = None
    indicator_id: int | None = None
    field: str | None = None
    parent_id: int | None = None


class CommentOut(BaseModel):
    id: int
    project_id: int | None
    indicator_id: int | None
    parent_id: int | None
    field: str | None
    author: str | None
    body: str
    created_at: datetime


class AuditOut(BaseModel):
    id: int
    at: datetime
    username: str | None
    action: str
    diff: dict[str, Any]


def _user(user: UserRow) -> UserOut:
    return UserOut(
        id=user.id,
        username=user.username,
        display_name=user.display_name,
        role=user.role,
        units=[u.name or u.code or "" for u in user.units],
    )


def _summary(row: DocumentRow) -> DocumentSummary:
    return DocumentSummary(
        id=row.id,
        title=row.title,
        source_name=row.source_name,
        fiscal_year=row.fiscal_year,
        status=row.status,
        version=row.version,
        projects=[
            ProjectSummary(
                id=p.id,
                seq=p.seq,
                code=p.code,
                name=p.name,
                unit=None if p.unit is None else p.unit.name,
                version=p.version,
            )
            for p in row.projects
        ],
    )


def _document(row: DocumentRow, user: UserRow) -> DocumentOut:
    return DocumentOut(
        **_summary(row).model_dump(),
        editable=can_edit(user, row),
        document=document_from_row(row).model_dump(mode="json"),
    )


@router.get("/session", response_model=SessionOut)
def session_info(request: Request, session: DB) -> SessionOut:
    """The CSRF token for this session (and the signed-in user, if any)."""
    user = signed_in_user(request, session)
    return SessionOut(csrf_token=csrf_token(request), user=None if user is None else _user(user))


@router.post("/login", response_model=SessionOut)
def api_login(request: Request, session: DB, body: LoginIn) -> Response:
    limiter: LoginLimiter = request.app.state.login_limiter
    if limiter.blocked(session, request, body.username):
        return JSONResponse({"detail": TOO_MANY}, status_code=429)
    user = authenticate(session, body.username.strip(), body.password)
    if user is None:
        limiter.failed(session, request, body.username)
        return JSONResponse({"detail": WRONG}, status_code=401)
    limiter.succeeded(session, request, body.username)
    start_session(session, request, user)
    record_change(session, None, user, "登录")
    commit(session)
    out = SessionOut(csrf_token=csrf_token(request), user=_user(user))
    return JSONResponse(out.model_dump(mode="json"))


@router.post("/logout", status_code=204)
def api_logout(request: Request, session: DB) -> Response:
    close_session(session, request)
    commit(session)
    return Response(status_code=204)


@router.get("/me", response_model=UserOut)
def me(user: CurrentUser) -> UserOut:
    return _user(user)


@router.get("/documents", response_model=list[DocumentSummary])
def documents(
    session: DB,
    user: CurrentUser,
    q: str = "",
    year: int | None = None,
    grade: str = "",
    rule: str = "",
) -> list[DocumentSummary]:
    """The documents the caller may see, filtered by name/code, year, grade and rule code."""
    return [
        _summary(r) for r in search_documents(session, user, q=q, year=year, grade=grade, rule=rule)
    ]


@router.post("/documents", response_model=DocumentOut, status_code=201)
async def import_file(
    session: DB, user: CurrentUser, file: Annotated[UploadFile, File()]
) -> DocumentOut:
    """Import a file (any format jixiao reads), review it and store the findings."""
    data = await file.read(MAX_INPUT_BYTES + 1)
    row = import_document(session, user, data, file.filename or "上传文件")
    return _document(row, user)


@router.get("/documents/{document_id}", response_model=DocumentOut)
def document(session: DB, user: CurrentUser, document_id: int) -> DocumentOut:
    return _document(get_document(session, user, document_id), user)


@router.put("/documents/{document_id}/department", response_model=DocumentOut)
def update_department_goals(
    session: DB, user: CurrentUser, document_id: int, body: DepartmentIn
) -> DocumentOut:
    """Save the title, year and department goals read at ``version`` (the document's);
    409 when someone else saved them since."""
    row = update_department(
        session, user, document_id, body.version, body.title, body.fiscal_year, body.department
    )
    return _document(row, user)


@router.get("/documents/{document_id}/review")
def document_review(session: DB, user: CurrentUser, document_id: int) -> dict[str, Any]:
    """The review report (findings, grades, summary) of the document as it is now."""
    row = get_document(session, user, document_id)
    return report_data(review(document_from_row(row)), row.source_name)


@router.get("/documents/{document_id}/export/{kind}")
def export(session: DB, user: CurrentUser, document_id: int, kind: str) -> Response:
    """The document as docx, xlsx, pdf, json, report.html or report.xlsx."""
    row = get_document(session, user, document_id)
    return export_response(document_from_row(row), document_id, kind)


@router.post("/documents/{document_id}/workflow/{action}", response_model=DocumentSummary)
def workflow(
    session: DB, user: CurrentUser, document_id: int, action: str, body: WorkflowIn | None = None
) -> DocumentSummary:
    """Move the document on: submit, start, return (needs a comment) or approve."""
    body = body or WorkflowIn()
    row = transition(session, user, document_id, action, body.comment, body.explanations)
    return _summary(get_document(session, user, row.id))


@router.get("/documents/{document_id}/comments", response_model=list[CommentOut])
def comments(session: DB, user: CurrentUser, document_id: int) -> list[CommentOut]:
    row = get_document(session, user, document_id)
    return [_comment(c) for c in row.comments]


def _comment(c: Any) -> CommentOut:
    return CommentOut(
        id=c.id,
        project_id=c.project_id,
        indicator_id=c.indicator_id,
        parent_id=c.parent_id,
        field=c.field,
        author=None if c.author is None else c.author.username,
        body=c.body,
        created_at=c.created_at,
    )


@router.post("/documents/{document_id}/comments", response_model=CommentOut, status_code=201)
def comment(session: DB, user: CurrentUser, document_id: int, body: CommentIn) -> CommentOut:
    row = add_comment(
        session,
        user,
        document_id,
        body.body,
        project_id=body.project_id,
        indicator_id=body.indicator_id,
        field=body.field,
        parent_id=body.parent_id,
    )
    return _comment(row)


@router.get("/documents/{document_id}/audit", response_model=list[AuditOut])
def audit(session: DB, user: CurrentUser, document_id: int) -> list[AuditOut]:
    get_document(session, user, document_id)
    return [
        AuditOut(id=a.id, at=a.at, username=a.username, action=a.action, diff=a.diff)
        for a in audit_trail(session, document_id)
    ]


@router.get("/projects/{project_id}", response_model=ProjectOut)
def project(session: DB, user: CurrentUser, project_id: int) -> ProjectOut:
    row = get_project(session, user, project_id)
    return _project(row, get_document(session, user, row.document_id), user)


@router.put("/projects/{project_id}", response_model=ProjectOut)
def update(session: DB, user: CurrentUser, project_id: int, body: ProjectIn) -> ProjectOut:
    """Save the project read at ``version``; 409 when someone else saved it since."""
    row = update_project(session, user, project_id, body.version, body.project, body.indicator_ids)
    return _project(row, get_document(session, user, row.document_id), user)


def _project(row: ProjectRow, doc: DocumentRow, user: UserRow) -> ProjectOut:
    return ProjectOut(
        id=row.id,
        document_id=row.document_id,
        version=row.version,
        editable=can_edit(user, doc, row),
        project=project_from_row(row).model_dump(mode="json"),
        indicator_ids=[ind.id for ind in row.indicators],
    )
