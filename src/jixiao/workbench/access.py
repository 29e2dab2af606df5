"""Who may see, edit and review which document.

Every function takes the signed-in user and refuses (``Forbidden``) what the role may not do:
单位填报人 see and edit the documents of their units (and the ones they imported), 审核人 review
the documents of their units, 管理员 may do everything.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import exists, or_
from sqlalchemy.orm import Session, selectinload

from jixiao._exceptions import Forbidden
from jixiao.store.convert import get_document_row
from jixiao.store.errors import NotFoundError
from jixiao.store.models import DocumentRow, ProjectRow, UserRow

__all__ = [
    "EDITABLE",
    "can_edit",
    "can_review",
    "can_view",
    "get_document",
    "get_project",
    "unit_ids",
    "visible_condition",
]

EDITABLE: frozenset[str] = frozenset({"draft", "returned"})
"""Statuses in which units may change a document; 已提交, 审核中 and 通过 are read-only."""


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
