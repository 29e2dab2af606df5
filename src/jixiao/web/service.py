"""What pages and the API do: access rules, import, project edits, workflow, comments.

Every function takes the signed-in user and refuses (``Forbidden``) what the role may not do:
单位填报人 see and edit the documents of their units (and the ones they imported), 审核人 review
the documents of their units, 管理员 may do everything.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, exists, or_, select
from sqlalchemy.orm import Session, selectinload

from jixiao._exceptions import JixiaoError
from jixiao.model import Department, Document, Project
from jixiao.reading import read_bytes
from jixiao.review import Report, review
from jixiao.review.config import GradingConfig
from jixiao.review.finding import Finding
from jixiao.review.report import grade_projects, summarize
from jixiao.store.audit import diff_fields, record_change
from jixiao.store.convert import (
    document_from_row,
    get_document_row,
    indicator_values,
    load_findings,
    project_from_row,
    project_values,
    save_review,
    store_document,
)
from jixiao.store.db import CONFLICT_HINT, commit
from jixiao.store.errors import ConflictError, NotFoundError
from jixiao.store.models import (
    STATUS_LABELS,
    CommentRow,
    DocumentRow,
    DocumentStatus,
    FindingRow,
    IndicatorRow,
    ProjectRow,
    UnitRow,
    UserRow,
)

__all__ = [
    "EDITABLE",
    "TRANSITIONS",
    "Forbidden",
    "add_comment",
    "can_edit",
    "can_review",
    "can_view",
    "get_document",
    "get_project",
    "import_document",
    "lock_document",
    "search_documents",
    "transition",
    "update_department",
    "update_project",
    "visible_condition",
]

EDITABLE: frozenset[str] = frozenset({"draft", "returned"})
"""Statuses in which units may change a document; 已提交, 审核中 and 通过 are read-only."""

EDIT_CONFLICT = "该项目已被他人修改（在您打开编辑页之后），您的修改没有保存。"
DEPARTMENT_CONFLICT = "部门整体目标已被他人修改（在您打开编辑页之后），您的修改没有保存。"


class Forbidden(JixiaoError):
    """The signed-in user may not do this."""


class FormInvalid(JixiaoError):
    """What was sent cannot be saved as it is (answered with 400 and the message)."""


@dataclass(frozen=True)
class Transition:
    label: str
    source: frozenset[str]
    target: DocumentStatus
    roles: frozenset[str]
    needs_comment: bool = False


TRANSITIONS: dict[str, Transition] = {
    "submit": Transition(
        "提交审核",
        frozenset({"draft", "returned"}),
        "submitted",
        frozenset({"unit_filler", "admin"}),
    ),
    "start": Transition(
        "开始审核", frozenset({"submitted"}), "in_review", frozenset({"reviewer", "admin"})
    ),
    "return": Transition(
        "退回修改", frozenset({"in_review"}), "returned", frozenset({"reviewer", "admin"}), True
    ),
    "approve": Transition(
        "审核通过", frozenset({"in_review"}), "approved", frozenset({"reviewer", "admin"})
    ),
}


def unit_ids(user: UserRow) -> set[int]:
    return {unit.id for unit in user.units}


def visible_condition(user: UserRow) -> Any:
    """The SQL condition for documents ``user`` may see."""
    if user.role == "admin":
        return True
    ids = unit_ids(user)
    in_units = exists().where(ProjectRow.document_id == DocumentRow.id, ProjectRow.unit_id.in_(ids))
    if user.role == "unit_filler":
        return or_(DocumentRow.owner_id == user.id, in_units)
    return in_units


def can_view(user: UserRow, doc: DocumentRow) -> bool:
    if user.role == "admin":
        return True
    ids = unit_ids(user)
    if user.role == "unit_filler" and doc.owner_id == user.id:
        return True
    return any(p.unit_id in ids for p in doc.projects)


def can_edit(user: UserRow, doc: DocumentRow, project: ProjectRow | None = None) -> bool:
    """May ``user`` change this document (or this project of it) now?"""
    if doc.status not in EDITABLE or user.role == "reviewer":
        return False
    if user.role == "admin":
        return True
    if doc.owner_id == user.id:
        return True
    ids = unit_ids(user)
    if project is not None:
        return project.unit_id in ids
    return any(p.unit_id in ids for p in doc.projects)


def can_review(user: UserRow, doc: DocumentRow) -> bool:
    if user.role == "admin":
        return True
    return user.role == "reviewer" and can_view(user, doc)


def get_document(session: Session, user: UserRow, document_id: int) -> DocumentRow:
    row = get_document_row(session, document_id)
    if not can_view(user, row):
        raise Forbidden("您无权查看该文档")
    return row


def get_project(session: Session, user: UserRow, project_id: int) -> ProjectRow:
    project = session.get(ProjectRow, project_id, options=[selectinload(ProjectRow.indicators)])
    if project is None:
        raise NotFoundError(f"项目不存在（编号 {project_id}）")
    get_document(session, user, project.document_id)
    return project


def search_documents(
    session: Session,
    user: UserRow,
    *,
    q: str = "",
    year: int | None = None,
    rule: str = "",
    grade: str = "",
    unit_id: int | None = None,
    indicator: str = "",
    value: str = "",
) -> list[DocumentRow]:
    """The documents ``user`` may see matching the search (name/code, year, rule code, grade).

    The exact filters are the analytics pages' drill-down: ``unit_id`` (a project of that
    unit), ``indicator`` and ``value`` (an indicator with exactly that name and value text).
    """
    stmt: Select[DocumentRow] = (
        select(DocumentRow)
        .where(visible_condition(user))
        .options(selectinload(DocumentRow.projects).selectinload(ProjectRow.unit))
        .order_by(DocumentRow.id)
    )
    q = q.strip()
    if q:
        stmt = stmt.where(
            or_(
                DocumentRow.title.icontains(q, autoescape=True),
                DocumentRow.source_name.icontains(q, autoescape=True),
                exists().where(
                    ProjectRow.document_id == DocumentRow.id,
                    or_(
                        ProjectRow.name.icontains(q, autoescape=True),
                        ProjectRow.code.icontains(q, autoescape=True),
                    ),
                ),
                exists().where(
                    ProjectRow.document_id == DocumentRow.id,
                    ProjectRow.unit_id == UnitRow.id,
                    or_(
                        UnitRow.name.icontains(q, autoescape=True),
                        UnitRow.code.icontains(q, autoescape=True),
                    ),
                ),
                exists().where(
                    IndicatorRow.project_id == ProjectRow.id,
                    ProjectRow.document_id == DocumentRow.id,
                    IndicatorRow.name.icontains(q, autoescape=True),
                ),
            )
        )
    if year is not None:
        stmt = stmt.where(DocumentRow.fiscal_year == year)
    if rule.strip():
        stmt = stmt.where(
            exists().where(
                FindingRow.document_id == DocumentRow.id, FindingRow.code == rule.strip().upper()
            )
        )
    if unit_id is not None:
        stmt = stmt.where(
            exists().where(ProjectRow.document_id == DocumentRow.id, ProjectRow.unit_id == unit_id)
        )
    if indicator:
        match = [IndicatorRow.name == indicator]
        if value:
            match.append(IndicatorRow.value_text == value)
        stmt = stmt.where(
            exists().where(
                IndicatorRow.project_id == ProjectRow.id,
                ProjectRow.document_id == DocumentRow.id,
                *match,
            )
        )
    rows = list(session.scalars(stmt))
    if grade.strip():
        rows = [
            r
            for r in rows
            if any(
                g.grade == grade.strip()
                for g in stored_report(session, r, document_from_row(r)).projects
            )
        ]
    return rows


def review_row(row: DocumentRow) -> Report:
    return review(document_from_row(row))


def stored_report(session: Session, row: DocumentRow, doc: Document) -> Report:
    """The review report from the findings saved with the document.

    Every change to a document re-runs the review and saves its findings (import, edits,
    fixes), so pages rebuild the report from them instead of running all rules per view;
    scores and grades are recomputed from the findings with the default grading.
    """
    return report_from_findings(doc, load_findings(session, row.id))


def report_from_findings(doc: Document, findings: list[Finding]) -> Report:
    """The review report of ``doc`` rebuilt from its stored findings (default grading)."""
    grading = GradingConfig()
    grades = grade_projects(doc, findings, grading)
    return Report(
        findings=findings, projects=grades, summary=summarize(doc, findings, grades, grading)
    )


# -- changes ----------------------------------------------------------------------------------


def import_document(session: Session, user: UserRow, data: bytes, name: str) -> DocumentRow:
    """Read, store (as a draft owned by ``user``), review and save the findings; committed."""
    if user.role == "reviewer":
        raise Forbidden("审核人不能导入文档")
    doc = read_bytes(data, name=name)
    if user.role == "unit_filler":
        _check_own_units(user, doc, name)
    row = store_document(session, doc, owner=user)
    save_review(session, row.id, review(doc))
    record_change(
        session,
        row,
        user,
        "导入",
        {
            "source_name": {"old": None, "new": name},
            "projects": {"old": None, "new": len(doc.projects)},
        },
    )
    commit(session)
    return row


def _check_own_units(user: UserRow, doc: Document, name: str) -> None:
    """A unit user imports the documents of their own units only: another unit's document
    would land in that unit's reviewers' queue with work nobody there asked for. A unit is
    the user's when its code matches (its name, for a unit without a code)."""
    if not user.units:
        raise Forbidden(
            "您的账号还没有分配单位，不能导入文档",
            source=name,
            hint="请联系管理员为您的账号分配所属单位。",
        )
    codes = {u.code for u in user.units if u.code}
    names = {u.name for u in user.units if u.name}
    units = [doc.department.unit, *(p.unit for p in doc.projects)]
    foreign: list[str] = []
    for unit in units:
        if unit is None or (unit.code is None and unit.name is None):
            continue
        mine = unit.code in codes if unit.code else unit.name in names
        label = " ".join(part for part in (unit.code, unit.name) if part)
        if not mine and label not in foreign:
            foreign.append(label)
    if foreign:
        raise Forbidden(
            f"文件中的单位“{'、'.join(foreign[:3])}”不是您负责的单位，不能导入",
            source=name,
            hint="只能导入本单位的绩效目标文件；如单位有误，请联系管理员调整您的所属单位。",
        )


def lock_document(session: Session, document_id: int) -> None:
    """Make this transaction the document's only writer until it commits.

    Saving a project rewrites the whole document's findings (some rules compare projects), and
    a workflow step decides whether edits are still allowed, so writers of one document must
    take turns: on PostgreSQL a row lock (``SELECT … FOR UPDATE``, held to commit); SQLite
    writers are one at a time already (``BEGIN IMMEDIATE``). Everything loaded before the lock
    is expired, so what follows reads the state the previous writer committed.
    """
    session.execute(select(DocumentRow.id).where(DocumentRow.id == document_id).with_for_update())
    session.expire_all()


def _indicator_rows(
    row: ProjectRow, count: int, ids: Sequence[int | None] | None
) -> list[IndicatorRow | None]:
    """The stored row each of ``count`` edited indicators continues (``None``: a new row).

    With ``ids`` (the stored ids the editor sent back, in the new order) a moved indicator
    keeps its row, hence its comments; without them rows are matched by position.
    """
    existing = list(row.indicators)
    if ids is None:
        return [existing[i] if i < len(existing) else None for i in range(count)]
    if len(ids) != count:
        raise FormInvalid(f"指标编号有 {len(ids)} 个，指标有 {count} 个，两者应一一对应")
    by_id = {r.id: r for r in existing}
    out: list[IndicatorRow | None] = []
    for ind_id in ids:
        if ind_id is None:
            out.append(None)
        elif ind_id not in by_id:
            raise FormInvalid(f"指标编号 {ind_id} 不属于该项目（或出现了两次）")
        else:
            out.append(by_id.pop(ind_id))
    return out


def _apply(row: ProjectRow, project: Project, targets: list[IndicatorRow | None]) -> None:
    """Write ``project`` into ``row``; ``targets`` from ``_indicator_rows``."""
    for key, value in project_values(project).items():
        setattr(row, key, value)
    kept: list[IndicatorRow] = []
    for i, (ind, target) in enumerate(zip(project.indicators, targets, strict=True)):
        values = indicator_values(ind, i)
        if target is None:
            kept.append(IndicatorRow(**values))
            continue
        for key, value in values.items():
            if getattr(target, key) != value:
                setattr(target, key, value)
        kept.append(target)
    if kept != list(row.indicators):
        row.indicators = kept  # rows left out are deleted (delete-orphan)


def update_project(
    session: Session,
    user: UserRow,
    project_id: int,
    version: int,
    project: Project,
    indicator_ids: Sequence[int | None] | None = None,
) -> ProjectRow:
    """Save an edited project read at ``version``; re-review the document; committed.

    ``indicator_ids`` are the stored ids of the edited indicators (``None`` for new ones), so
    reordered indicators keep their comments; without them indicators are matched by position.
    ``ConflictError`` (with a Chinese message) when someone saved the project since.
    """
    lock_document(session, get_project(session, user, project_id).document_id)
    row = get_project(session, user, project_id)
    doc = get_document_row(session, row.document_id)
    if not can_edit(user, doc, row):
        if doc.status not in EDITABLE:
            raise Forbidden(f"文档当前状态为“{STATUS_LABELS[doc.status]}”，不能修改")
        raise Forbidden("您无权修改该项目")
    if row.version != version:
        raise ConflictError(EDIT_CONFLICT, hint=CONFLICT_HINT)
    targets = _indicator_rows(row, len(project.indicators), indicator_ids)  # wrong ids: 400
    before = project_from_row(row)
    project = project.model_copy(update={"unit": before.unit, "source": before.source})
    diff = diff_fields(before, project)
    if not diff:
        return row
    _apply(row, project, targets)
    session.flush()
    save_review(session, doc.id, review(document_from_row(doc)))
    record_change(
        session, doc, user, "修改项目", {f"项目{row.seq}.{k}": v for k, v in diff.items()}
    )
    commit(session)
    return row


def update_department(
    session: Session,
    user: UserRow,
    document_id: int,
    version: int,
    title: str | None,
    fiscal_year: int | None,
    department: Department,
) -> DocumentRow:
    """Save the document's title, year and department goals read at ``version``; committed.

    Only the document's own fields count for its version (project saves do not move it), so
    editing the department goals never conflicts with someone saving a project.
    """
    get_document(session, user, document_id)
    lock_document(session, document_id)
    doc = get_document(session, user, document_id)
    if not can_edit(user, doc):
        if doc.status not in EDITABLE:
            raise Forbidden(f"文档当前状态为“{STATUS_LABELS[doc.status]}”，不能修改")
        raise Forbidden("您无权修改该文档")
    if doc.version != version:
        raise ConflictError(DEPARTMENT_CONFLICT, hint=CONFLICT_HINT)
    before = document_from_row(doc)
    title = (title or "").strip() or None
    diff = diff_fields(
        {"title": before.title, "fiscal_year": before.fiscal_year, **_goals(before.department)},
        {"title": title, "fiscal_year": fiscal_year, **_goals(department)},
    )
    if not diff:
        return doc
    doc.title = title
    doc.fiscal_year = fiscal_year
    doc.overall_goals = list(department.overall_goals)
    doc.sub_goals = list(department.sub_goals)
    doc.safeguards = list(department.safeguards)
    session.flush()
    save_review(session, doc.id, review(document_from_row(doc)))
    record_change(session, doc, user, "修改部门目标", diff)
    commit(session)
    return doc


def _goals(department: Department) -> dict[str, list[str]]:
    return {
        "overall_goals": list(department.overall_goals),
        "sub_goals": list(department.sub_goals),
        "safeguards": list(department.safeguards),
    }


def transition(
    session: Session, user: UserRow, document_id: int, action: str, comment: str = ""
) -> DocumentRow:
    get_document(session, user, document_id)  # 404/403 before waiting for the lock
    lock_document(session, document_id)
    doc = get_document(session, user, document_id)
    step = TRANSITIONS.get(action)
    if step is None:
        raise NotFoundError(f"未知的操作：{action}")
    if user.role not in step.roles:
        raise Forbidden(f"您的角色不能执行“{step.label}”")
    if step.roles == frozenset({"reviewer", "admin"}) and not can_review(user, doc):
        raise Forbidden("您无权审核该文档")
    if doc.status not in step.source:
        raise Forbidden(f"文档当前状态为“{STATUS_LABELS[doc.status]}”，不能{step.label}")
    if step.needs_comment and not comment.strip():
        raise Forbidden("退回时请填写退回意见")
    old = doc.status
    doc.status = step.target
    if comment.strip():
        session.add(CommentRow(document=doc, author=user, body=comment.strip(), field="退回意见"))
    record_change(
        session,
        doc,
        user,
        step.label,
        {"status": {"old": STATUS_LABELS[old], "new": STATUS_LABELS[step.target]}},
    )
    commit(session)
    return doc


def add_comment(
    session: Session,
    user: UserRow,
    document_id: int,
    body: str,
    *,
    project_id: int | None = None,
    indicator_id: int | None = None,
    field: str | None = None,
    parent_id: int | None = None,
) -> CommentRow:
    """A reviewer's comment (on the document, a project field or an indicator) or an answer."""
    doc = get_document(session, user, document_id)
    if not body.strip():
        raise Forbidden("意见内容不能为空")
    if parent_id is None and user.role == "unit_filler":
        raise Forbidden("单位填报人只能回复审核意见")
    if user.role == "reviewer" and doc.status != "in_review":
        raise Forbidden("只能在“审核中”状态下提出审核意见")
    if project_id is not None and not any(p.id == project_id for p in doc.projects):
        raise NotFoundError("该项目不属于此文档")
    if indicator_id is not None:
        ind = session.get(IndicatorRow, indicator_id)
        if ind is None or ind.project_id not in {p.id for p in doc.projects}:
            raise NotFoundError("该指标不属于此文档")
        project_id = ind.project_id
    if parent_id is not None:
        parent = session.get(CommentRow, parent_id)
        if parent is None or parent.document_id != doc.id:
            raise NotFoundError("要回复的意见不存在")
        project_id, indicator_id, field = parent.project_id, parent.indicator_id, parent.field
    row = CommentRow(
        document_id=doc.id,
        project_id=project_id,
        indicator_id=indicator_id,
        parent_id=parent_id,
        field=field,
        author=user,
        body=body.strip(),
    )
    session.add(row)
    record_change(
        session,
        doc,
        user,
        "回复意见" if parent_id else "审核意见",
        {"comment": {"old": None, "new": body.strip()}},
    )
    commit(session)
    return row
