"""A project's 绩效自评 page: actual values and the year's budget figures, every score computed
by the scoring engine as the user types (htmx), each with its formula on hover."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from jixiao._exceptions import InvalidInput
from jixiao.lifecycle.formulas import kind_of, round2
from jixiao.model import Project
from jixiao.model.identity import indicator_keys
from jixiao.model.lifecycle import TIERS, SelfEvaluation
from jixiao.store.convert import get_document_row, project_from_row
from jixiao.store.errors import ConflictError
from jixiao.web.deps import DB, CurrentUser, page
from jixiao.web.views.editor import _text
from jixiao.web.views.lifecycle_forms import self_evaluation_from_form
from jixiao.web.views.lifecycle_stage import stage_context
from jixiao.workbench.access import get_project
from jixiao.workbench.lifecycle import installation_schemes, save_self_evaluation, score_result

router = APIRouter(include_in_schema=False)


def live(project: Project, evaluation: SelfEvaluation | None) -> dict[str, Any]:
    """The scores of ``evaluation`` (else the stored one) in ``project``, by indicator."""
    if evaluation is not None:
        project = project.model_copy(update={"self_evaluation": evaluation})
    score = score_result(project, installation_schemes().scoring)
    rows = {} if score is None else {r.index: r for r in score.rows}
    return {"score": score, "scored": rows, "round2": round2}


def _page(
    request: Request,
    session: DB,
    user: Any,
    project_id: int,
    *,
    evaluation: SelfEvaluation | None = None,
    error: str | None = None,
    status_code: int = 200,
) -> Response:
    row = get_project(session, user, project_id)
    doc_row = get_document_row(session, row.document_id)
    project = project_from_row(row)
    shown = evaluation or project.self_evaluation or SelfEvaluation()
    by_key = {r.indicator: r for r in shown.indicators}
    return page(
        request,
        "selfeval.html",
        user,
        row=row,
        doc_row=doc_row,
        project=project,
        evaluation=shown,
        rows=[by_key.get(k) for k in indicator_keys(project.indicators)],
        tiers=TIERS,
        qualitative={
            i for i, ind in enumerate(project.indicators) if kind_of(ind) == "qualitative"
        },
        version=row.version,
        error=error,
        status_code=status_code,
        **live(project, evaluation),
        **stage_context(session, user, row, doc_row, "selfeval", 0),
    )


@router.get("/projects/{project_id}/selfeval")
def selfeval(request: Request, session: DB, user: CurrentUser, project_id: int) -> Response:
    return _page(request, session, user, project_id)


@router.post("/projects/{project_id}/selfeval/check")
async def check(request: Request, session: DB, user: CurrentUser, project_id: int) -> Response:
    project = project_from_row(get_project(session, user, project_id))
    form = await request.form()
    try:
        evaluation = self_evaluation_from_form(form, project)
    except InvalidInput as exc:
        return page(request, "_form_error.html", user, error=str(exc))
    return page(request, "_selfeval_live.html", user, project=project, **live(project, evaluation))


@router.post("/projects/{project_id}/selfeval")
async def save(request: Request, session: DB, user: CurrentUser, project_id: int) -> Response:
    project = project_from_row(get_project(session, user, project_id))
    form = await request.form()
    version_text = _text(form, "version")
    try:
        evaluation = self_evaluation_from_form(form, project)
    except InvalidInput as exc:
        return _page(request, session, user, project_id, error=str(exc), status_code=400)
    try:
        save_self_evaluation(
            session,
            user,
            project_id,
            int(version_text) if version_text.isdigit() else -1,
            evaluation,
        )
    except ConflictError as exc:
        session.rollback()
        return _page(
            request,
            session,
            user,
            project_id,
            evaluation=evaluation,
            error=str(exc),
            status_code=409,
        )
    return RedirectResponse(f"/projects/{project_id}/selfeval?saved=1", status_code=303)
