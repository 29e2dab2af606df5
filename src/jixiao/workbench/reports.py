"""Review reports of stored documents, rebuilt from their saved findings."""

from __future__ import annotations

from sqlalchemy.orm import Session

from jixiao.model import Document
from jixiao.review import Report, review
from jixiao.review.config import GradingConfig
from jixiao.review.finding import Finding
from jixiao.review.report import grade_projects, summarize
from jixiao.store.convert import document_from_row, load_findings
from jixiao.store.models import DocumentRow

__all__ = ["report_from_findings", "review_row", "stored_report"]


def review_row(row: DocumentRow) -> Report:
    return review(document_from_row(row))


def stored_report(session: Session, row: DocumentRow, doc: Document) -> Report:
    """The review report from the findings saved with the document.

    Every change to a document re-runs the review and saves its findings (import, edits,
    fixes), so pages rebuild the report from them instead of running all rules per view;
    scores and grades are recomputed from the findings with the default grading.
    """
    return report_from_findings(doc, load_findings(session, row.id))


def report_from_findings(doc: Document, findings: list[Finding]) -> Report:
    """The review report of ``doc`` rebuilt from its stored findings (default grading)."""
    grading = GradingConfig()
    grades = grade_projects(doc, findings, grading)
    return Report(
        findings=findings, projects=grades, summary=summarize(doc, findings, grades, grading)
    )
