"""The review workflow of a project's 运行监控 (one month) and 绩效自评: 填报 → 提交审核 →
开始审核 → 退回修改 / 审核通过, the same steps and roles as a target table's, recorded in the
document's audit log in words; reviewers comment on a row or a score while reviewing."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from jixiao._exceptions import Forbidden, InvalidInput, StatusConflict
from jixiao.lifecycle.workbook import Kind
from jixiao.model import Project
from jixiao.store.audit import audit_trail, record_change
from jixiao.store.convert import get_document_row, project_from_row
from jixiao.store.db import commit
from jixiao.store.errors import NotFoundError
from jixiao.store.models import (
    AuditRow,
    CommentRow,
    DocumentRow,
    IndicatorRow,
    LifecycleStageRow,
    ProjectRow,
    UserRow,
)
from jixiao.workbench.access import can_review, get_project
from jixiao.workbench.editing import lock_document
from jixiao.workbench.lifecycle import (
    STAGE_LABELS,
    STAGE_STATUS_LABELS,
    Schemes,
    can_fill,
    monitoring_result,
    period_label,
    score_result,
    stage_row,
)
from jixiao.workbench.workflow import TRANSITIONS

__all__ = [
    "add_stage_comment",
    "missing_causes",
    "stage_actions",
    "stage_audit",
    "stage_comment_field",
    "stage_transition",
]


def stage_comment_field(stage: Kind, what: str) -> str:
    """What a comment is about, in words: “绩效自评：得分”, “运行监控：退回意见”."""
    return f"{STAGE_LABELS[stage]}：{what}"


def stage_actions(
    user: UserRow, doc: DocumentRow, project: ProjectRow, status: str
) -> list[tuple[str, str]]:
    """The steps ``user`` may take now: (action, label)."""
    out = []
    for name, step in TRANSITIONS.items():
        if status not in step.source or user.role not in step.roles:
            continue
        if name == "submit":
            if can_fill(user, doc, project, "draft"):
                out.append((name, step.label))
        elif can_review(user, doc):
            out.append((name, step.label))
    return out


def missing_causes(project: Project, month: int, schemes: Schemes) -> list[str]:
    """Names of the red or yellow indicators of the month still without 偏差原因 or
    完成目标可能性 (MON-03): a monitoring record with any cannot be submitted."""
    result = monitoring_result(project, month, schemes.monitoring)
    if result is None:
        return []
    return [
        project.indicators[f.indicator_index].name
        for f in result.findings
        if f.code == "MON-03" and f.indicator_index is not None
    ]


def _check_submit(project: Project, stage: Kind, period: int, schemes: Schemes) -> None:
    if stage == "monitor":
        if monitoring_result(project, period, schemes.monitoring) is None:
            raise InvalidInput(f"还没有填报 1–{period}月的运行监控，不能提交审核")
        missing = missing_causes(project, period, schemes)
        if missing:
            raise InvalidInput(
                f"红灯、黄灯指标须填写偏差原因和完成目标可能性：{'、'.join(missing)}",
                hint="请在这些指标的“偏差原因”中勾选原因（可附说明），并选择完成目标可能性。",
            )
    elif score_result(project, schemes.scoring) is None:
        raise InvalidInput("还没有填报绩效自评，不能提交审核")


def stage_transition(
    session: Session,
    user: UserRow,
    project_id: int,
    stage: Kind,
    period: int,
    action: str,
    schemes: Schemes,
    comment: str = "",
) -> LifecycleStageRow:
    """Take one step of the stage's workflow; audited; committed."""
    lock_document(session, get_project(session, user, project_id).document_id)
    row = get_project(session, user, project_id)
    doc = get_document_row(session, row.document_id)
    step = TRANSITIONS.get(action)
    if step is None:
        raise NotFoundError(f"未知的操作：{action}")
    stage_row_ = stage_row(session, project_id, stage, period)
    status = "draft" if stage_row_ is None else stage_row_.status
    label = STAGE_LABELS[stage] + period_label(stage, period)
    if user.role not in step.roles:
        raise Forbidden(f"您的角色不能执行“{step.label}”")
    if action == "submit" and not can_fill(user, doc, row, "draft"):
        raise Forbidden(f"您无权提交该项目的{STAGE_LABELS[stage]}")
    if action != "submit" and not can_review(user, doc):
        raise Forbidden("您无权审核该项目")
    if status not in step.source:
        raise StatusConflict(f"{label}当前状态为“{STAGE_STATUS_LABELS[status]}”，不能{step.label}")
    if step.needs_comment and not comment.strip():
        raise InvalidInput("退回时请填写退回意见")
    if action == "submit":
        _check_submit(project_from_row(row), stage, period, schemes)
    if stage_row_ is None:
        stage_row_ = LifecycleStageRow(project_id=project_id, stage=stage, period=period)
        session.add(stage_row_)
    stage_row_.status = step.target
    if comment.strip():
        session.add(
            CommentRow(
                document_id=doc.id,
                project_id=project_id,
                author=user,
                body=comment.strip(),
                field=stage_comment_field(stage, "退回意见"),
            )
        )
    record_change(
        session,
        doc,
        user,
        f"{STAGE_LABELS[stage]}{step.label}",
        {
            f"项目 {row.seq} {label}的状态": {
                "old": STAGE_STATUS_LABELS[status],
                "new": STAGE_STATUS_LABELS[step.target],
            }
        },
    )
    commit(session)
    return stage_row_


def add_stage_comment(
    session: Session,
    user: UserRow,
    project_id: int,
    stage: Kind,
    period: int,
    body: str,
    *,
    indicator_id: int | None = None,
    what: str = "得分",
) -> CommentRow:
    """A reviewer's comment on a row (``indicator_id``) or a figure of the stage, while the
    stage is being reviewed. Units answer through the ordinary reply."""
    row = get_project(session, user, project_id)
    doc = get_document_row(session, row.document_id)
    if not body.strip():
        raise InvalidInput("意见内容不能为空")
    if not can_review(user, doc):
        raise Forbidden("只有审核人可以提出审核意见")
    status = stage_row(session, project_id, stage, period)
    if status is None or status.status != "in_review":
        raise StatusConflict(f"只能在{STAGE_LABELS[stage]}“审核中”时提出审核意见")
    if indicator_id is not None:
        ind = session.get(IndicatorRow, indicator_id)
        if ind is None or ind.project_id != project_id:
            raise NotFoundError("该指标不属于此项目")
    comment = CommentRow(
        document_id=doc.id,
        project_id=project_id,
        indicator_id=indicator_id,
        field=stage_comment_field(stage, what.strip() or "得分"),
        author=user,
        body=body.strip(),
    )
    session.add(comment)
    record_change(
        session,
        doc,
        user,
        f"{STAGE_LABELS[stage]}审核意见",
        {f"项目 {row.seq} {STAGE_LABELS[stage]}的意见": {"old": None, "new": body.strip()}},
    )
    commit(session)
    return comment


def stage_audit(session: Session, document_id: int, seq: int, stage: Kind) -> Sequence[AuditRow]:
    """The document's audit entries about this project's stage, newest first."""
    prefix = f"项目 {seq} {STAGE_LABELS[stage]}"
    return [
        a
        for a in audit_trail(session, document_id)
        if STAGE_LABELS[stage] in a.action
        and any(str(k).startswith(prefix) for k in (a.diff or {}))
    ]
