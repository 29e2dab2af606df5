"""Building the ordinary review ``Finding`` for a lifecycle rule (MON-*, EVA-*)."""

from __future__ import annotations

from dataclasses import dataclass

from jixiao.review.finding import Dimension, Finding, Severity

__all__ = ["Subject"]


@dataclass(frozen=True)
class Subject:
    """What the findings are about: a project (``seq``, ``code``) or the department (None)."""

    seq: int | None
    code: str | None
    name: str

    def finding(
        self,
        code: str,
        severity: Severity,
        dimension: Dimension,
        message: str,
        *,
        field: str | None = None,
        indicator_index: int | None = None,
        text: str | None = None,
        suggestion: str | None = None,
    ) -> Finding:
        return Finding(
            code=code,
            severity=severity,
            dimension=dimension,
            message=message,
            project_code=self.code,
            project_seq=self.seq,
            indicator_index=indicator_index,
            field=field,
            text=text,
            suggestion=suggestion,
        )
