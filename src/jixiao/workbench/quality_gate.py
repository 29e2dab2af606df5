"""The quality gate on 提交审核: a document with error-level findings is either refused or
submitted only with an explanation per error (the installation decides), and the reviewer
reads those explanations first.

``JIXIAO_QUALITY_GATE``: ``explain`` (default) asks for an explanation of every error,
``refuse`` refuses to submit until no error is left, ``off`` lets documents through as before.
Explanations are stored as comments on the document (field ``错误说明``), so they are kept
with the review's other words, audited and shown to the reviewer at the top of the page.
"""

from __future__ import annotations

import os
from typing import Literal

from sqlalchemy.orm import Session

from jixiao._exceptions import JixiaoError
from jixiao.review import Finding
from jixiao.store.convert import load_findings
from jixiao.store.models import CommentRow, DocumentRow, UserRow
from jixiao.workbench.access import Forbidden

__all__ = [
    "EXPLANATION_FIELD",
    "GATE_ENV",
    "GateMode",
    "blocking_findings",
    "check_gate",
    "finding_key",
    "gate_mode",
]

GATE_ENV = "JIXIAO_QUALITY_GATE"
EXPLANATION_FIELD = "错误说明"
GateMode = Literal["explain", "refuse", "off"]
_MODES: tuple[GateMode, ...] = ("explain", "refuse", "off")


def gate_mode() -> GateMode:
    """The installation's gate, from ``$JIXIAO_QUALITY_GATE`` (default ``explain``)."""
    text = os.environ.get(GATE_ENV, "").strip().lower() or "explain"
    for mode in _MODES:
        if text == mode:
            return mode
    raise JixiaoError(
        f"质量门设置无效：{text}",
        hint=f"请把环境变量 {GATE_ENV} 设为 explain（逐条说明）、refuse（有错误不能提交）或 off。",
    )


def finding_key(finding: Finding) -> str:
    """A key naming one finding in a form (code, project, indicator, field)."""
    parts = (
        finding.code,
        "" if finding.project_seq is None else str(finding.project_seq),
        "" if finding.indicator_index is None else str(finding.indicator_index),
        finding.field or "",
    )
    return "|".join(parts)


def blocking_findings(session: Session, doc: DocumentRow) -> list[Finding]:
    """The document's error-level findings (as last reviewed), one per key."""
    seen: dict[str, Finding] = {}
    for f in load_findings(session, doc.id):
        if f.severity == "error":
            seen.setdefault(finding_key(f), f)
    return list(seen.values())


def where(finding: Finding) -> str:
    """Where a finding is, in words: “项目 3 第 2 个指标” / “项目 3” / “文档”."""
    if finding.project_seq is None:
        return "文档"
    text = f"项目 {finding.project_seq}"
    if finding.indicator_index is not None:
        text += f" 第 {finding.indicator_index + 1} 个指标"
    return text


def check_gate(
    session: Session,
    user: UserRow,
    doc: DocumentRow,
    explanations: dict[str, str] | None,
) -> None:
    """Raise unless ``doc`` may be submitted; with ``explain``, store the explanations (one
    comment per error) in the session. Called by the workflow before 提交审核."""
    mode = gate_mode()
    if mode == "off":
        return
    errors = blocking_findings(session, doc)
    if not errors:
        return
    if mode == "refuse":
        raise Forbidden(
            f"文档还有 {len(errors)} 个“错误”级审核意见，不能提交审核",
            hint="请按审核意见修改，直到没有“错误”后再提交。",
        )
    given = {k: v.strip() for k, v in (explanations or {}).items() if v and v.strip()}
    missing = [f for f in errors if finding_key(f) not in given]
    if missing:
        raise Forbidden(
            f"文档还有 {len(errors)} 个“错误”级审核意见，其中 {len(missing)} 个没有说明原因，"
            "没有提交",
            hint="请修改这些问题，或在提交时逐条说明不修改的原因（审核人会首先看到这些说明）。",
        )
    for f in errors:
        session.add(
            CommentRow(
                document=doc,
                author=user,
                field=EXPLANATION_FIELD,
                body=f"{f.code}（{where(f)}）{f.message}\n说明：{given[finding_key(f)]}",
            )
        )
