"""The document page: department goals, projects with grades, review report, workflow,
comments and the audit log; exports."""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse, Response
from markupsafe import Markup
from sqlalchemy.orm import Session

from jixiao._exceptions import Forbidden, InvalidInput, StatusConflict
from jixiao.model import Document
from jixiao.render import render
from jixiao.review import review
from jixiao.review.output.html import render_html
from jixiao.store.convert import document_from_row
from jixiao.store.errors import NotFoundError
from jixiao.store.models import DocumentRow, UserRow
from jixiao.web.deps import DB, CurrentUser, flash, page, read_page, templates
from jixiao.web.display import attachment_header, export_filename
from jixiao.workbench.access import can_edit, can_review, get_document
from jixiao.workbench.authoring import earlier_projects
from jixiao.workbench.quality_gate import (
    EXPLANATION_FIELD,
    blocking_findings,
    finding_key,
    gate_mode,
)
from jixiao.workbench.snapshot import DocumentSnapshot, document_snapshot
from jixiao.workbench.snapshot import indicator_labels as indicator_labels  # used by other views
from jixiao.workbench.workflow import TRANSITIONS, add_comment, resolve_comment, transition

router = APIRouter(include_in_schema=False)

_LOCAL_PATH = re.compile(r"/(?:projects|documents)/\d+(?:/(?:monitoring|selfeval|overview))?")
"""Where a comment form may send the user back to (never another site)."""

EXPORTS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
    "json": "application/json",
    "report.html": "text/html; charset=utf-8",
    "report.xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@router.get("/documents/{document_id}")
async def document_page(request: Request, document_id: int) -> Response:
    return await read_page(
        request, lambda session, user: _document_page(request, session, user, document_id)
    )


def _document_page(request: Request, session: Session, user: UserRow, document_id: int) -> Response:
    # What is the same for every user comes from the snapshot of the document's revision;
    # access, the allowed steps, the gate and the comments are worked out per request.
    row, snap = document_snapshot(session, user, document_id)
    report = snap.report
    actions = [
        (name, step)
        for name, step in TRANSITIONS.items()
        if row.status in step.source
        and user.role in step.roles
        and (can_edit(user, row) if name == "submit" else can_review(user, row))
    ]
    mode = gate_mode()
    gate = (
        [(finding_key(f), f) for f in blocking_findings(session, row, list(report.findings))]
        if mode != "off" and any(name == "submit" for name, _ in actions)
        else []
    )
    editable = can_edit(user, row)
    return page(
        request,
        "document.html",
        user,
        row=row,
        doc=snap.doc,
        gate=gate,
        gate_mode=mode,
        explanation_field=EXPLANATION_FIELD,
        report=report,
        grades=snap.grades,
        actions=actions,
        confirm=CONFIRM,
        editable=editable,
        earlier=earlier_projects(session, user, row, snap.unit_ids) if editable else [],
        deletable=row.status == "draft"
        and (user.role == "admin" or (user.role == "unit_filler" and row.owner_id == user.id)),
        reviewing=can_review(user, row) and row.status == "in_review",
        comments=row.comments,
        indicator_labels=snap.indicator_labels,
        shared=_shared_parts(snap, row),
        exports=list(EXPORTS),
        saved=request.query_params.get("saved") == "department",
    )


@dataclass(frozen=True)
class SharedParts:
    """What the document page shows the same to every user, as HTML."""

    findings: Markup
    audit: Markup


def _shared_parts(snap: DocumentSnapshot, row: DocumentRow) -> SharedParts:
    """The review report's list and the audit table, rendered once per snapshot: with a few
    dozen findings each carrying its fixes, they were the larger part of the page's template
    time (docs/performance.md)."""
    parts = snap.fragments.get("document")
    if not isinstance(parts, SharedParts):
        module = templates.env.get_template("_document_shared.html").module
        parts = SharedParts(
            findings=Markup(module.findings(snap.report)),  # type: ignore[attr-defined]
            audit=Markup(module.audit_rows(snap.audit, row)),  # type: ignore[attr-defined]
        )
        snap.fragments["document"] = parts
    return parts


DONE = {
    "submit": "已提交审核。审核人会在待办“等待我审核”中看到它。",
    "start": "已开始审核。可以对项目和指标提出意见，然后退回修改或审核通过。",
    "return": "已退回修改。单位会在待办“退回给我修改”中看到退回意见。",
    "approve": "已审核通过。",
}
"""What each workflow step did, said on the page the user lands on."""

CONFIRM = {
    "submit": "提交后文档将不能修改，直到审核人退回。确定提交审核吗？",
    "return": "确定把文档退回给单位修改吗？",
    "approve": "审核通过后文档不能再修改。确定审核通过吗？",
}
"""The question asked before a step that cannot be undone by the one who takes it."""


@router.post("/documents/{document_id}/workflow/{action}")
async def workflow(
    request: Request, session: DB, user: CurrentUser, document_id: int, action: str
) -> Response:
    form = await request.form()
    comment = form.get("comment")
    explanations = {
        str(key)[len("explain:") :]: str(value)
        for key, value in form.items()
        if str(key).startswith("explain:") and isinstance(value, str)
    }
    try:
        await run_in_threadpool(
            transition,
            session,
            user,
            document_id,
            action,
            comment if isinstance(comment, str) else "",
            explanations,
        )
    except (Forbidden, StatusConflict, InvalidInput) as exc:
        if action != "submit":
            raise
        session.rollback()  # the gate (or the status, or the role) said no: back, saying why
        flash(request, f"{exc.detail}。{exc.hint or ''}", error=True)
        return RedirectResponse(f"/documents/{document_id}#submit-form", status_code=303)
    flash(request, DONE.get(action, "已完成。"))
    return RedirectResponse(f"/documents/{document_id}", status_code=303)


@router.post("/documents/{document_id}/comments")
def comment(
    request: Request,
    session: DB,
    user: CurrentUser,
    document_id: int,
    body: Annotated[str, Form()],
    project_id: Annotated[str, Form()] = "",
    indicator_id: Annotated[str, Form()] = "",
    field: Annotated[str, Form()] = "",
    parent_id: Annotated[str, Form()] = "",
    back: Annotated[str, Form()] = "",
) -> Response:
    add_comment(
        session,
        user,
        document_id,
        body,
        project_id=int(project_id) if project_id.isdigit() else None,
        indicator_id=int(indicator_id) if indicator_id.isdigit() else None,
        field=field.strip() or None,
        parent_id=int(parent_id) if parent_id.isdigit() else None,
    )
    flash(request, "已回复。" if parent_id.isdigit() else "已提出审核意见。")
    target = back if _LOCAL_PATH.fullmatch(back) else f"/documents/{document_id}"
    return RedirectResponse(target, status_code=303)


@router.post("/documents/{document_id}/comments/{comment_id}/resolve")
def resolve(
    request: Request,
    session: DB,
    user: CurrentUser,
    document_id: int,
    comment_id: int,
    resolved: Annotated[str, Form()] = "1",
    back: Annotated[str, Form()] = "",
) -> Response:
    resolve_comment(session, user, document_id, comment_id, resolved == "1")
    flash(request, "已标为已解决。" if resolved == "1" else "已重新打开该意见。")
    target = back if _LOCAL_PATH.fullmatch(back) else f"/documents/{document_id}"
    return RedirectResponse(f"{target}#comment-{comment_id}", status_code=303)


def export_bytes(doc: Document, kind: str) -> bytes:
    """The document (DOCX, XLSX, PDF, JSON) or its review report (HTML, XLSX) as a file."""
    if kind in ("docx", "xlsx", "pdf"):
        return render(doc, kind)  # type: ignore[arg-type]
    if kind == "json":
        return json.dumps(doc.model_dump(mode="json"), ensure_ascii=False, indent=2).encode()
    report = review(doc)
    if kind == "report.html":
        return render_html(doc, report).encode("utf-8")
    if kind == "report.xlsx":
        from jixiao.review.output.xlsx import write_xlsx

        out = io.BytesIO()
        write_xlsx(doc, report, out)
        return out.getvalue()
    raise NotFoundError(f"不支持的导出格式：{kind}")


def export_response(doc: Document, document_id: int, kind: str) -> Response:
    if kind not in EXPORTS:
        raise NotFoundError(f"不支持的导出格式：{kind}")
    data = export_bytes(doc, kind)
    name = export_filename(doc, document_id, kind)
    fallback = f"document-{document_id}.{kind}"
    return Response(
        data,
        media_type=EXPORTS[kind],
        headers={"Content-Disposition": attachment_header(name, fallback)},
    )


@router.get("/documents/{document_id}/export/{kind}")
def export(session: DB, user: CurrentUser, document_id: int, kind: str) -> Response:
    row = get_document(session, user, document_id)
    return export_response(document_from_row(row), document_id, kind)
