"""Versions of a document: the whole document as each save left it, so any two can be compared.

A version is recorded at import (or creation) and at every save: a project edited (one-click
fixes are saved as project edits), the department goals edited, a project added, copied or
deleted. A document imported before versions were kept gets a baseline, its state before the
edit, on its first edit. Two versions are compared with ``jixiao.compare`` (projects and
indicators) plus a field list for what that comparison does not show (title, goals, purpose…).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jixiao._exceptions import InvalidInput
from jixiao.compare import DocumentDiff, compare_documents
from jixiao.model import Document
from jixiao.store.audit import diff_fields
from jixiao.store.convert import document_from_row
from jixiao.store.errors import NotFoundError
from jixiao.store.models import AuditRow, DocumentRow, DocumentVersionRow, UserRow
from jixiao.workbench.access import get_document
from jixiao.workbench.history import ChangeLine, readable_changes

__all__ = [
    "BASELINE_ACTION",
    "SAVE_ACTIONS",
    "VERSIONED_ACTIONS",
    "VersionComparison",
    "compare_versions",
    "ensure_baseline",
    "field_changes",
    "get_version",
    "list_versions",
    "record_version",
    "summary_text",
    "version_for_audit",
]

BASELINE_ACTION = "修改前状态"
VERSIONED_ACTIONS = frozenset(
    {"导入", "新建文档", "修改项目", "修改部门目标", "新增项目", "复制项目", "删除项目"}
)
"""The audit actions that record a version."""
SAVE_ACTIONS = VERSIONED_ACTIONS - {"导入", "新建文档"}
"""The saves the history links to a 修改前后对比 (an import has nothing before it)."""
MAX_SUMMARY_ITEMS = 3


def _count(session: Session, document_id: int) -> int:
    return (
        session.scalar(
            select(func.count())
            .select_from(DocumentVersionRow)
            .where(DocumentVersionRow.document_id == document_id)
        )
        or 0
    )


def _content(doc: Document) -> dict[str, Any]:
    return doc.model_dump(mode="json")


def ensure_baseline(session: Session, row: DocumentRow) -> None:
    """Before the first save of a document that has no version yet (imported before versions
    were kept), keep its current state as version 1. Call before changing anything."""
    if row.id is None or _count(session, row.id):
        return
    session.add(
        DocumentVersionRow(
            document_id=row.id,
            number=1,
            created_at=row.updated_at,
            action=BASELINE_ACTION,
            summary="修改前的状态（文档在启用版本记录前导入）",
            content=_content(document_from_row(row)),
        )
    )
    session.flush()


def summary_text(action: str, diff: Mapping[str, Any], row: DocumentRow | None = None) -> str:
    """A short Chinese summary: the action, then the first fields changed (“修改项目：项目 1 的
    第 2 个指标的指标值；项目 1 的项目概况 等 5 处”)."""
    entry = AuditRow(action=action, diff=dict(diff))
    lines = readable_changes(entry, row)
    if not lines:
        return action
    shown = "；".join(_line(line) for line in lines[:MAX_SUMMARY_ITEMS])
    more = f" 等 {len(lines)} 处" if len(lines) > MAX_SUMMARY_ITEMS else ""
    return f"{action}：{shown}{more}"


def _line(line: ChangeLine) -> str:
    """What changed; for something added or removed, its value (“项目：档案数字化” is said as
    the name alone: the action says it is a project)."""
    if line.old != "（空）" and line.new != "（空）":
        return line.what
    value = line.new if line.old == "（空）" else line.old
    return value if line.what == "项目" else f"{line.what}：{value}"


def record_version(
    session: Session,
    row: DocumentRow,
    user: UserRow | None,
    audit: AuditRow,
    doc: Document | None = None,
) -> DocumentVersionRow:
    """Record the document as it is now (``doc``, or read from ``row``) as its next version,
    tied to the save's audit entry ``audit``; flushed, committed with the save."""
    session.flush()  # the audit entry's id, the document's current rows
    version = DocumentVersionRow(
        document_id=row.id,
        number=_count(session, row.id) + 1,
        user_id=None if user is None else user.id,
        username=None if user is None else user.username,
        action=audit.action,
        summary=summary_text(audit.action, audit.diff or {}, row),
        audit_id=audit.id,
        content=_content(doc if doc is not None else document_from_row(row)),
    )
    session.add(version)
    session.flush()
    return version


def list_versions(session: Session, user: UserRow, document_id: int) -> list[DocumentVersionRow]:
    """The document's versions, newest first (anyone who may view the document)."""
    get_document(session, user, document_id)
    return list(
        session.scalars(
            select(DocumentVersionRow)
            .where(DocumentVersionRow.document_id == document_id)
            .order_by(DocumentVersionRow.number.desc())
        )
    )


def get_version(
    session: Session, user: UserRow, document_id: int, number: int
) -> DocumentVersionRow:
    get_document(session, user, document_id)
    version = session.scalars(
        select(DocumentVersionRow).where(
            DocumentVersionRow.document_id == document_id, DocumentVersionRow.number == number
        )
    ).first()
    if version is None:
        raise NotFoundError(f"文档 {document_id} 没有第 {number} 版")
    return version


def version_for_audit(
    session: Session, user: UserRow, document_id: int, audit_id: int
) -> DocumentVersionRow | None:
    """The version a save (its audit entry) recorded; ``None`` for a save made before versions
    were kept."""
    get_document(session, user, document_id)
    return session.scalars(
        select(DocumentVersionRow).where(
            DocumentVersionRow.document_id == document_id,
            DocumentVersionRow.audit_id == audit_id,
        )
    ).first()


@dataclass(frozen=True)
class VersionComparison:
    old: DocumentVersionRow
    new: DocumentVersionRow
    diff: DocumentDiff
    """Projects and indicators (``jixiao.compare``)."""
    fields: list[ChangeLine]
    """Every other field that changed: title, year, goals, a project's purpose, budget…"""


def compare_versions(
    session: Session, user: UserRow, document_id: int, old: int, new: int
) -> VersionComparison:
    """Compare version ``old`` with version ``new`` of the document (the earlier one first)."""
    if old == new:
        raise InvalidInput("请选择两个不同的版本进行对比")
    if old > new:
        old, new = new, old
    a = get_version(session, user, document_id, old)
    b = get_version(session, user, document_id, new)
    doc_a = Document.model_validate(a.content)
    doc_b = Document.model_validate(b.content)
    return VersionComparison(
        old=a, new=b, diff=compare_documents(doc_a, doc_b), fields=field_changes(doc_a, doc_b)
    )


_PROJECT_SKIP = {"indicators", "seq", "source", "unit", "extensions"}


def _flat(doc: Document) -> dict[str, Any]:
    """The fields a person writes, projects keyed ``项目N`` (the audit log's paths)."""
    data = doc.model_dump(mode="json")
    department = data.get("department") or {}
    out: dict[str, Any] = {
        "title": data.get("title"),
        "fiscal_year": data.get("fiscal_year"),
        "overall_goals": department.get("overall_goals", []),
        "sub_goals": department.get("sub_goals", []),
        "safeguards": department.get("safeguards", []),
    }
    for project in data.get("projects", []):
        out[f"项目{project['seq']}"] = {
            k: v for k, v in project.items() if k not in _PROJECT_SKIP
        } | {"indicators": len(project.get("indicators", []))}
    return out


def field_changes(old: Document, new: Document) -> list[ChangeLine]:
    """The changed fields in words, for what the project comparison leaves out; a project
    added or deleted is one line with its name."""
    changes = diff_fields(_flat(old), _flat(new))
    lines: list[ChangeLine] = []
    for path, change in changes.items():
        if path.startswith("项目") and "." not in path:
            before, after = (change[k]["name"] if change[k] else None for k in ("old", "new"))
            lines.append(ChangeLine(f"项目 {path[2:]}", before or "（无）", after or "（已删除）"))
    rest = {
        path: change
        for path, change in changes.items()
        if "." in path or not path.startswith("项目")
    }
    lines.extend(readable_changes(AuditRow(action="", diff=rest)))
    return lines
