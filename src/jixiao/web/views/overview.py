"""The department overview: every project's monitoring lights and self-evaluation score of
one document at a glance, with an ECharts chart (the vendored ``echarts.min.js``)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from jixiao.lifecycle.monitoring import MonitoringResult, monitor_document
from jixiao.lifecycle.scoring import UnitScore, score_document
from jixiao.store.convert import document_from_row, project_from_row
from jixiao.store.models import DocumentRow, ProjectRow
from jixiao.web.deps import DB, CurrentUser, page
from jixiao.workbench.access import get_document
from jixiao.workbench.lifecycle import (
    STAGE_STATUS_LABELS,
    Schemes,
    installation_schemes,
    monitoring_result,
    score_result,
    stage_status,
)

router = APIRouter(include_in_schema=False)


@dataclass(frozen=True)
class ProjectLine:
    row: ProjectRow
    month: int | None
    monitoring: MonitoringResult | None
    monitoring_status: str
    score: UnitScore | None
    selfeval_status: str


def _chart(lines: list[ProjectLine]) -> dict[str, Any]:
    """Bars: each project's self-evaluation total and budget execution rate (percent)."""
    names = [f"{line.row.seq}、{line.row.name}" for line in lines]
    return {
        "option": {
            "tooltip": {"trigger": "axis"},
            "legend": {"top": 0, "data": ["自评得分", "预算执行率（%）"]},
            "grid": {"left": 56, "right": 16, "top": 36, "bottom": 8, "containLabel": True},
            "xAxis": {
                "type": "category",
                "data": names,
                "axisLabel": {"interval": 0, "rotate": 30, "width": 120, "overflow": "truncate"},
            },
            "yAxis": {"type": "value", "min": 0},
            "series": [
                {
                    "name": "自评得分",
                    "type": "bar",
                    "data": [
                        None if line.score is None else float(line.score.total) for line in lines
                    ],
                    "itemStyle": {"color": "#1f4e79"},
                },
                {
                    "name": "预算执行率（%）",
                    "type": "bar",
                    "data": [
                        None
                        if line.monitoring is None or line.monitoring.budget is None
                        else float(line.monitoring.budget.rate)
                        for line in lines
                    ],
                    "itemStyle": {"color": "#8aa9c9"},
                },
            ],
        },
        "links": [f"/projects/{line.row.id}/selfeval" for line in lines],
    }


def _department(
    doc_row: DocumentRow, schemes: Schemes
) -> tuple[MonitoringResult | None, UnitScore | None]:
    """The department's own records (部门整体, from an imported 自评表 or 填报表), if any."""
    doc = document_from_row(doc_row)
    if not doc.department.monitoring and doc.department.self_evaluation is None:
        return None, None
    only = doc.model_copy(update={"projects": []})
    monitoring = monitor_document(only, schemes.monitoring)
    scores = score_document(only, schemes.scoring)
    return (monitoring[0] if monitoring else None), (scores[0] if scores else None)


@router.get("/documents/{document_id}/overview")
def overview(request: Request, session: DB, user: CurrentUser, document_id: int) -> Response:
    doc_row = get_document(session, user, document_id)
    schemes = installation_schemes()
    lines = []
    for row in doc_row.projects:
        project = project_from_row(row)
        month = max((r.month for r in project.monitoring), default=None)
        lines.append(
            ProjectLine(
                row=row,
                month=month,
                monitoring=None
                if month is None
                else monitoring_result(project, month, schemes.monitoring),
                monitoring_status=STAGE_STATUS_LABELS[
                    stage_status(session, row.id, "monitor", month or 7)
                ],
                score=score_result(project, schemes.scoring),
                selfeval_status=STAGE_STATUS_LABELS[stage_status(session, row.id, "selfeval", 0)],
            )
        )
    department = _department(doc_row, schemes)
    scored = [line.score for line in lines if line.score is not None]
    grades: dict[str, int] = {}
    for s in scored:
        grades[s.grade] = grades.get(s.grade, 0) + 1
    lights: dict[str, int] = {}
    for line in lines:
        if line.monitoring is not None:
            lights[line.monitoring.light] = lights.get(line.monitoring.light, 0) + 1
    return page(
        request,
        "overview.html",
        user,
        doc_row=doc_row,
        lines=lines,
        department=department,
        grades=grades,
        lights=lights,
        # an empty chart is only axes: shown once a project has a score or an execution rate
        chart=json.dumps(_chart(lines), ensure_ascii=False) if _plotted(lines) else None,
    )


def _plotted(lines: list[ProjectLine]) -> bool:
    return any(
        line.score is not None
        or (line.monitoring is not None and line.monitoring.budget is not None)
        for line in lines
    )
