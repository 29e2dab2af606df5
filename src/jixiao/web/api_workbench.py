"""The JSON API for writing targets in the workbench and for document versions: create a
document, add, copy or delete a project, delete a draft, resolve a comment thread, list the
versions of a document and compare two. Same sign-in, CSRF token, permissions and error
answers (``{"detail": …, "hint": …}`` with 400/403/404/409) as ``jixiao.web.api``."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, Response
from pydantic import BaseModel, Field

from jixiao.web.api import CommentOut, DocumentOut, ProjectOut, _comment, _document, _project
from jixiao.web.deps import DB, CurrentUser
from jixiao.web.security import MAX_FIELD_CHARS
from jixiao.workbench.access import get_document
from jixiao.workbench.authoring import add_project, create_document, delete_document, delete_project
from jixiao.workbench.versions import compare_versions, get_version, list_versions
from jixiao.workbench.workflow import resolve_comment

router = APIRouter(prefix="/api", tags=["api"])


class DocumentNewIn(BaseModel):
    unit_id: int = Field(description="单位编号（GET /api/me 的单位，或管理员可见的任一单位）")
    year: int = Field(description="年度，四位年份")
    title: str = Field(default="", max_length=MAX_FIELD_CHARS)


class ProjectNewIn(BaseModel):
    name: str = Field(default="", max_length=MAX_FIELD_CHARS, description="新项目名称")
    copy_of: int | None = Field(
        default=None, description="要复制的项目编号（本文档或以前年度文档中的项目）"
    )


class ResolveIn(BaseModel):
    resolved: bool = True


class ResolvedOut(CommentOut):
    resolved: bool


class VersionOut(BaseModel):
    number: int
    created_at: datetime
    username: str | None
    action: str
    summary: str
    audit_id: int | None


class VersionContentOut(VersionOut):
    document: dict[str, Any]


class FieldChangeOut(BaseModel):
    what: str
    old: str
    new: str


class VersionComparisonOut(BaseModel):
    old: VersionOut
    new: VersionOut
    fields: list[FieldChangeOut] = Field(description="标题、部门目标、项目概况等字段的变化")
    diff: dict[str, Any] = Field(description="项目和指标的对比（与“与上年对比”相同的结构）")


def _version(v: Any) -> VersionOut:
    return VersionOut(
        number=v.number,
        created_at=v.created_at,
        username=v.username,
        action=v.action,
        summary=v.summary,
        audit_id=v.audit_id,
    )


@router.post("/documents/new", response_model=DocumentOut, status_code=201, summary="新建文档")
def new_document(session: DB, user: CurrentUser, body: DocumentNewIn) -> DocumentOut:
    """An empty draft for a unit and year, owned by the caller (not for reviewers)."""
    row = create_document(session, user, body.unit_id, body.year, body.title)
    return _document(get_document(session, user, row.id), user)


@router.delete("/documents/{document_id}", status_code=204, summary="删除草稿文档")
def remove_document(session: DB, user: CurrentUser, document_id: int) -> Response:
    """Delete a draft: its owner or an admin (the audit log keeps who deleted what)."""
    delete_document(session, user, document_id)
    return Response(status_code=204)


@router.post(
    "/documents/{document_id}/projects",
    response_model=ProjectOut,
    status_code=201,
    summary="新增或复制项目",
)
def new_project(session: DB, user: CurrentUser, document_id: int, body: ProjectNewIn) -> ProjectOut:
    """Append an empty project named ``name``, or a copy of project ``copy_of``."""
    row = add_project(session, user, document_id, name=body.name, copy_of=body.copy_of)
    return _project(row, get_document(session, user, document_id), user)


@router.delete("/projects/{project_id}", status_code=204, summary="删除项目")
def remove_project(session: DB, user: CurrentUser, project_id: int) -> Response:
    """Delete a project of an editable document, with its indicators and comments."""
    delete_project(session, user, project_id)
    return Response(status_code=204)


@router.post(
    "/documents/{document_id}/comments/{comment_id}/resolve",
    response_model=ResolvedOut,
    summary="将审核意见标为已解决（或重新打开）",
)
def resolve(
    session: DB, user: CurrentUser, document_id: int, comment_id: int, body: ResolveIn
) -> ResolvedOut:
    """By a reviewer of the document or the comment's author; only a thread's first comment."""
    row = resolve_comment(session, user, document_id, comment_id, body.resolved)
    return ResolvedOut(**_comment(row).model_dump(), resolved=row.resolved)


@router.get(
    "/documents/{document_id}/versions",
    response_model=list[VersionOut],
    summary="文档的版本列表",
)
def versions(session: DB, user: CurrentUser, document_id: int) -> list[VersionOut]:
    """Every saved version, newest first."""
    return [_version(v) for v in list_versions(session, user, document_id)]


@router.get(
    "/documents/{document_id}/versions/compare",
    response_model=VersionComparisonOut,
    summary="对比文档的两个版本",
)
def compare(
    session: DB, user: CurrentUser, document_id: int, old: int, new: int
) -> VersionComparisonOut:
    """Version ``old`` (before) against version ``new`` (after)."""
    result = compare_versions(session, user, document_id, old, new)
    return VersionComparisonOut(
        old=_version(result.old),
        new=_version(result.new),
        fields=[FieldChangeOut(what=c.what, old=c.old, new=c.new) for c in result.fields],
        diff=result.diff.model_dump(mode="json"),
    )


@router.get(
    "/documents/{document_id}/versions/{number}",
    response_model=VersionContentOut,
    summary="文档某一版本的内容",
)
def version(session: DB, user: CurrentUser, document_id: int, number: int) -> VersionContentOut:
    v = get_version(session, user, document_id, number)
    return VersionContentOut(**_version(v).model_dump(), document=v.content)
