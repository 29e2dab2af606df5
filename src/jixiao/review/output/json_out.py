"""The review as JSON: exactly ``Report.model_dump(mode="json")``.

One document gives one object ``{"findings": [...], "projects": [...], "summary": {...}}``;
several give an array of such objects, each with a leading ``"source"`` (the input as named on
the command line), so a program can tell the reports apart.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from jixiao.review.report import Report

__all__ = ["render_json", "report_data"]


def report_data(report: Report, source: str | None = None) -> dict[str, Any]:
    data = report.model_dump(mode="json")
    return {"source": source, **data} if source is not None else data


def render_json(results: Sequence[tuple[str, Report]], *, single: bool | None = None) -> str:
    """JSON text (Chinese kept as is, 2-space indent) for ``(source, report)`` pairs.

    ``single`` (default: exactly one pair) gives the bare object instead of an array.
    """
    if single is None:
        single = len(results) == 1
    if single:
        if len(results) != 1:
            raise ValueError("single=True needs exactly one report")
        payload: Any = report_data(results[0][1])
    else:
        payload = [report_data(report, source) for source, report in results]
    return json.dumps(payload, ensure_ascii=False, indent=2)
