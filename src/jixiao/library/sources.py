"""Where library records come from: a corpus (its Parquet indicators) or documents in hand
(the workbench's database). Template text left in (placeholders) never enters a library."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from jixiao.library.build import IndicatorRecord
from jixiao.model import Document

__all__ = ["records_from_corpus", "records_from_documents"]


def records_from_corpus(root: Path) -> Iterator[IndicatorRecord]:
    """Every indicator of the corpus at ``root`` (see docs/corpus.md), read with DuckDB."""
    from jixiao.corpus.stats import _connect  # the corpus's tables as DuckDB views

    con = _connect(root)
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
