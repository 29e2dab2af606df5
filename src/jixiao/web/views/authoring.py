"""Pages for writing targets in the workbench: a new document, projects added, copied (also
from last year's document of the same unit) and deleted, a draft document deleted."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from jixiao._exceptions import Forbidden, InvalidInput
from jixiao.web.deps import DB, CurrentUser, flash, page
from jixiao.workbench.authoring import (
    add_project,
    create_document,
    delete_document,
    delete_project,
    units_for,
)

router = APIRouter(include_in_schema=False)


@router.get("/documents/new")
def new_document_form(request: Request, session: DB, user: CurrentUser) -> Response:
    if user.role == "reviewer":
        raise Forbidden("审核人不能新建文档")
    return page(
        request,
        "new_document.html",
        user,
        units=units_for(session, user),
        values={"unit": "", "year": str(date.today().year + 1), "title": ""},
        error=None,
    )


@router.post("/documents/new")
def new_document(
    request: Request,
    session: DB,
    user: CurrentUser,
    unit: Annotated[str, Form()] = "",
    year: Annotated[str, Form()] = "",
    title: Annotated[str, Form()] = "",
) -> Response:
    try:
        if not unit.isdigit():
            raise InvalidInput("请选择单位")
        if not (year.strip().isdigit() and len(year.strip()) == 4):
            raise InvalidInput(f"“年度”应为四位年份（如 2025），收到的是：{year}")
        row = create_document(session, user, int(unit), int(year), title)
    except InvalidInput as exc:
        session.rollback()
        return page(
            request,
            "new_document.html",
            user,
            400,
            units=units_for(session, user),
            values={"unit": unit, "year": year, "title": title},
            error=exc.detail,
        )
    flash(request, "已新建文档。下面添加项目：新增空白项目，或从上年的项目复制。")
    return RedirectResponse(f"/documents/{row.id}#add-project", status_code=303)


@router.post("/documents/{document_id}/projects")
def new_project(
    request: Request,
    session: DB,
    user: CurrentUser,
    document_id: int,
    name: Annotated[str, Form()] = "",
    copy_of: Annotated[str, Form()] = "",
) -> Response:
    try:
        row = add_project(
            session,
            user,
            document_id,
            name=name,
            copy_of=int(copy_of) if copy_of.isdigit() else None,
        )
    except InvalidInput as exc:
        session.rollback()
        flash(request, exc.detail, error=True)
        return RedirectResponse(f"/documents/{document_id}#add-project", status_code=303)
    flash(request, f"已添加项目 {row.seq}“{row.name}”。")
    return RedirectResponse(f"/projects/{row.id}", status_code=303)


@router.post("/projects/{project_id}/delete")
def remove_project(request: Request, session: DB, user: CurrentUser, project_id: int) -> Response:
    document_id = delete_project(session, user, project_id)
    flash(request, "已删除项目。")
    return RedirectResponse(f"/documents/{document_id}", status_code=303)


@router.post("/documents/{document_id}/delete")
def remove_document(request: Request, session: DB, user: CurrentUser, document_id: int) -> Response:
    title = delete_document(session, user, document_id)
    flash(request, f"已删除文档“{title}”（删除记录保留在修改记录中）。")
    return RedirectResponse("/", status_code=303)
