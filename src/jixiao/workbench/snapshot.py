"""What the document page and the project editor show of a document that is the same for every
user — the converted model, the review report rebuilt from the stored findings, each project's
own findings, indicator labels and the readable audit log — built once per document revision.

Each view reads the document row (with its revision, ``store/revision.py``) and checks access
per request, then takes the snapshot cached under the row's revision, or builds it. Any commit
that changes the document or its projects, indicators, findings, comments or audit entries
raises the revision in the database, so every worker process sees a stale entry as a miss;
the per-user parts of the pages (allowed actions, CSRF token, comments with their buttons)
are never cached. Profile and figures: docs/performance.md.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, defer, joinedload, selectinload
from sqlalchemy.orm.attributes import set_committed_value

from jixiao._exceptions import Forbidden
from jixiao.model import Document, Project
from jixiao.review import Report
from jixiao.review.report import ProjectGrade
from jixiao.store.audit import audit_trail
from jixiao.store.convert import document_from_row, load_findings
from jixiao.store.errors import NotFoundError
from jixiao.store.models import CommentRow, DocumentRow, ProjectRow, UserRow
from jixiao.workbench.access import can_view
from jixiao.workbench.authoring import document_unit_ids
from jixiao.workbench.history import ChangeLine, readable_changes
from jixiao.workbench.reports import report_from_findings

__all__ = [
    "NO_BUILD",
    "AuditEntry",
    "DocumentSnapshot",
    "SnapshotMissing",
    "clear_snapshots",
    "document_snapshot",
]

CACHE_SIZE_ENV = "JIXIAO_PAGE_CACHE_DOCUMENTS"


def _cache_size() -> int:
    text = os.environ.get(CACHE_SIZE_ENV, "").strip()
    return int(text) if text.isdigit() else 16


CACHE_SIZE = _cache_size()
"""Documents kept per process, least recently used dropped first (a seed document's snapshot
is a few hundred KiB; one of 200 projects some MiB); ``0`` turns the cache off."""


@dataclass(frozen=True)
class AuditEntry:
    """An audit row as the page shows it (detached from the session that read it)."""

    id: int
    at: datetime
    username: str | None
    action: str


@dataclass(frozen=True)
class DocumentSnapshot:
    """One revision of a document as pages show it; shared by requests, never changed."""

    doc: Document
    report: Report
    grades: dict[int, ProjectGrade]
    project_ids: list[int]
    projects: dict[int, Project]
    """Project id → its model."""
    versions: dict[int, int]
    """Project id → its optimistic-locking version when the snapshot was read."""
    indicator_ids: dict[int, list[int]]
    indicator_labels: dict[int, str]
    comment_count: int
    unit_ids: frozenset[int]
    """The units the document is about (what “copy last year's project” searches by)."""
    audit: list[tuple[AuditEntry, list[ChangeLine]]]
    fragments: dict[str, Any] = field(default_factory=dict)
    """Parts of pages rendered from this snapshot alone, kept by the web layer (the review
    report's list and the audit table are the same for every user: rendered once)."""


Key = tuple[Any, ...]

NO_BUILD = "jixiao_snapshot_no_build"
"""``Session.info`` flag: on a miss, raise ``SnapshotMissing`` instead of building (the caller
runs on the event loop, where a build of many milliseconds would hold up every request)."""


class SnapshotMissing(Exception):
    """The snapshot must be built, and this session may not (``NO_BUILD``)."""


_HEAVY_DOCUMENT_COLUMNS = (
    "overall_goals",
    "sub_goals",
    "safeguards",
    "warnings",
    "extensions",
)
"""Read per request only on a miss (the snapshot's model has them)."""

_cache: OrderedDict[Key, DocumentSnapshot] = OrderedDict()
_lock = threading.Lock()


def clear_snapshots() -> None:
    """Forget every snapshot (tests; a restored database)."""
    with _lock:
        _cache.clear()


def _key(session: Session, row: DocumentRow) -> Key:
    """The database, the document (created_at: SQLite may reuse a deleted document's id) and
    its revision; version and updated_at as a second guard."""
    return (
        session.get_bind().engine.url.render_as_string(hide_password=True),
        row.id,
        row.created_at,
        row.version,
        row.updated_at,
        row.revision,
    )


def indicator_labels(row: DocumentRow) -> dict[int, str]:
    """Indicator id → “项目 3 · 指标 2：name”, to say what a comment is about."""
    return {
        ind.id: f"项目 {project.seq} · 指标 {i + 1}：{ind.name}"
        for project in row.projects
        for i, ind in enumerate(project.indicators)
    }


def _build(session: Session, row: DocumentRow) -> DocumentSnapshot:
    """Load the rest of the document (indicators, units, findings, audit) and convert it."""
    session.scalars(
        select(ProjectRow)
        .where(ProjectRow.document_id == row.id)
        .options(selectinload(ProjectRow.indicators), selectinload(ProjectRow.unit))
        .execution_options(populate_existing=True)
    ).all()
    doc = document_from_row(row)
    report = report_from_findings(doc, load_findings(session, row.id))
    return DocumentSnapshot(
        doc=doc,
        report=report,
        grades={g.seq: g for g in report.projects},
        project_ids=[p.id for p in row.projects],
        projects={p.id: model for p, model in zip(row.projects, doc.projects, strict=True)},
        versions={p.id: p.version for p in row.projects},
        indicator_ids={p.id: [i.id for i in p.indicators] for p in row.projects},
        indicator_labels=indicator_labels(row),
        comment_count=session.scalar(
            select(func.count()).select_from(CommentRow).where(CommentRow.document_id == row.id)
        )
        or 0,
        unit_ids=frozenset(document_unit_ids(session, row, doc)),
        audit=[
            (AuditEntry(a.id, a.at, a.username, a.action), readable_changes(a, row))
            for a in audit_trail(session, row.id)
        ],
    )


@cache
def _row_options() -> tuple[Any, ...]:
    """Per request only what access and the page's links need; the snapshot has the rest.
    Built once: making loader options costs more than the query they shape."""
    return (
        *(defer(getattr(DocumentRow, c)) for c in _HEAVY_DOCUMENT_COLUMNS),
        joinedload(DocumentRow.projects)
        .load_only(ProjectRow.document_id, ProjectRow.position, ProjectRow.seq, ProjectRow.unit_id)
        .joinedload(ProjectRow.unit),  # the editor's title names the main unit
    )


def document_snapshot(
    session: Session, user: UserRow, document_id: int
) -> tuple[DocumentRow, DocumentSnapshot]:
    """The document row (projects and comments loaded, indicators not) after the access
    check, and its snapshot at the revision just read. On a hit: one query for the row with
    its projects, one for the comments when there are any."""
    row = session.get(DocumentRow, document_id, options=_row_options())
    if row is None:
        raise NotFoundError(f"文档不存在（编号 {document_id}）")
    if not can_view(user, row):
        raise Forbidden("您无权查看该文档")
    key = _key(session, row)
    with _lock:
        snapshot = _cache.get(key)
        if snapshot is not None:
            _cache.move_to_end(key)
    if snapshot is None or snapshot.project_ids != [p.id for p in row.projects]:
        if session.info.get(NO_BUILD):
            raise SnapshotMissing
        snapshot = _build(session, row)
        with _lock:
            _cache[key] = snapshot
            while len(_cache) > CACHE_SIZE:
                _cache.popitem(last=False)
    _load_comments(session, row, snapshot)
    return row, snapshot


def _load_comments(session: Session, row: DocumentRow, snapshot: DocumentSnapshot) -> None:
    """The comments, read per request (each user sees their own buttons on them); none to
    read when the snapshot of this revision has none (a comment raises the revision)."""
    comments: list[CommentRow] = []
    if snapshot.comment_count:
        comments = list(
            session.scalars(
                select(CommentRow)
                .where(CommentRow.document_id == row.id)
                .options(joinedload(CommentRow.author))
                .order_by(CommentRow.id)
            )
        )
    set_committed_value(row, "comments", comments)
