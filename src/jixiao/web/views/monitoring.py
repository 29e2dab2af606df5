"""A project's 运行监控 page: actuals of one month entered per indicator and for the budget,
the traffic lights recomputed by the monitoring engine as the user types (htmx posts the form
to ``/check`` and swaps the lights and findings in)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from jixiao._exceptions import InvalidInput
from jixiao.lifecycle.schemes import LIGHT_LABELS
from jixiao.model import Project
from jixiao.model.identity import indicator_keys
from jixiao.model.lifecycle import CAUSES, LIKELIHOODS, MonitoringRecord
from jixiao.store.convert import get_document_row, project_from_row
from jixiao.store.errors import ConflictError
from jixiao.web.deps import DB, CurrentUser, page
from jixiao.web.views.editor import _text
from jixiao.web.views.lifecycle_forms import monitoring_from_form
from jixiao.web.views.lifecycle_stage import month_of, stage_context
from jixiao.workbench.access import get_project
from jixiao.workbench.lifecycle import installation_schemes, monitoring_result, save_monitoring
from jixiao.workbench.lifecycle_workflow import missing_causes

router = APIRouter(include_in_schema=False)


def live(project: Project, record: MonitoringRecord | None, month: int) -> dict[str, Any]:
    """Lights, findings and the rows still needing a cause, for ``record`` in ``project``."""
    if record is not None:
        kept = [r for r in project.monitoring if r.month != month]
        project = project.model_copy(update={"monitoring": [*kept, record]})
    schemes = installation_schemes()
    result = monitoring_result(project, month, schemes.monitoring)
    needs = set()
    if result is not None:
        needs = {s.index for s in result.indicators if s.light in ("red", "yellow")}
    missing = missing_causes(project, month, schemes)
    names = [ind.name for ind in project.indicators]
    return {
        "result": result,
        "needs_cause": needs,
        "lacking": {i for i in needs if names[i] in missing},
        "missing": missing,
        "LIGHT_LABELS": LIGHT_LABELS,
    }


def _page(
    request: Request,
    session: DB,
    user: Any,
    project_id: int,
    month: int | None = None,
    *,
    record: MonitoringRecord | None = None,
    error: str | None = None,
    status_code: int = 200,
) -> Response:
    row = get_project(session, user, project_id)
    doc_row = get_document_row(session, row.document_id)
    project = project_from_row(row)
    month = month or month_of(request, [r.month for r in project.monitoring])
    stored = next((r for r in project.monitoring if r.month == month), None)
    shown = record or stored or MonitoringRecord(month=month)
    by_key = {r.indicator: r for r in shown.indicators}
    return page(
        request,
        "monitoring.html",
        user,
        row=row,
        doc_row=doc_row,
        project=project,
        month=month,
        months=sorted({r.month for r in project.monitoring} | {month}),
        record=shown,
        rows=[by_key.get(k) for k in indicator_keys(project.indicators)],
        causes=CAUSES,
        likelihoods=LIKELIHOODS,
        version=row.version,
        error=error,
        status_code=status_code,
        **live(project, record, month),
        **stage_context(session, user, row, doc_row, "monitor", month),
    )


@router.get("/projects/{project_id}/monitoring")
def monitoring(request: Request, session: DB, user: CurrentUser, project_id: int) -> Response:
    return _page(request, session, user, project_id)


@router.post("/projects/{project_id}/monitoring/check")
async def check(request: Request, session: DB, user: CurrentUser, project_id: int) -> Response:
    row = get_project(session, user, project_id)
    project = project_from_row(row)
    form = await request.form()
    month = month_of(request, [r.month for r in project.monitoring])
    try:
        record = monitoring_from_form(form, project, month)
    except InvalidInput as exc:
        return page(request, "_form_error.html", user, error=str(exc))
    return page(
        request,
        "_monitoring_live.html",
        user,
        project=project,
        month=month,
        oob=True,
        **live(project, record, month),
    )


@router.post("/projects/{project_id}/monitoring")
async def save(request: Request, session: DB, user: CurrentUser, project_id: int) -> Response:
    row = get_project(session, user, project_id)
    project = project_from_row(row)
    form = await request.form()
    month = month_of(request, [r.month for r in project.monitoring])
    version_text = _text(form, "version")
    try:
        record = monitoring_from_form(form, project, month)
    except InvalidInput as exc:
        return _page(request, session, user, project_id, month, error=str(exc), status_code=400)
    try:
        save_monitoring(
            session, user, project_id, int(version_text) if version_text.isdigit() else -1, record
        )
    except ConflictError as exc:
        session.rollback()
        return _page(
            request,
            session,
            user,
            project_id,
            month,
            record=record,
            error=str(exc),
            status_code=409,
        )
    return RedirectResponse(
        f"/projects/{project_id}/monitoring?month={month}&saved=1", status_code=303
    )
