"""The audit log: who changed what in a document, when, as a field-level diff."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from jixiao.store.convert import jsonable
from jixiao.store.models import AuditRow, DocumentRow, UserRow

__all__ = ["FieldChange", "audit_trail", "diff_fields", "record_change"]

FieldChange = dict[str, Any]
"""``{"old": …, "new": …}`` for one field path."""


def diff_fields(old: Any, new: Any, *, prefix: str = "") -> dict[str, FieldChange]:
    """The field-level differences between two values (pydantic models, dicts, lists, scalars).

    Nested dicts are compared key by key (``budget.total``), lists of equal length item by item
    (``indicators[2].value_text``); a list that changes length is one change of the whole
    list. Decimals are compared by value (``10.00`` is ``10``: a form sending a budget back
    unchanged changes nothing) and reported as exact text.
    """
    changes: dict[str, FieldChange] = {}
    _diff(_plain(old), _plain(new), prefix, changes)
    return changes


def _plain(value: Any) -> Any:
    """A model as dicts and lists, its Decimals kept (``jsonable`` would make them text)."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="python")
    return value


def _diff(old: Any, new: Any, path: str, out: dict[str, FieldChange]) -> None:
    if isinstance(old, dict) and isinstance(new, dict):
        for key in [*old, *(k for k in new if k not in old)]:
            _diff(old.get(key), new.get(key), f"{path}.{key}" if path else str(key), out)
    elif isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        for i, (a, b) in enumerate(zip(old, new, strict=True)):
            _diff(a, b, f"{path}[{i}]", out)
    elif old != new:
        out[path] = {"old": jsonable(old), "new": jsonable(new)}


def record_change(
    session: Session,
    document: DocumentRow | int | None,
    user: UserRow | None,
    action: str,
    diff: Mapping[str, Any] | None = None,
) -> AuditRow:
    """Add one audit log row (flushed with the session's next flush, committed with it).

    ``document`` is the row or its id (``None`` for actions on no document, such as log-ins);
    ``diff`` maps field paths to ``{"old": …, "new": …}`` (``diff_fields`` makes one).
    """
    if isinstance(document, DocumentRow):
        if document.id is None:  # a new document: give it its id first
            session.flush()
        document_id: int | None = document.id
    else:
        document_id = document
    row = AuditRow(
        document_id=document_id,
        user=user,
        username=None if user is None else user.username,
        action=action,
        diff=jsonable(dict(diff or {})),
    )
    session.add(row)
    return row


def audit_trail(session: Session, document_id: int) -> list[AuditRow]:
    """The document's audit log, oldest first."""
    return list(
        session.scalars(
            select(AuditRow)
            .where(AuditRow.document_id == document_id)
            .order_by(AuditRow.at, AuditRow.id)
        )
    )
