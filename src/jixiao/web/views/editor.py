"""The project editor: every field of the 绩效目标表, with the review re-run as the user types
(htmx posts the form to ``/check`` and swaps the findings in beside each field)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy.orm import load_only
from starlette.datastructures import FormData

from jixiao._exceptions import InvalidInput
from jixiao.model import Budget, Indicator, Project, SourceLocation, SpendingPoint
from jixiao.model.categories import categorize
from jixiao.review import Finding, review
from jixiao.review.merge import flatten
from jixiao.store.convert import document_from_row, get_document_row, project_from_row
from jixiao.store.errors import ConflictError, NotFoundError
from jixiao.store.models import ProjectRow
from jixiao.values import parse_value
from jixiao.web.deps import DB, CurrentUser, page, read_page
from jixiao.workbench.access import can_edit, get_project
from jixiao.workbench.editing import update_project
from jixiao.workbench.snapshot import document_snapshot

router = APIRouter(include_in_schema=False)

MONTHS = (3, 6, 10, 12)
FIELD_GROUPS = ("name", "code", "budget", "purpose", "spending_plan", "goals", "indicators")


def _text(form: FormData, key: str) -> str:
    value = form.get(key)
    return value.strip() if isinstance(value, str) else ""


def _decimal(text: str, label: str) -> Decimal | None:
    text = text.replace(",", "").replace("，", "").strip()
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise InvalidInput(f"“{label}”不是有效的数字：{text}") from None
    if not value.is_finite():
        raise InvalidInput(f"“{label}”不是有效的数字：{text}")
    return value


def _list(form: FormData, key: str) -> list[str]:
    return [v.strip() if isinstance(v, str) else "" for v in form.getlist(key)]


Edited = tuple[Project, list[int | None]]
"""A project as edited, and the stored id of each of its indicators (``None``: added)."""


def _kept_extensions(stored: Indicator | None, value_text: str) -> dict[str, Any]:
    """The fields the form does not show (weight, direction, mid-term target, extra columns
    of other provinces' templates) stay as stored; the split value pieces only while the
    value is unchanged."""
    if stored is None:
        return {}
    kept: dict[str, Any] = {
        "weight": stored.weight,
        "direction": stored.direction,
        "core": stored.core,
        "scoring": stored.scoring,
        "mid_term": stored.mid_term,
        "extra": stored.extra,
    }
    if value_text == stored.value_text:
        kept["value_parts"] = stored.value_parts
    return kept


def project_from_form(form: FormData, base: Project, stored_ids: list[int]) -> Edited:
    """The project as edited in the form (unit and source stay as stored).

    Each indicator row carries the id of the stored indicator it shows (``ind_key``; empty for
    a row added in the form), so a moved row keeps its source and, once saved, its comments.
    """
    seq_text = _text(form, "seq")
    levels1, levels2 = _list(form, "ind_level1"), _list(form, "ind_level2")
    names, descriptions = _list(form, "ind_name"), _list(form, "ind_description")
    values, bases = _list(form, "ind_value_text"), _list(form, "ind_basis")
    keys = _list(form, "ind_key")
    position = {ind_id: i for i, ind_id in enumerate(stored_ids)}
    indicators = []
    ids: list[int | None] = []
    for i, name in enumerate(names):
        key = keys[i] if i < len(keys) else ""
        ind_id = int(key) if key.isdigit() else None
        if ind_id not in position or ind_id in ids:  # unknown, or a copied row: a new one
            ind_id = None
        ids.append(ind_id)
        stored = None if ind_id is None else base.indicators[position[ind_id]]
        level1 = levels1[i] if i < len(levels1) else ""
        level2 = levels2[i] if i < len(levels2) else ""
        value_text = values[i] if i < len(values) else ""
        indicators.append(
            Indicator(
                level1=level1,
                level2=level2,
                category=categorize(level1, level2),
                name=name,
                description=(descriptions[i] if i < len(descriptions) else "") or None,
                value_text=value_text,
                value=parse_value(value_text),
                basis=(bases[i] if i < len(bases) else "") or None,
                source=SourceLocation() if stored is None else stored.source,
                **_kept_extensions(stored, value_text),
            )
        )
    money_unit = _text(form, "money_unit") or base.money_unit
    try:
        project = Project(
            seq=int(seq_text) if seq_text.isdigit() else base.seq,
            title=_text(form, "title") or None,
            unit=base.unit,
            code=_text(form, "code") or None,
            name=_text(form, "name"),
            money_unit=money_unit,
            budget=Budget(
                total=_decimal(_text(form, "budget_total"), "资金总额"),
                fiscal=_decimal(_text(form, "budget_fiscal"), "财政拨款"),
                other=_decimal(_text(form, "budget_other"), "其他资金"),
            ),
            purpose=_text(form, "purpose") or None,
            spending_plan=[
                SpendingPoint(month=m, percent=_decimal(_text(form, f"plan_{m}"), f"{m}月底"))
                for m in MONTHS
                if _text(form, f"plan_{m}")
            ],
            goals=[line.strip() for line in _text(form, "goals").splitlines() if line.strip()],
            indicators=indicators,
            source=base.source,
            mid_term_budget=base.mid_term_budget,
            mid_term_goals=base.mid_term_goals,
            extra=base.extra,
            monitoring=base.monitoring,  # the year's records are edited on their own pages
            self_evaluation=base.self_evaluation,
        )
    except ValidationError as exc:
        raise InvalidInput(f"表单内容无效：{exc.errors()[0]['msg']}") from None
    return project, ids


def group_findings(findings: list[Finding]) -> dict[str, list[Finding]]:
    """Findings by the editor part they concern: a field group, or ``ind3`` for indicator 3."""
    out: dict[str, list[Finding]] = {key: [] for key in (*FIELD_GROUPS, "other")}
    for f in findings:
        field = f.field or ""
        if f.indicator_index is not None:
            key = f"ind{f.indicator_index}"
        elif field.startswith("indicators["):
            key = "ind" + field[len("indicators[") :].split("]", 1)[0]
        else:
            key = field.split(".", 1)[0].split("[", 1)[0]
            if key not in FIELD_GROUPS:
                key = "other"
        out.setdefault(key, []).append(f)
    return out


def project_findings(findings: list[Finding], seq: int, position: int) -> list[Finding]:
    """The findings to show in the editor of project ``seq`` (at ``position`` in its document):
    its own (merged ones expanded: every place to change is marked), and a document-wide
    finding's part in this project (VAL-08's one finding for a habit repeated over the
    document) shown at each row it edits here, with that row's part of the fix."""
    every = flatten(findings)
    own = [f for f in every if f.project_seq == seq]
    prefix = f"projects[{position}].indicators["
    for f in every:
        if f.project_seq is not None or f.fix is None:
            continue
        for edit in f.fix.edits:
            if not edit.path.startswith(prefix):
                continue
            index = int(edit.path[len(prefix) :].split("]", 1)[0])
            fix = f.fix.model_copy(update={"edits": (edit,)})
            own.append(
                f.model_copy(
                    update={
                        "project_seq": seq,
                        "indicator_index": index,
                        "field": f"indicators[{index}].value",
                        "fix": fix,
                    }
                )
            )
    return own


def _findings_for(session: DB, project_id: int, project: Project) -> tuple[list[Finding], int]:
    """The findings about ``project`` when it replaces the stored one in its document (the
    whole document is reviewed: some rules compare projects)."""
    row = session.get(ProjectRow, project_id)
    assert row is not None
    doc_row = get_document_row(session, row.document_id)
    doc = document_from_row(doc_row)
    position = next(i for i, p in enumerate(doc_row.projects) if p.id == project_id)
    projects = list(doc.projects)
    projects[position] = project
    edited = doc.model_copy(update={"projects": projects})
    report = review(edited)
    return project_findings(report.findings, project.seq, position), len(project.indicators)


_ROW_ONLY = (load_only(ProjectRow.document_id, ProjectRow.unit_id),)
"""The editor reads the rest of the project from the document's snapshot (options made once:
they cost more to build than the query)."""


def _editor(
    request: Request,
    session: DB,
    user: Any,
    project_id: int,
    *,
    project: Project | None = None,
    keys: list[int | None] | None = None,
    version: int | None = None,
    message: str | None = None,
    error: str | None = None,
    status_code: int = 200,
) -> Response:
    row = session.get(ProjectRow, project_id, options=_ROW_ONLY)
    if row is None:
        raise NotFoundError(f"项目不存在（编号 {project_id}）")
    doc_row, snap = document_snapshot(session, user, row.document_id)
    if project_id not in snap.projects:
        raise NotFoundError(f"项目不存在（编号 {project_id}）")
    if project is None:
        # The stored project as of the snapshot (its findings were saved with the last
        # change; no need to re-run), with the version the form sends back.
        project = snap.projects[project_id]
        position = snap.project_ids.index(project_id)
        findings = project_findings(snap.report.findings, project.seq, position)
        version = snap.versions[project_id] if version is None else version
    else:
        findings, _ = _findings_for(session, project_id, project)
    comments = [c for c in doc_row.comments if c.project_id == project_id]
    return page(
        request,
        "project.html",
        user,
        row=row,
        doc_row=doc_row,
        project=project,
        version=row.version if version is None else version,
        plan={p.month: p.percent for p in project.spending_plan},
        months=MONTHS,
        groups=group_findings(findings),
        editable=can_edit(user, doc_row, row),
        indicator_ids=snap.indicator_ids[project_id] if keys is None else keys,
        comments=comments,
        indicator_labels=snap.indicator_labels,
        message=message,
        error=error,
        status_code=status_code,
    )


def _ids(row: ProjectRow) -> list[int]:
    return [ind.id for ind in row.indicators]


@router.get("/projects/{project_id}")
async def editor(request: Request, project_id: int) -> Response:
    message = "已保存" if request.query_params.get("saved") else None
    return await read_page(
        request, lambda session, user: _editor(request, session, user, project_id, message=message)
    )


@router.post("/projects/{project_id}/check")
async def check(request: Request, session: DB, user: CurrentUser, project_id: int) -> Response:
    row = get_project(session, user, project_id)
    form = await request.form()
    try:
        project, _ = project_from_form(form, project_from_row(row), _ids(row))
    except InvalidInput as exc:
        return page(request, "_form_error.html", user, error=str(exc))
    findings, count = _findings_for(session, project_id, project)
    return page(
        request,
        "_findings_oob.html",
        user,
        groups=group_findings(findings),
        keys=[*FIELD_GROUPS, "other", *(f"ind{i}" for i in range(count))],
        total=len(findings),
    )


@router.post("/projects/{project_id}")
async def save(request: Request, session: DB, user: CurrentUser, project_id: int) -> Response:
    row = get_project(session, user, project_id)
    form = await request.form()
    version_text = _text(form, "version")
    version = int(version_text) if version_text.isdigit() else -1
    try:
        project, keys = project_from_form(form, project_from_row(row), _ids(row))
    except InvalidInput as exc:
        return _editor(request, session, user, project_id, error=str(exc), status_code=400)
    try:
        update_project(session, user, project_id, version, project, keys)
    except ConflictError as exc:
        session.rollback()
        return _editor(
            request,
            session,
            user,
            project_id,
            project=project,
            keys=keys,
            version=version,
            error=str(exc),  # message and hint, each once
            status_code=409,
        )
    return RedirectResponse(f"/projects/{project_id}?saved=1", status_code=303)
