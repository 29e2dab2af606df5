"""One reviewed document as rows of the corpus tables (plain dicts, Arrow-ready)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from jixiao.corpus.terms import is_placeholder_indicator, is_vague
from jixiao.model import Budget, Document
from jixiao.review.report import Report

__all__ = ["Rows", "SourceRef", "doc_id_for", "document_rows", "to_wan"]

Rows = dict[str, list[dict[str, Any]]]
"""Table name → rows."""


@dataclass(frozen=True, slots=True)
class SourceRef:
    """One input file: a path, or a member of a ZIP archive (``archive.zip!folder/file``)."""

    key: str
    path: str
    member: str | None = None
    region: str | None = None
    sha256: str = ""
    """The content's hash, filled in before the work is scheduled (identity of a document)."""

    @property
    def file_name(self) -> str:
        return (self.member or self.path).replace("\\", "/").rsplit("/", 1)[-1]


def doc_id_for(sha256: str) -> str:
    """A document is its content: the same bytes under two names are one document."""
    return sha256[:20]


def to_wan(amount: Decimal | None, money_unit: str) -> float | None:
    if amount is None:
        return None
    return float(amount / 10000) if money_unit == "元" else float(amount)


def _amount(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(Decimal("0.000001"))


def document_rows(
    doc: Document, report: Report, ref: SourceRef, *, synthetic: bool = False
) -> Rows:
    doc_id = doc_id_for(ref.sha256 or doc.source.sha256)
    key = {"doc_id": doc_id, "fiscal_year": doc.fiscal_year}
    grades = {g.seq: g for g in report.projects}
    projects: list[dict[str, Any]] = []
    indicators: list[dict[str, Any]] = []
    units: dict[tuple[str | None, str | None], dict[str, Any]] = {}
    for project in doc.projects:
        grade = grades.get(project.seq)
        budget: Budget = project.budget
        wan = to_wan(budget.total, project.money_unit)
        projects.append(
            {
                **key,
                "region": ref.region,
                "seq": project.seq,
                "unit_code": project.unit.code,
                "unit_name": project.unit.name,
                "code": project.code,
                "name": project.name,
                "money_unit": project.money_unit,
                "budget_total": _amount(budget.total),
                "budget_fiscal": _amount(budget.fiscal),
                "budget_other": _amount(budget.other),
                "budget_wan": wan,
                "purpose": project.purpose,
                "goals": list(project.goals),
                "indicators": len(project.indicators),
                "score": grade.score if grade else None,
                "grade": grade.grade if grade else None,
            }
        )
        unit = units.setdefault(
            (project.unit.code, project.unit.name),
            {
                **key,
                "region": ref.region,
                "unit_code": project.unit.code,
                "unit_name": project.unit.name,
                "projects": 0,
                "budget_wan": None,
            },
        )
        unit["projects"] += 1
        if wan is not None:
            unit["budget_wan"] = (unit["budget_wan"] or 0.0) + wan
        for position, ind in enumerate(project.indicators):
            value = ind.value
            indicators.append(
                {
                    **key,
                    "region": ref.region,
                    "project_seq": project.seq,
                    "position": position,
                    "unit_code": project.unit.code,
                    "unit_name": project.unit.name,
                    "project_code": project.code,
                    "project_name": project.name,
                    "level1": ind.level1,
                    "level2": ind.level2,
                    "category": ind.category,
                    "name": ind.name,
                    "description": ind.description,
                    "value_text": ind.value_text,
                    "value_kind": value.kind,
                    "value_op": value.op,
                    "value_number": None if value.number is None else float(value.number),
                    "value_unit": value.unit,
                    "anomalies": list(value.anomalies),
                    "basis": ind.basis,
                    "weight": None if ind.weight is None else float(ind.weight),
                    "direction": ind.direction,
                    "core": ind.core,
                    "vague": is_vague(ind),
                    "placeholder": is_placeholder_indicator(ind),
                }
            )
    findings = [
        {
            **key,
            "region": ref.region,
            "code": f.code,
            "severity": f.severity,
            "dimension": f.dimension,
            "message": f.message,
            "project_seq": f.project_seq,
            "project_code": f.project_code,
            "indicator_index": f.indicator_index,
            "field": f.field,
            "text": f.text,
        }
        for f in report.findings
    ]
    summary = report.summary
    document = {
        **key,
        "source_key": ref.key,
        "file_name": ref.file_name,
        "region": ref.region,
        "sha256": ref.sha256,
        "format": doc.source.format,
        "title": doc.title,
        "units": len(units),
        "projects": len(doc.projects),
        "indicators": len(indicators),
        "warnings": len(doc.warnings),
        "findings": summary.findings,
        "errors": summary.errors,
        "score": summary.score,
        "grade": summary.grade,
        "overall_goals": list(doc.department.overall_goals),
        "synthetic": synthetic,
        "model_json": doc.to_json(indent=None),
    }
    return {
        "documents": [document],
        "units": list(units.values()),
        "projects": projects,
        "indicators": indicators,
        "findings": findings,
    }
