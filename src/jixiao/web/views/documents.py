"""The document list (with search) and the import page."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import Response

from jixiao._exceptions import JixiaoError
from jixiao.reading import MAX_INPUT_BYTES
from jixiao.store.convert import document_from_row, load_findings
from jixiao.store.models import UnitRow
from jixiao.web.deps import DB, CurrentUser, page
from jixiao.web.display import without_hint
from jixiao.workbench.access import Forbidden
from jixiao.workbench.editing import find_duplicate, import_document
from jixiao.workbench.search import search_documents
from jixiao.workbench.tasks import status_counts, task_lists

router = APIRouter(include_in_schema=False)


def form_year(text: str) -> int | None:
    """The year typed in a search form; anything but digits means “any year”."""
    text = text.strip()
    return int(text) if text.isdigit() else None


@router.get("/")
def document_list(
    request: Request,
    session: DB,
    user: CurrentUser,
    q: str = "",
    year: str = "",
    grade: str = "",
    rule: str = "",
    unit: str = "",
    indicator: str = "",
    value: str = "",
    status: str = "",
) -> Response:
    """The home page: the user's 待办 lists, then the document list with counts per status;
    ``unit``, ``indicator`` and ``value`` are the exact filters the analytics pages link to
    (kept as hidden fields when the form is sent again), ``status`` one status."""
    unit_id = int(unit) if unit.strip().isdigit() else None
    searched = any(x.strip() for x in (q, year, grade, rule, unit, indicator, value))
    rows = search_documents(
        session,
        user,
        q=q,
        year=form_year(year),
        grade=grade,
        rule=rule,
        unit_id=unit_id,
        indicator=indicator,
        value=value,
    )
    unit_row = None if unit_id is None else session.get(UnitRow, unit_id)
    visible = search_documents(session, user) if searched else rows
    counts = status_counts(rows)
    if status in counts:
        rows = [r for r in rows if r.status == status]
    return page(
        request,
        "documents.html",
        user,
        documents=rows,
        tasks=task_lists(user, visible),
        counts=counts,
        search={
            "status": status if status in counts else "",
            "q": q,
            "year": year,
            "grade": grade,
            "rule": rule,
            "unit": "" if unit_id is None else str(unit_id),
            "indicator": indicator,
            "value": value,
        },
        unit=unit_row,
    )


@router.get("/import")
def import_form(request: Request, user: CurrentUser) -> Response:
    if user.role == "reviewer":
        raise Forbidden("审核人不能导入文档")
    return page(request, "import.html", user, error=None, result=None)


@router.post("/import")
async def import_file(
    request: Request,
    session: DB,
    user: CurrentUser,
    file: Annotated[UploadFile, File()],
    again: Annotated[str, Form()] = "",
) -> Response:
    if user.role == "reviewer":
        raise Forbidden("审核人不能导入文档")
    data = await file.read(MAX_INPUT_BYTES + 1)
    name = file.filename or "上传文件"
    existing = None if again == "1" else find_duplicate(session, user, data)
    if existing is not None:  # the same bytes again: open the one there is, or say “again”
        return page(request, "import.html", user, 409, error=None, result=None, duplicate=existing)
    try:
        row = import_document(session, user, data, name)
    except JixiaoError as exc:
        if isinstance(exc, Forbidden):
            raise
        return page(
            request, "import.html", user, 400, error=without_hint(exc), hint=exc.hint, result=None
        )
    doc = document_from_row(row)
    findings = load_findings(session, row.id)
    return page(request, "import.html", user, error=None, result=row, doc=doc, findings=findings)
