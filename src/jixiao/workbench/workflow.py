"""The review workflow (提交审核 → 开始审核 → 退回修改 / 审核通过) and reviewers' comments."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from jixiao.store.audit import record_change
from jixiao.store.db import commit
from jixiao.store.errors import NotFoundError
from jixiao.store.models import (
    STATUS_LABELS,
    CommentRow,
    DocumentRow,
    DocumentStatus,
    IndicatorRow,
    UserRow,
)
from jixiao.workbench.access import Forbidden, can_review, get_document
from jixiao.workbench.editing import lock_document
from jixiao.workbench.quality_gate import check_gate

__all__ = ["TRANSITIONS", "Transition", "add_comment", "transition"]


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


def transition(
    session: Session,
    user: UserRow,
    document_id: int,
    action: str,
    comment: str = "",
    explanations: dict[str, str] | None = None,
) -> DocumentRow:
    """Take one workflow step; 提交审核 passes the quality gate first (``explanations``: finding
    key → why the error stays, see ``quality_gate``)."""
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
    if action == "submit":
        check_gate(session, user, doc, explanations)
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
