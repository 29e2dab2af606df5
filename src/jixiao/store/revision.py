"""The document revision: a counter in the database raised by every commit that changes a
document or a row belonging to it, so caches in any worker process can tell a stale entry.

The new revision is the larger of the old one plus one and the time in microseconds: it always
grows, and a database restored from a backup while the workbench runs never hands out a
revision the caches saw before the restore (the restored history diverges from the one they
cached). The flushes note which documents they change; just before the transaction commits,
one plain ``UPDATE documents SET revision = …`` raises them, in the same transaction (readers
see the new data and the new revision together), holding the document row's lock only for the
commit. It is not an ORM change: the optimistic-locking ``version`` stays as it was, so two
people saving different projects of one document never conflict because of it.
"""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import case, event, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.util import identity_key

from jixiao.store.models import DocumentRow, ProjectRow

__all__ = ["document_revision"]

_PENDING = "jixiao.changed_documents"
"""``session.info`` key: documents the transaction's flushes changed (raised at commit)."""


def _document_id(session: Session, row: object) -> int | None:
    """The document ``row`` belongs to: its own ``document_id`` (or ``document`` not flushed
    yet), else through its project (indicators, lifecycle stages)."""
    if isinstance(row, DocumentRow):
        return row.id
    document_id = getattr(row, "document_id", None)
    if isinstance(document_id, int):
        return document_id
    document = getattr(row, "__dict__", {}).get("document")  # set by relationship only
    if isinstance(document, DocumentRow):
        return document.id
    project = getattr(row, "__dict__", {}).get("project")  # None once removed: counted there
    if isinstance(project, ProjectRow):
        return _document_id(session, project)
    project_id = getattr(row, "project_id", None)
    if isinstance(project_id, int) and not isinstance(row, ProjectRow):
        with session.no_autoflush:
            found = session.get(ProjectRow, project_id)
        return None if found is None else found.document_id
    return None


def _changed_documents(session: Session) -> set[int]:
    ids: set[int | None] = set()
    for row in session.dirty:
        if session.is_modified(row):
            ids.add(_document_id(session, row))
    for row in (*session.new, *session.deleted):
        if not isinstance(row, DocumentRow):  # a new document starts at 0; a deleted one is gone
            ids.add(_document_id(session, row))
    ids.discard(None)
    return {i for i in ids if i is not None}


@event.listens_for(Session, "before_flush")
def _note_changed_documents(session: Session, context: Any, instances: Any) -> None:
    session.info.setdefault(_PENDING, set()).update(_changed_documents(session))


@event.listens_for(Session, "before_commit")
def _raise_revisions(session: Session) -> None:
    """Raise the revisions of the documents this transaction changed, just before COMMIT:
    the document row is locked only for that moment (two open transactions saving different
    projects of one document never wait for each other)."""
    session.flush()  # the commit's own flush would come after this event
    changed = sorted(session.info.pop(_PENDING, ()))
    if not changed:
        return
    table = DocumentRow.metadata.tables["documents"]
    now = time.time_ns() // 1000
    after = table.c.revision + 1
    session.connection().execute(
        update(table)
        .where(table.c.id.in_(changed))
        .values(revision=case((after > now, after), else_=now))
    )
    for document_id in changed:  # read the new revision from the database when next asked
        row = session.identity_map.get(identity_key(DocumentRow, document_id))
        if row is not None:
            session.expire(row, ["revision"])


@event.listens_for(Session, "after_rollback")
def _forget_changes(session: Session) -> None:
    session.info.pop(_PENDING, None)


def document_revision(session: Session, document_id: int) -> int | None:
    """The stored revision (``None``: no such document), read from the database."""
    return session.scalar(select(DocumentRow.revision).where(DocumentRow.id == document_id))
