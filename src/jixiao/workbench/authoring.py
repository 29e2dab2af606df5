"""Writing targets in the workbench rather than importing them: a new document for a unit and
year, projects added empty, copied (within the document, or from last year's document of the
same unit, the usual way next year's targets are written) or deleted, and a draft document
deleted. Every change is reviewed again and audited, like an edit."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Collection
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from jixiao._exceptions import Forbidden, InvalidInput
from jixiao.model import Department, Document, Project, SourceInfo, Unit
from jixiao.review import review
from jixiao.store.audit import record_change
from jixiao.store.convert import (
    document_from_row,
    project_from_row,
    project_row,
    save_review,
    store_document,
    unit_row,
)
from jixiao.store.db import commit
from jixiao.store.models import DocumentRow, ProjectRow, UnitRow, UserRow
from jixiao.workbench.access import (
    can_edit,
    get_document,
    get_project,
    visible_condition,
)
from jixiao.workbench.editing import lock_document
from jixiao.workbench.versions import ensure_baseline, record_version

__all__ = [
    "EarlierProject",
    "add_project",
    "create_document",
    "delete_document",
    "delete_project",
    "document_unit_ids",
    "earlier_projects",
    "units_for",
]

NEW_SOURCE = "（在工作台中新建）"


def units_for(session: Session, user: UserRow) -> list[UnitRow]:
    """The units ``user`` may write a document for: their own; an admin, every unit."""
    if user.role == "admin":
        return list(session.scalars(select(UnitRow).order_by(UnitRow.name, UnitRow.id)))
    return sorted(user.units, key=lambda u: (u.name or "", u.id))


def create_document(
    session: Session, user: UserRow, unit_id: int, year: int, title: str = ""
) -> DocumentRow:
    """A new, empty draft for ``unit_id`` and ``year`` owned by ``user``; committed."""
    if user.role == "reviewer":
        raise Forbidden("审核人不能新建文档")
    unit = session.get(UnitRow, unit_id)
    if unit is None or unit not in units_for(session, user):
        raise Forbidden("只能为本人所属的单位新建文档")
    if not 1990 <= year <= 2100:
        raise InvalidInput(f"“年度”应为四位年份（如 2025），收到的是：{year}")
    # A document written here has no file: its “source” names that, with a hash of its own
    # (never equal to an imported file's, so duplicate detection leaves it alone).
    digest = hashlib.sha256(secrets.token_bytes(16)).hexdigest()
    doc = Document(
        source=SourceInfo(name=NEW_SOURCE, format="json", sha256=digest),
        title=title.strip() or None,
        fiscal_year=year,
        department=Department(unit=Unit(code=unit.code, name=unit.name)),
    )
    row = store_document(session, doc, owner=user)
    save_review(session, row.id, review(doc))
    audit = record_change(
        session,
        row,
        user,
        "新建文档",
        {
            "unit": {"old": None, "new": unit.name or unit.code},
            "fiscal_year": {"old": None, "new": year},
        },
    )
    record_version(session, row, user, audit)
    commit(session)
    return row


def document_unit_ids(session: Session, row: DocumentRow, doc: Document | None = None) -> set[int]:
    """The units a document is about: its own (set when it was created here) and its
    projects'. ``doc``: the row as converted already (saves converting it again)."""
    ids = {p.unit_id for p in row.projects if p.unit_id is not None}
    own = (doc or document_from_row(row)).department.unit
    if own is not None and (own.code or own.name):
        found = unit_row(session, own)
        if found is not None and found.id is not None:
            ids.add(found.id)
    return ids


class EarlierProject(NamedTuple):
    """A project “copy last year's project” offers: what its menu entry shows."""

    id: int
    fiscal_year: int | None
    name: str


_EARLIER = aliased(ProjectRow, name="earlier")
"""Aliased: ``visible_condition``'s EXISTS over projects must not correlate with the projects
offered. Made once: an alias costs more to build than the query costs to run."""


def earlier_projects(
    session: Session, user: UserRow, row: DocumentRow, unit_ids: Collection[int]
) -> list[EarlierProject]:
    """Projects of ``unit_ids`` (the document's units: ``document_unit_ids``) in documents of
    earlier years that ``user`` can see, latest year first, at most 200. One query of three
    columns: the document page asks on every request."""
    if not unit_ids or row.fiscal_year is None:
        return []
    project = _EARLIER
    stmt = (
        select(project.id, DocumentRow.fiscal_year, project.name)
        .join(DocumentRow, project.document_id == DocumentRow.id)
        .where(
            project.unit_id.in_(sorted(unit_ids)),
            DocumentRow.fiscal_year < row.fiscal_year,
            visible_condition(user),
        )
        .order_by(DocumentRow.fiscal_year.desc(), DocumentRow.id.desc(), project.position)
        .limit(200)
    )
    return [EarlierProject(*found) for found in session.execute(stmt)]


def _editable(session: Session, user: UserRow, document_id: int) -> DocumentRow:
    get_document(session, user, document_id)
    lock_document(session, document_id)
    doc = get_document(session, user, document_id)
    if not can_edit(user, doc):
        raise Forbidden("文档当前状态或您的角色不能修改该文档")
    ensure_baseline(session, doc)  # every caller saves a change
    return doc


def _rereview(session: Session, doc: DocumentRow) -> None:
    session.flush()
    session.expire(doc, ["projects"])
    save_review(session, doc.id, review(document_from_row(doc)))


def add_project(
    session: Session,
    user: UserRow,
    document_id: int,
    *,
    name: str = "",
    copy_of: int | None = None,
) -> ProjectRow:
    """A project appended to the document: empty (named ``name``) or a copy of project
    ``copy_of`` (of this document, or of an earlier year's that ``user`` can see); its unit is
    the document's. Reviewed again, audited; committed."""
    doc = _editable(session, user, document_id)
    next_seq = max((p.seq for p in doc.projects), default=0) + 1
    unit = document_from_row(doc).department.unit
    if copy_of is not None:
        source = get_project(session, user, copy_of)
        copied = project_from_row(source)
        same_document = source.document_id == doc.id
        project = copied.model_copy(
            update={
                "seq": next_seq,
                "name": f"{copied.name}（副本）" if same_document else copied.name,
                "unit": unit or copied.unit,
            }
        )
        action = "复制项目"
        what = f"{copied.name}（来自{source.document.fiscal_year or ''}年文档）"
    else:
        if not name.strip():
            raise InvalidInput("请填写项目名称")
        if unit is None and doc.projects:
            unit = project_from_row(doc.projects[0]).unit
        project = Project(seq=next_seq, name=name.strip(), unit=unit or Unit())
        action, what = "新增项目", project.name
    new = project_row(session, project, len(doc.projects))
    if user.role == "unit_filler" and new.unit is not None and new.unit not in user.units:
        raise Forbidden("只能添加本人所属单位的项目")
    doc.projects.append(new)
    _rereview(session, doc)
    audit = record_change(session, doc, user, action, {"project": {"old": None, "new": what}})
    record_version(session, doc, user, audit)
    commit(session)
    return new


def delete_project(session: Session, user: UserRow, project_id: int) -> int:
    """Delete a project of an editable document (its indicators and comments go with it);
    the others keep their numbers. Returns the document id; committed."""
    project = get_project(session, user, project_id)
    doc = _editable(session, user, project.document_id)
    project = get_project(session, user, project_id)
    name = project.name
    doc.projects.remove(project)
    for i, p in enumerate(doc.projects):
        p.position = i
    _rereview(session, doc)
    audit = record_change(session, doc, user, "删除项目", {"project": {"old": name, "new": None}})
    record_version(session, doc, user, audit)
    commit(session)
    return doc.id


def delete_document(session: Session, user: UserRow, document_id: int) -> str:
    """Delete a draft document: its owner or an admin; the audit log keeps a row saying who
    deleted what. Returns the document's title as it was; committed."""
    doc = get_document(session, user, document_id)
    lock_document(session, document_id)
    doc = get_document(session, user, document_id)
    if doc.status != "draft":
        raise Forbidden("只能删除草稿状态的文档")
    if not (user.role == "admin" or (user.role == "unit_filler" and doc.owner_id == user.id)):
        raise Forbidden("只有文档的创建人或管理员可以删除文档")
    title = doc.title or doc.source_name
    record_change(
        session,
        doc,
        user,
        "删除文档",
        {"document": {"old": f"{title}（编号 {doc.id}）", "new": None}},
    )
    session.flush()
    session.delete(doc)
    commit(session)
    return title
