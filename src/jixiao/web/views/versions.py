"""The versions page: every saved state of a document, and two of them compared (修改前/修改后),
reusing the year-over-year comparison for projects and indicators. Whoever may view the
document may see its versions."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from jixiao._exceptions import InvalidInput
from jixiao.compare.html import render_html_body
from jixiao.web.deps import DB, CurrentUser, flash, page
from jixiao.workbench.access import get_document
from jixiao.workbench.versions import compare_versions, list_versions, version_for_audit

router = APIRouter(include_in_schema=False)


def _number(text: str, what: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    if not text.isdigit():
        raise InvalidInput(f"请选择{what}（版本号应为数字，收到的是：{text[:20]}）")
    return int(text)


@router.get("/documents/{document_id}/versions")
def versions_page(
    request: Request,
    session: DB,
    user: CurrentUser,
    document_id: int,
    old: str = "",
    new: str = "",
) -> Response:
    row = get_document(session, user, document_id)
    versions = list_versions(session, user, document_id)
    a, b = _number(old, "修改前的版本"), _number(new, "修改后的版本")
    comparison = None
    if a is not None and b is not None:
        comparison = compare_versions(session, user, document_id, a, b)
    elif a is not None or b is not None:
        raise InvalidInput("请选择两个版本进行对比")
    numbers = [v.number for v in versions]
    return page(
        request,
        "versions.html",
        user,
        row=row,
        versions=versions,
        comparison=comparison,
        body=None if comparison is None else render_html_body(comparison.diff, versions=True),
        selected_old=comparison.old.number
        if comparison
        else (numbers[1] if len(numbers) > 1 else None),
        selected_new=comparison.new.number if comparison else (numbers[0] if numbers else None),
    )


@router.get("/documents/{document_id}/versions/audit/{audit_id}")
def save_comparison(
    request: Request, session: DB, user: CurrentUser, document_id: int, audit_id: int
) -> Response:
    """From the history: the version a save made, against the one before it."""
    version = version_for_audit(session, user, document_id, audit_id)
    target = f"/documents/{document_id}/versions"
    if version is None:
        flash(
            request,
            "这次修改发生在启用版本记录之前，没有保存修改前后的文档，无法对比。",
            error=True,
        )
        return RedirectResponse(target, status_code=303)
    if version.number == 1:
        flash(request, "这是文档的第一个版本（导入或新建时），没有更早的版本可以对比。")
        return RedirectResponse(target, status_code=303)
    return RedirectResponse(
        f"{target}?old={version.number - 1}&new={version.number}#comparison", status_code=303
    )
