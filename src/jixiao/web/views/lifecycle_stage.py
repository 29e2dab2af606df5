"""What the 运行监控 and 绩效自评 pages share: the stage's workflow, comments and audit log,
the import of a filled 填报 workbook and the download of the pre-filled one."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from jixiao._exceptions import Forbidden, InvalidInput, JixiaoError, StatusConflict
from jixiao.lifecycle.workbook import Kind
from jixiao.reading import MAX_INPUT_BYTES
from jixiao.store.models import DocumentRow, ProjectRow, UserRow
from jixiao.web.deps import DB, CurrentUser, flash
from jixiao.web.display import attachment_header
from jixiao.web.views.document import indicator_labels
from jixiao.workbench.access import can_review, get_project
from jixiao.workbench.history import readable_changes
from jixiao.workbench.lifecycle import (
    DEFAULT_MONTH,
    STAGE_LABELS,
    STAGE_STATUS_LABELS,
    can_fill,
    import_actuals,
    installation_schemes,
    period_label,
    project_template,
    stage_key,
    stage_status,
)
from jixiao.workbench.lifecycle_workflow import (
    add_stage_comment,
    stage_actions,
    stage_audit,
    stage_transition,
)

router = APIRouter(include_in_schema=False)

PAGES: dict[str, Kind] = {"monitoring": "monitor", "selfeval": "selfeval"}
"""The path segment of each stage's page."""
DONE = {
    "submit": "已提交审核。",
    "start": "已开始审核。可以对各行、各项得分提出意见，然后退回修改或审核通过。",
    "return": "已退回修改。",
    "approve": "已审核通过。",
}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def month_of(request: Request, project_months: list[int]) -> int:
    """``?month=`` when it is a month, else the latest record's month, else July."""
    text = request.query_params.get("month", "")
    if text.isdigit() and 1 <= int(text) <= 12:
        return int(text)
    return max(project_months) if project_months else DEFAULT_MONTH


def page_path(project_id: int, stage: Kind, period: int) -> str:
    if stage == "monitor":
        return f"/projects/{project_id}/monitoring?month={period}"
    return f"/projects/{project_id}/selfeval"


def stage_context(
    session: DB, user: UserRow, row: ProjectRow, doc_row: DocumentRow, stage: Kind, period: int
) -> dict[str, Any]:
    """Status, the steps the user may take, comments and audit entries of the stage."""
    status = stage_status(session, row.id, stage, period)
    label = STAGE_LABELS[stage]
    own = [
        c
        for c in doc_row.comments
        if c.project_id == row.id and c.parent_id is None and (c.field or "").startswith(label)
    ]
    return {
        "stage": stage,
        "stage_label": label,
        "period": period,
        "period_label": period_label(stage, period),
        "stage_status": status,
        "stage_status_label": STAGE_STATUS_LABELS[status],
        "actions": stage_actions(user, doc_row, row, status),
        "fillable": can_fill(user, doc_row, row, status),
        "reviewing": can_review(user, doc_row) and status == "in_review",
        "stage_comments": own,
        "comments": doc_row.comments,
        "indicator_labels": indicator_labels(doc_row),
        "indicator_ids": [ind.id for ind in row.indicators],
        "audit": [
            (a, readable_changes(a, doc_row))
            for a in stage_audit(session, doc_row.id, row.seq, stage)
        ],
        "back": page_path(row.id, stage, period).split("?", 1)[0],
        "here": page_path(row.id, stage, period),
    }


def _stage(page: str) -> Kind:
    stage = PAGES.get(page)
    if stage is None:
        raise InvalidInput(f"未知的页面：{page}")
    return stage


def _period(request: Request, stage: Kind) -> int:
    text = request.query_params.get("month", "")
    return stage_key(stage, int(text) if text.isdigit() and 1 <= int(text) <= 12 else None)


@router.post("/projects/{project_id}/{page}/workflow/{action}")
async def workflow(
    request: Request, session: DB, user: CurrentUser, project_id: int, page: str, action: str
) -> Response:
    stage = _stage(page)
    period = _period(request, stage)
    form = await request.form()
    comment = form.get("comment")
    try:
        stage_transition(
            session,
            user,
            project_id,
            stage,
            period,
            action,
            installation_schemes(),
            comment if isinstance(comment, str) else "",
        )
    except (Forbidden, StatusConflict, InvalidInput) as exc:
        session.rollback()
        flash(request, f"{exc.detail}。{exc.hint or ''}".rstrip("。") + "。", error=True)
        return RedirectResponse(page_path(project_id, stage, period), status_code=303)
    flash(request, DONE.get(action, "已完成。"))
    return RedirectResponse(page_path(project_id, stage, period), status_code=303)


@router.post("/projects/{project_id}/{page}/comments")
def comment(
    request: Request,
    session: DB,
    user: CurrentUser,
    project_id: int,
    page: str,
    body: Annotated[str, Form()],
    indicator_id: Annotated[str, Form()] = "",
    what: Annotated[str, Form()] = "",
) -> Response:
    stage = _stage(page)
    period = _period(request, stage)
    made = add_stage_comment(
        session,
        user,
        project_id,
        stage,
        period,
        body,
        indicator_id=int(indicator_id) if indicator_id.isdigit() else None,
        what=what,
    )
    flash(request, "已提出审核意见。")
    return RedirectResponse(
        f"{page_path(project_id, stage, period)}#comment-{made.id}", status_code=303
    )


@router.post("/projects/{project_id}/{page}/import")
async def import_workbook(
    request: Request,
    session: DB,
    user: CurrentUser,
    project_id: int,
    page: str,
    file: Annotated[UploadFile, File()],
) -> Response:
    stage = _stage(page)
    period = _period(request, stage)
    data = await file.read(MAX_INPUT_BYTES + 1)
    try:
        if not data:
            raise InvalidInput("请选择填好的填报表（.xlsx）")
        _, month = import_actuals(session, user, project_id, data, file.filename or "填报表", stage)
    except JixiaoError as exc:
        session.rollback()
        flash(request, f"未导入：{exc.detail}", error=True)
        return RedirectResponse(page_path(project_id, stage, period), status_code=303)
    flash(request, "已导入填报表。")
    return RedirectResponse(page_path(project_id, stage, month), status_code=303)


@router.get("/projects/{project_id}/{page}/template.xlsx")
def template(
    request: Request, session: DB, user: CurrentUser, project_id: int, page: str
) -> Response:
    stage = _stage(page)
    get_project(session, user, project_id)
    period = _period(request, stage) or DEFAULT_MONTH
    data, name = project_template(session, user, project_id, stage, period)
    return Response(
        data,
        media_type=XLSX,
        headers={"Content-Disposition": attachment_header(name, f"{page}-{project_id}.xlsx")},
    )
