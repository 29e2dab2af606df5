"""The review as one self-contained, printable HTML page (审核意见) a reviewer can send to the unit.

The page has inline CSS and no external assets (no scripts, fonts, images or links to fetch),
so it opens offline and prints cleanly (``@media print``). Jinja2 autoescaping is on: text from
documents (names, quoted 原文, messages) can never become markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

import jinja2

from jixiao import __version__
from jixiao.model import Document, Project
from jixiao.review.config import GradingConfig
from jixiao.review.finding import Finding
from jixiao.review.output.labels import (
    SEVERITY_LABELS,
    advice,
    code_label,
    describe_position,
    describe_source,
    document_findings,
    format_score,
    project_findings,
    projects_by_seq,
    rule_name,
    summary_text,
)
from jixiao.review.report import GRADES, ProjectGrade, Report

__all__ = ["render_html"]

_TEMPLATE = "review.html"
_CENT = Decimal("0.01")


@dataclass(frozen=True)
class FindingRow:
    severity: str
    severity_label: str
    code: str
    rule_name: str
    position: str
    source: str
    message: str
    text: str | None
    advice: list[str]
    fix_safe: bool


@dataclass(frozen=True)
class DimensionScore:
    name: str
    score: str
    points: str
    percent: float


@dataclass(frozen=True)
class ProjectCard:
    seq: int
    code: str | None
    name: str
    unit: str | None
    budget: str | None
    score: str
    grade: str
    dimensions: list[DimensionScore]
    counts: dict[str, int]
    findings: list[FindingRow] = field(default_factory=list)


def _row(finding: Finding, project: Project | None) -> FindingRow:
    return FindingRow(
        severity=finding.severity,
        severity_label=SEVERITY_LABELS[finding.severity],
        code=code_label(finding),
        rule_name=rule_name(finding.code),
        position=describe_position(finding, project),
        source=describe_source(finding.source),
        message=finding.message,
        text=finding.text,
        advice=(advice(finding) or "").splitlines(),
        fix_safe=finding.fix is not None and finding.fix.safety == "safe",
    )


def _budget(project: Project | None) -> str | None:
    if project is None or project.budget.total is None:
        return None
    return f"{project.budget.total.quantize(_CENT):,} {project.money_unit}"


def _card(
    grade: ProjectGrade, project: Project | None, rows: list[FindingRow], points: float
) -> ProjectCard:
    dimensions = [
        DimensionScore(
            name=name,
            score=format_score(score),
            points=format_score(points),
            percent=round(100 * score / points, 1) if points else 0.0,
        )
        for name, score in grade.dimension_scores.items()
    ]
    return ProjectCard(
        seq=grade.seq,
        code=grade.code,
        name=grade.name,
        unit=project.unit.name if project is not None else None,
        budget=_budget(project),
        score=format_score(grade.score),
        grade=grade.grade,
        dimensions=dimensions,
        counts=grade.counts,
        findings=rows,
    )


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("jixiao.review.output", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_html(
    doc: Document,
    report: Report,
    *,
    reviewed_at: datetime | None = None,
    grading: GradingConfig | None = None,
) -> str:
    """The HTML page for one document's review.

    ``reviewed_at`` is shown as 审核时间 (default: now, local time); ``grading`` is the
    configuration the report was graded with (for the full marks and the scoring note).
    """
    grading = grading or GradingConfig()
    dimension_points = grading.dimension_points
    projects = projects_by_seq(doc)
    cards = [
        _card(
            grade,
            projects.get(grade.seq),
            [
                _row(f, projects.get(grade.seq))
                for f in project_findings(report.findings, grade.seq)
            ],
            dimension_points,
        )
        for grade in report.projects
    ]
    when = reviewed_at or datetime.now().astimezone()
    summary = report.summary
    context = {
        "source": doc.source.name,
        "title": doc.title,
        "fiscal_year": doc.fiscal_year,
        "reviewed_at": when.strftime("%Y-%m-%d %H:%M"),
        "summary": summary,
        "summary_text": summary_text(summary),
        "average": format_score(summary.score) if summary.score is not None else None,
        "grades": [(grade, summary.grades.get(grade, 0)) for grade in GRADES],
        "by_code": [(code, rule_name(code), count) for code, count in summary.by_code.items()],
        "document_findings": [_row(f, None) for f in document_findings(report.findings)],
        "cards": cards,
        "grading": {
            "points": format_score(grading.dimension_points),
            "error": format_score(grading.error),
            "warning": format_score(grading.warning),
            "info": format_score(grading.info),
            "excellent": format_score(grading.excellent),
            "good": format_score(grading.good),
            "fair": format_score(grading.fair),
            "with_errors": grading.grade_with_errors,
        },
        "version": __version__,
    }
    return _environment().get_template(_TEMPLATE).render(context)
