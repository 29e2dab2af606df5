"""Applying safe fixes: only meaning-preserving edits, each checked against the current text."""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel

from jixiao.model import Document
from jixiao.review.finding import Edit, Finding, Fix
from jixiao.review.merge import flatten
from jixiao.values import parse_value

__all__ = ["AppliedEdit", "apply_fix", "apply_safe_fixes"]

_STEP = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)(?:\[(\d+)\])?")


class AppliedEdit(BaseModel):
    code: str
    project_seq: int | None
    path: str
    old: str | None
    new: str | None


def _split(path: str) -> list[str | int]:
    steps: list[str | int] = []
    for part in path.split("."):
        match = _STEP.fullmatch(part)
        if match is None:
            raise ValueError(path)
        steps.append(match.group(1))
        if match.group(2) is not None:
            steps.append(int(match.group(2)))
    return steps


def _apply(data: dict[str, Any], edit: Edit) -> bool:
    steps = _split(edit.path)
    node: Any = data
    for step in steps[:-1]:
        node = node[step]
    last = steps[-1]
    if node[last] != edit.old:
        return False  # the text changed since the finding was made (another fix got there first)
    node[last] = edit.new
    return True


def apply_safe_fixes(doc: Document, findings: list[Finding]) -> tuple[Document, list[AppliedEdit]]:
    data = doc.model_dump(mode="python")
    applied: list[AppliedEdit] = []
    for finding in flatten(findings):  # a merged finding's members keep their own fixes
        if finding.fix is None or finding.fix.safety != "safe":
            continue
        for edit in finding.fix.edits:
            if _apply(data, edit):
                applied.append(
                    AppliedEdit(
                        code=finding.code,
                        project_seq=finding.project_seq,
                        path=edit.path,
                        old=edit.old,
                        new=edit.new,
                    )
                )
    return _rebuilt(data), applied


def apply_fix(doc: Document, fix: Fix) -> Document:
    """The document with one fix applied, safe or not (what a person accepting it gets).

    Raises ``ValueError`` when an edit no longer matches the text it was made for."""
    data = doc.model_dump(mode="python")
    for edit in fix.edits:
        if not _apply(data, edit):
            raise ValueError(f"{edit.path} changed since the fix was proposed")
    return _rebuilt(data)


def _rebuilt(data: dict[str, Any]) -> Document:
    """The document from edited data, every 指标值 read again from its edited text."""
    for project in data["projects"]:
        for indicator in project["indicators"]:
            indicator["value"] = parse_value(indicator["value_text"]).model_dump(mode="python")
    return Document.model_validate(data)
