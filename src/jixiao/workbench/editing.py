"""Changes to stored documents: import, project edits and department goals.

Each change re-runs the review, saves its findings and records the change, in one commit;
writers of one document take turns (``lock_document``) and stale edits conflict.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from jixiao._exceptions import Forbidden, InvalidInput, StatusConflict
from jixiao.model import Department, Document, Project
from jixiao.reading import read_bytes
from jixiao.review import review
from jixiao.store.audit import diff_fields, record_change
from jixiao.store.convert import (
    document_from_row,
    get_document_row,
    indicator_values,
    project_from_row,
    project_values,
    save_review,
    store_document,
)
from jixiao.store.db import CONFLICT_HINT, commit
from jixiao.store.errors import ConflictError
from jixiao.store.models import STATUS_LABELS, DocumentRow, IndicatorRow, ProjectRow, UserRow
from jixiao.values import parse_value
from jixiao.workbench.access import (
    EDITABLE,
    can_edit,
    get_document,
    get_project,
    visible_condition,
)
from jixiao.workbench.versions import ensure_baseline, record_version

__all__ = [
    "find_duplicate",
    "import_document",
    "lock_document",
    "update_department",
    "update_project",
]

EDIT_CONFLICT = "该项目已被他人修改（在您打开编辑页之后），您的修改没有保存。"
DEPARTMENT_CONFLICT = "部门整体目标已被他人修改（在您打开编辑页之后），您的修改没有保存。"


def find_duplicate(session: Session, user: UserRow, data: bytes) -> DocumentRow | None:
    """The earliest document ``user`` can see imported from exactly these bytes, if any: the
    same file imported again is offered to be opened rather than stored a second time."""
    digest = hashlib.sha256(data).hexdigest()
    return session.scalars(
        select(DocumentRow)
        .where(DocumentRow.source_sha256 == digest, visible_condition(user))
        .order_by(DocumentRow.id)
        .limit(1)
    ).first()


def import_document(session: Session, user: UserRow, data: bytes, name: str) -> DocumentRow:
    """Read, store (as a draft owned by ``user``), review and save the findings; committed."""
    if user.role == "reviewer":
        raise Forbidden("审核人不能导入文档")
    doc = read_bytes(data, name=name)
    if user.role == "unit_filler":
        _check_own_units(user, doc, name)
    row = store_document(session, doc, owner=user)
    save_review(session, row.id, review(doc))
    audit = record_change(
        session,
        row,
        user,
        "导入",
        {
            "source_name": {"old": None, "new": name},
            "projects": {"old": None, "new": len(doc.projects)},
        },
    )
    record_version(session, row, user, audit)
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
        raise InvalidInput(f"指标编号有 {len(ids)} 个，指标有 {count} 个，两者应一一对应")
    by_id = {r.id: r for r in existing}
    out: list[IndicatorRow | None] = []
    for ind_id in ids:
        if ind_id is None:
            out.append(None)
        elif ind_id not in by_id:
            raise InvalidInput(f"指标编号 {ind_id} 不属于该项目（或出现了两次）")
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
            raise StatusConflict(f"文档当前状态为“{STATUS_LABELS[doc.status]}”，不能修改")
        raise Forbidden("您无权修改该项目")
    if row.version != version:
        raise ConflictError(EDIT_CONFLICT, hint=CONFLICT_HINT)
    targets = _indicator_rows(row, len(project.indicators), indicator_ids)  # wrong ids: 400
    before = project_from_row(row)
    # The parsed 指标值 is the server's to make: a client (the API) may send back a stale one.
    indicators = [
        i.model_copy(update={"value": parse_value(i.value_text)}) for i in project.indicators
    ]
    project = project.model_copy(
        update={"unit": before.unit, "source": before.source, "indicators": indicators}
    )
    diff = diff_fields(before, project)
    if not diff:
        return row
    ensure_baseline(session, doc)
    _apply(row, project, targets)
    session.flush()
    after = document_from_row(doc)
    save_review(session, doc.id, review(after))
    audit = record_change(
        session, doc, user, "修改项目", {f"项目{row.seq}.{k}": v for k, v in diff.items()}
    )
    record_version(session, doc, user, audit, after)
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
            raise StatusConflict(f"文档当前状态为“{STATUS_LABELS[doc.status]}”，不能修改")
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
    ensure_baseline(session, doc)
    doc.title = title
    doc.fiscal_year = fiscal_year
    doc.overall_goals = list(department.overall_goals)
    doc.sub_goals = list(department.sub_goals)
    doc.safeguards = list(department.safeguards)
    session.flush()
    after = document_from_row(doc)
    save_review(session, doc.id, review(after))
    audit = record_change(session, doc, user, "修改部门目标", diff)
    record_version(session, doc, user, audit, after)
    commit(session)
    return doc


def _goals(department: Department) -> dict[str, list[str]]:
    return {
        "overall_goals": list(department.overall_goals),
        "sub_goals": list(department.sub_goals),
        "safeguards": list(department.safeguards),
    }
