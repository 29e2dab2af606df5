"""The review report: findings, a score and grade per project, and a summary."""

from __future__ import annotations

from collections import Counter
from typing import Literal

from pydantic import BaseModel, Field

from jixiao.model import Document
from jixiao.review.config import GradingConfig
from jixiao.review.finding import Dimension, Finding
from jixiao.review.merge import codes_of

__all__ = ["GRADES", "ProjectGrade", "Report", "Summary", "grade_projects", "summarize"]

Grade = Literal["优", "良", "中", "差"]
GRADES: tuple[Grade, ...] = ("优", "良", "中", "差")

# Our six rule dimensions → the four 88号 review dimensions (25 points each by default).
REVIEW_DIMENSIONS: dict[Dimension, str] = {
    "完整性": "完整性",
    "规范性": "完整性",
    "相关性": "相关性",
    "一致性": "相关性",
    "适当性": "适当性",
    "可衡量性": "可行性",
}
_REVIEW_NAMES = ("完整性", "相关性", "适当性", "可行性")


class ProjectGrade(BaseModel):
    seq: int
    code: str | None
    name: str
    score: float
    grade: Grade
    dimension_scores: dict[str, float]
    counts: dict[str, int]


class Summary(BaseModel):
    source: str
    projects: int
    findings: int
    errors: int
    warnings: int
    infos: int
    score: float | None
    grade: Grade | None
    grades: dict[str, int]
    by_code: dict[str, int]
    fixable: int


class Report(BaseModel):
    findings: list[Finding] = Field(default_factory=list)
    projects: list[ProjectGrade] = Field(default_factory=list)
    summary: Summary

    @property
    def has_errors(self) -> bool:
        return any(f.severity == "error" for f in self.findings)


def _worse(a: Grade, b: Grade) -> bool:
    return GRADES.index(a) > GRADES.index(b)


def _grade(score: float, cfg: GradingConfig) -> Grade:
    if score >= cfg.excellent:
        return "优"
    if score >= cfg.good:
        return "良"
    if score >= cfg.fair:
        return "中"
    return "差"


def grade_projects(
    doc: Document, findings: list[Finding], cfg: GradingConfig
) -> list[ProjectGrade]:
    """Score = the sum over the four 88号 dimensions of max(0, points − deductions)."""
    deductions = {"error": cfg.error, "warning": cfg.warning, "info": cfg.info}
    by_seq: dict[int | None, list[Finding]] = {}
    for finding in findings:  # grouped once: filtering per project was quadratic
        if finding.project_seq is not None or not finding.merged:
            by_seq.setdefault(finding.project_seq, []).append(finding)
            continue
        # a finding merged over several projects counts once against each of them
        seqs: set[int | None] = {m.project_seq for m in finding.merged if m.project_seq is not None}
        for seq in seqs or {None}:
            by_seq.setdefault(seq, []).append(finding)
    out = []
    points = cfg.dimension_points
    for project in doc.projects:
        own = by_seq.get(project.seq, ())
        lost: dict[str, float] = dict.fromkeys(_REVIEW_NAMES, 0.0)
        counts = {"error": 0, "warning": 0, "info": 0}
        for finding in own:
            lost[REVIEW_DIMENSIONS[finding.dimension]] += deductions[finding.severity]
            counts[finding.severity] += 1
        dims = {name: round(max(0.0, points - lost[name]), 2) for name in _REVIEW_NAMES}
        score = round(sum(dims.values()), 2)
        grade = _grade(score, cfg)
        if counts["error"] and _worse(cfg.grade_with_errors, grade):
            grade = cfg.grade_with_errors
        out.append(
            ProjectGrade(
                seq=project.seq,
                code=project.code,
                name=project.name,
                score=score,
                grade=grade,
                dimension_scores=dims,
                counts=counts,
            )
        )
    return out


def _safe(finding: Finding) -> bool:
    return finding.fix is not None and finding.fix.safety == "safe"


def _codes(finding: Finding) -> tuple[str, ...]:
    """``codes_of`` without building anything for a finding that stands for itself alone."""
    return codes_of(finding) if finding.merged else (finding.code,)


def summarize(
    doc: Document, findings: list[Finding], grades: list[ProjectGrade], cfg: GradingConfig
) -> Summary:
    severities = Counter(f.severity for f in findings)
    score = round(sum(g.score for g in grades) / len(grades), 2) if grades else None
    grade = _grade(score, cfg) if score is not None else None
    if grade is not None and severities.get("error") and _worse(cfg.grade_with_errors, grade):
        grade = cfg.grade_with_errors
    return Summary(
        source=doc.source.name,
        projects=len(doc.projects),
        findings=len(findings),
        errors=severities.get("error", 0),
        warnings=severities.get("warning", 0),
        infos=severities.get("info", 0),
        score=score,
        grade=grade,
        grades={g: sum(1 for p in grades if p.grade == g) for g in GRADES},
        # every rule a finding stands for (a merged finding counts for each of its codes)
        by_code=dict(sorted(Counter(c for f in findings for c in _codes(f)).items())),
        fixable=sum(1 for f in findings if any(_safe(m) for m in f.merged or (f,))),
    )
