"""What a review produces: findings (data, never exceptions) and the fixes they may carry."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from jixiao.model import SourceLocation

__all__ = ["DIMENSIONS", "Dimension", "Edit", "Finding", "Fix", "Severity"]

Severity = Literal["error", "warning", "info"]
Dimension = Literal["完整性", "规范性", "可衡量性", "相关性", "一致性", "适当性"]
DIMENSIONS: tuple[Dimension, ...] = ("完整性", "规范性", "可衡量性", "相关性", "一致性", "适当性")


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Edit(_Frozen):
    """Replace ``old`` by ``new`` at ``path`` (``projects[0].indicators[3].value_text``)."""

    path: str
    old: str | None
    new: str | None


class Fix(_Frozen):
    """A proposed change; only ``safe`` (meaning-preserving) fixes are applied automatically."""

    title: str
    safety: Literal["safe", "unsafe"]
    edits: tuple[Edit, ...]


class Finding(_Frozen):
    code: str
    severity: Severity
    dimension: Dimension
    message: str
    project_code: str | None = None
    project_seq: int | None = None
    indicator_index: int | None = None
    field: str | None = None
    text: str | None = None
    source: SourceLocation | None = None
    suggestion: str | None = None
    fix: Fix | None = None
    merged: tuple[Finding, ...] = ()
    """Other findings about the same defect, merged into this one (``jixiao.review.merge``):
    other rules on the same cell, or the same copied text on other rows."""
