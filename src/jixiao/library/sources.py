"""Where library records come from: a corpus (its Parquet indicators) or documents in hand
(the workbench's database). Template text left in (placeholders) never enters a library."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from jixiao.library.build import IndicatorRecord
from jixiao.model import Document

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

__all__ = ["records_from_corpus", "records_from_documents", "records_from_store"]


def records_from_corpus(root: Path) -> Iterator[IndicatorRecord]:
    """Every indicator of the corpus at ``root`` (see docs/corpus.md), read with DuckDB."""
    from jixiao.corpus.stats import connect

    con = connect(root)
    cursor = con.execute(
        "SELECT name, level1, level2, category, value_text, value_op, value_number, value_unit,"
        " unit_name, doc_id FROM indicators WHERE NOT placeholder"
    )
    while batch := cursor.fetchmany(10_000):
        for row in batch:
            yield IndicatorRecord(*row)


def records_from_documents(docs: Iterable[tuple[str, Document]]) -> Iterator[IndicatorRecord]:
    """Every indicator of ``(document id, document)`` pairs."""
    from jixiao.corpus.terms import is_placeholder_indicator

    for doc_id, doc in docs:
        for project in doc.projects:
            for ind in project.indicators:
                if is_placeholder_indicator(ind):
                    continue
                value = ind.value
                yield IndicatorRecord(
                    name=ind.name,
                    level1=ind.level1,
                    level2=ind.level2,
                    category=ind.category,
                    value_text=ind.value_text,
                    value_op=value.op,
                    value_number=None if value.number is None else float(value.number),
                    value_unit=value.unit,
                    unit_name=project.unit.name,
                    doc_id=doc_id,
                )


def records_from_store(session: Session) -> list[IndicatorRecord]:
    """Every indicator stored in the workbench's database, in one query."""
    from sqlalchemy import select

    from jixiao.review.rules._text_terms import is_placeholder
    from jixiao.store.models import IndicatorRow, ProjectRow, UnitRow

    rows = session.execute(
        select(
            IndicatorRow.name,
            IndicatorRow.level1,
            IndicatorRow.level2,
            IndicatorRow.category,
            IndicatorRow.value_text,
            IndicatorRow.value,
            IndicatorRow.description,
            UnitRow.name,
            ProjectRow.document_id,
        )
        .join(ProjectRow, IndicatorRow.project_id == ProjectRow.id)
        .outerjoin(UnitRow, ProjectRow.unit_id == UnitRow.id)
    ).all()
    out = []
    for name, l1, l2, category, text, value, description, unit, doc in rows:
        if is_placeholder(name) or is_placeholder(description) or is_placeholder(text, value=True):
            continue
        number = (value or {}).get("number")
        out.append(
            IndicatorRecord(
                name=name,
                level1=l1,
                level2=l2,
                category=category,
                value_text=text,
                value_op=(value or {}).get("op"),
                value_number=None if number is None else float(number),
                value_unit=(value or {}).get("unit"),
                unit_name=unit,
                doc_id=str(doc),
            )
        )
    return out
