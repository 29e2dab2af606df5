"""The targets' year in the workbench: saving a project's 运行监控 record (of one month) and
绩效自评, importing them from the 填报 workbook, and computing lights and scores with the
engines of ``jixiao.lifecycle`` and the installation's scheme (as the CLI reads it).

The records live in the project (its extensions column, as ``jixiao.store.convert`` keeps
them); whether a unit may still change them is the stage's own workflow status
(``lifecycle_workflow``), not the target table's: an approved table is monitored and scored.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from jixiao._exceptions import Forbidden, InvalidInput, StatusConflict
from jixiao.lifecycle.actuals import apply_actuals
from jixiao.lifecycle.monitoring import MonitoringResult, monitor_project
from jixiao.lifecycle.schemes import (
    MonitoringScheme,
    ScoringScheme,
    monitoring_scheme,
    scoring_scheme,
)
from jixiao.lifecycle.scoring import UnitScore, score_project
from jixiao.lifecycle.template import template_workbook
from jixiao.lifecycle.workbook import KIND_LABELS, Kind
from jixiao.model import Document, Project
from jixiao.model.identity import indicator_keys
from jixiao.model.lifecycle import MonitoringRecord, SelfEvaluation
from jixiao.store.audit import record_change
from jixiao.store.convert import document_from_row, get_document_row, project_from_row
from jixiao.store.convert import project_values as _values
from jixiao.store.db import CONFLICT_HINT, commit
from jixiao.store.errors import ConflictError
from jixiao.store.models import (
    DocumentRow,
    DocumentStatus,
    LifecycleStageRow,
    ProjectRow,
    UserRow,
)
from jixiao.workbench.access import EDITABLE, get_document, get_project, unit_ids
from jixiao.workbench.editing import lock_document

__all__ = [
    "DEFAULT_MONTH",
    "STAGE_LABELS",
    "STAGE_STATUS_LABELS",
    "Schemes",
    "can_fill",
    "import_actuals",
    "installation_schemes",
    "monitoring_result",
    "period_label",
    "project_template",
    "save_monitoring",
    "save_self_evaluation",
    "score_result",
    "stage_key",
    "stage_status",
]

DEFAULT_MONTH = 7
STAGE_LABELS: dict[Kind, str] = dict(KIND_LABELS)
STAGE_STATUS_LABELS: dict[str, str] = {
    "draft": "填报中",
    "submitted": "已提交",
    "in_review": "审核中",
    "returned": "已退回",
    "approved": "已通过",
}
LIFECYCLE_CONFLICT = "该项目已被他人修改（在您打开本页之后），您填报的内容没有保存。"


@dataclass(frozen=True)
class Schemes:
    monitoring: MonitoringScheme
    scoring: ScoringScheme


def installation_schemes() -> Schemes:
    """The schemes of the configuration found from the working directory up (``jixiao.toml``
    or ``[tool.jixiao]``), exactly as ``jixiao monitor`` / ``jixiao score`` find it; central
    by default."""
    from jixiao.review.config import find_config, load_config

    config = load_config(find_config(Path.cwd()))
    return Schemes(monitoring_scheme(config.monitoring), scoring_scheme(config.scoring))


def period_label(stage: Kind, period: int) -> str:
    return f"（1–{period}月）" if stage == "monitor" else ""


def stage_key(stage: Kind, month: int | None) -> int:
    """The stored period: the month of a monitoring record, 0 for the self-evaluation."""
    return (month or DEFAULT_MONTH) if stage == "monitor" else 0


def stage_row(
    session: Session, project_id: int, stage: Kind, period: int
) -> LifecycleStageRow | None:
    return session.scalars(
        select(LifecycleStageRow).where(
            LifecycleStageRow.project_id == project_id,
            LifecycleStageRow.stage == stage,
            LifecycleStageRow.period == period,
        )
    ).first()


def stage_status(session: Session, project_id: int, stage: Kind, period: int) -> DocumentStatus:
    row = stage_row(session, project_id, stage, period)
    return "draft" if row is None else row.status


def can_fill(user: UserRow, doc: DocumentRow, project: ProjectRow, status: str) -> bool:
    """May ``user`` enter actuals for ``project`` while its stage is at ``status``?"""
    if status not in EDITABLE or user.role == "reviewer":
        return False
    if user.role == "admin" or doc.owner_id == user.id:
        return True
    return project.unit_id in unit_ids(user)


def monitoring_result(
    project: Project, month: int, scheme: MonitoringScheme
) -> MonitoringResult | None:
    """The lights of ``project``'s record of ``month`` (None when it has none)."""
    if not any(r.month == month for r in project.monitoring):
        return None
    return monitor_project(project, scheme, month)


def score_result(project: Project, scheme: ScoringScheme) -> UnitScore | None:
    return None if project.self_evaluation is None else score_project(project, scheme)


def _record_rows(project: Project, stage: Kind, month: int) -> dict[str, Any]:
    """The record's fields in words, to say in the audit log what changed."""
    out: dict[str, Any] = {}
    keys = indicator_keys(project.indicators)
    names = dict(zip(keys, (i.name for i in project.indicators), strict=True))
    if stage == "monitor":
        record = next((m for m in project.monitoring if m.month == month), None)
        if record is None:
            return out
        out["调整后预算数"] = record.adjusted_budget
        out["执行数"] = record.executed
        out["全年预计执行数"] = record.projected_executed
        for row in record.indicators:
            name = f"指标“{names.get(row.indicator) or row.indicator}”"
            out[f"{name}的完成值"] = row.achieved_text
            out[f"{name}的全年预计完成值"] = row.projected_text
            out[f"{name}的偏差原因"] = "、".join(row.causes) + (
                f"：{row.cause_text}" if row.cause_text else ""
            )
            out[f"{name}的完成目标可能性"] = row.likelihood
            out[f"{name}的备注"] = row.remark
        return out
    evaluation = project.self_evaluation
    if evaluation is None:
        return out
    out["年初预算数"] = evaluation.initial_budget
    out["全年预算数"] = evaluation.annual_budget
    out["全年执行数"] = evaluation.executed
    out["执行率偏低原因"] = evaluation.budget_analysis
    for result in evaluation.indicators:
        name = f"指标“{names.get(result.indicator) or result.indicator}”"
        out[f"{name}的实际完成值"] = result.actual_text
        out[f"{name}的达成情况"] = result.tier
        out[f"{name}是否适用"] = "是" if result.applicable else "否"
        out[f"{name}的偏差原因分析及改进措施"] = result.analysis
    return out


def _shown(value: Any) -> Any:
    return str(value) if isinstance(value, Decimal) else value


def _changes(before: Project, after: Project, stage: Kind, month: int) -> dict[str, Any]:
    old, new = _record_rows(before, stage, month), _record_rows(after, stage, month)
    prefix = f"项目 {after.seq} {STAGE_LABELS[stage]}{period_label(stage, month)}"
    diff: dict[str, Any] = {}
    for key in [*old, *(k for k in new if k not in old)]:
        a, b = _shown(old.get(key)), _shown(new.get(key))
        if (a or None) != (b or None):
            diff[f"{prefix}的{key}"] = {"old": a, "new": b}
    return diff


def _writable(
    session: Session, user: UserRow, project_id: int, stage: Kind, period: int
) -> tuple[ProjectRow, DocumentRow]:
    lock_document(session, get_project(session, user, project_id).document_id)
    row = get_project(session, user, project_id)
    doc = get_document_row(session, row.document_id)
    status = stage_status(session, project_id, stage, period)
    if not can_fill(user, doc, row, status):
        if status not in EDITABLE:
            raise StatusConflict(
                f"{STAGE_LABELS[stage]}当前状态为“{STAGE_STATUS_LABELS[status]}”，不能修改"
            )
        raise Forbidden(f"您无权填报该项目的{STAGE_LABELS[stage]}")
    return row, doc


def _save(
    session: Session,
    user: UserRow,
    row: ProjectRow,
    doc: DocumentRow,
    version: int | None,
    updated: Project,
    stage: Kind,
    month: int,
    action: str,
) -> ProjectRow:
    if version is not None and row.version != version:
        raise ConflictError(LIFECYCLE_CONFLICT, hint=CONFLICT_HINT)
    before = project_from_row(row)
    diff = _changes(before, updated, stage, month)
    if not diff:
        return row
    row.extensions = _values(updated)["extensions"]
    record_change(session, doc, user, action, diff)
    commit(session)
    return row


def save_monitoring(
    session: Session, user: UserRow, project_id: int, version: int | None, record: MonitoringRecord
) -> ProjectRow:
    """Replace the project's monitoring record of ``record.month``; audited; committed.
    ``version`` (the project's, as read) guards against overwriting someone's later save."""
    row, doc = _writable(session, user, project_id, "monitor", record.month)
    project = project_from_row(row)
    kept = [r for r in project.monitoring if r.month != record.month]
    updated = project.model_copy(
        update={"monitoring": sorted([*kept, record], key=lambda r: r.month)}
    )
    return _save(session, user, row, doc, version, updated, "monitor", record.month, "填报运行监控")


def save_self_evaluation(
    session: Session,
    user: UserRow,
    project_id: int,
    version: int | None,
    evaluation: SelfEvaluation,
) -> ProjectRow:
    """Replace the project's self-evaluation; audited; committed."""
    row, doc = _writable(session, user, project_id, "selfeval", 0)
    updated = project_from_row(row).model_copy(update={"self_evaluation": evaluation})
    return _save(session, user, row, doc, version, updated, "selfeval", 0, "填报绩效自评")


def _alone(doc: Document, project: Project) -> Document:
    """The document reduced to one project (and no department rows): its own workbook."""
    department = doc.department.model_copy(update={"indicators": []})
    return doc.model_copy(update={"projects": [project], "department": department})


def project_template(
    session: Session, user: UserRow, project_id: int, stage: Kind, month: int
) -> tuple[bytes, str]:
    """The pre-filled 填报 workbook of one project, and its file name."""
    row = get_project(session, user, project_id)
    doc = document_from_row(get_document(session, user, row.document_id))
    project = project_from_row(row)
    data = template_workbook(_alone(doc, project), stage, month)
    what = f"{STAGE_LABELS[stage]}填报" + (f"_1-{month}月" if stage == "monitor" else "")
    return data, f"{project.seq}_{project.name}_{what}.xlsx"


def import_actuals(
    session: Session, user: UserRow, project_id: int, data: bytes, name: str, stage: Kind
) -> tuple[ProjectRow, int]:
    """Read a filled workbook (the CLI's reader) and save this project's record from it;
    returns the project and the workbook's month. Rows of other projects are refused by the
    reader's own rule: every row must fit the document; a whole document's workbook does."""
    row = get_project(session, user, project_id)
    doc_row = get_document(session, user, row.document_id)
    position = next(i for i, p in enumerate(doc_row.projects) if p.id == project_id)
    filled, kind, month = apply_actuals(document_from_row(doc_row), data, name)
    if kind != stage:
        raise InvalidInput(
            f"这是{KIND_LABELS[kind]}填报表，不是{KIND_LABELS[stage]}填报表",
            source=name,
            hint=f"请在{KIND_LABELS[kind]}页面导入它。",
        )
    got = filled.projects[position]
    if stage == "monitor":
        record = next((r for r in got.monitoring if r.month == month), None)
        if record is None:
            raise InvalidInput("填报表中没有本项目的数据", source=name)
        return save_monitoring(session, user, project_id, None, record), month
    if got.self_evaluation is None:
        raise InvalidInput("填报表中没有本项目的数据", source=name)
    return save_self_evaluation(session, user, project_id, None, got.self_evaluation), month
