"""The corpus dataset's tables as Arrow schemas: the open format bulk readers load.

Every table is a folder of Parquet files under the corpus directory, partitioned by the
folder ``year=YYYY`` (``year=0``: the fiscal year was not recognised). The files themselves
carry ``fiscal_year`` (null when unknown), so a reader that ignores the folders loses nothing.
Amounts are exact decimals (``decimal128(24, 6)``) in the money unit the document printed
(``money_unit``); ``*_wan`` columns hold the same amount in 万元 as a float for statistics.
``docs/corpus.md`` documents every column; ``SCHEMA_VERSION`` changes when a column does.
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa

__all__ = ["AMOUNT", "SCHEMA_VERSION", "TABLES"]

SCHEMA_VERSION = "1"

AMOUNT = pa.decimal128(24, 6)
_TEXTS = pa.list_(pa.string())

_DOC_KEY: list[pa.Field[Any]] = [
    pa.field("doc_id", pa.string(), nullable=False),
    pa.field("fiscal_year", pa.int32()),
]

DOCUMENTS = pa.schema(
    [
        *_DOC_KEY,
        pa.field("source_key", pa.string(), nullable=False),
        pa.field("file_name", pa.string(), nullable=False),
        pa.field("region", pa.string()),
        pa.field("sha256", pa.string(), nullable=False),
        pa.field("format", pa.string(), nullable=False),
        pa.field("title", pa.string()),
        pa.field("units", pa.int32(), nullable=False),
        pa.field("projects", pa.int32(), nullable=False),
        pa.field("indicators", pa.int32(), nullable=False),
        pa.field("warnings", pa.int32(), nullable=False),
        pa.field("findings", pa.int32(), nullable=False),
        pa.field("errors", pa.int32(), nullable=False),
        pa.field("score", pa.float64()),
        pa.field("grade", pa.string()),
        pa.field("overall_goals", _TEXTS),
        pa.field("synthetic", pa.bool_(), nullable=False),
        # The whole document in the open jixiao JSON format (schemas/document.schema.json):
        # what `corpus import` loads into the workbench, and what any reader can re-analyse.
        pa.field("model_json", pa.string(), nullable=False),
    ]
)

UNITS = pa.schema(
    [
        *_DOC_KEY,
        pa.field("region", pa.string()),
        pa.field("unit_code", pa.string()),
        pa.field("unit_name", pa.string()),
        pa.field("projects", pa.int32(), nullable=False),
        pa.field("budget_wan", pa.float64()),
    ]
)

PROJECTS = pa.schema(
    [
        *_DOC_KEY,
        pa.field("region", pa.string()),
        pa.field("seq", pa.int32(), nullable=False),
        pa.field("unit_code", pa.string()),
        pa.field("unit_name", pa.string()),
        pa.field("code", pa.string()),
        pa.field("name", pa.string(), nullable=False),
        pa.field("money_unit", pa.string(), nullable=False),
        pa.field("budget_total", AMOUNT),
        pa.field("budget_fiscal", AMOUNT),
        pa.field("budget_other", AMOUNT),
        pa.field("budget_wan", pa.float64()),
        pa.field("purpose", pa.string()),
        pa.field("goals", _TEXTS),
        pa.field("indicators", pa.int32(), nullable=False),
        pa.field("score", pa.float64()),
        pa.field("grade", pa.string()),
    ]
)

INDICATORS = pa.schema(
    [
        *_DOC_KEY,
        pa.field("region", pa.string()),
        pa.field("project_seq", pa.int32(), nullable=False),
        pa.field("position", pa.int32(), nullable=False),
        pa.field("unit_code", pa.string()),
        pa.field("unit_name", pa.string()),
        pa.field("project_code", pa.string()),
        pa.field("project_name", pa.string(), nullable=False),
        pa.field("level1", pa.string(), nullable=False),
        pa.field("level2", pa.string(), nullable=False),
        pa.field("category", pa.string()),
        pa.field("name", pa.string(), nullable=False),
        pa.field("description", pa.string()),
        pa.field("value_text", pa.string(), nullable=False),
        pa.field("value_kind", pa.string(), nullable=False),
        pa.field("value_op", pa.string()),
        pa.field("value_number", pa.float64()),
        pa.field("value_unit", pa.string()),
        pa.field("anomalies", _TEXTS),
        pa.field("basis", pa.string()),
        pa.field("weight", pa.float64()),
        pa.field("direction", pa.string()),
        pa.field("core", pa.bool_()),
        pa.field("vague", pa.bool_(), nullable=False),
        pa.field("placeholder", pa.bool_(), nullable=False),
    ]
)

FINDINGS = pa.schema(
    [
        *_DOC_KEY,
        pa.field("region", pa.string()),
        pa.field("code", pa.string(), nullable=False),
        pa.field("severity", pa.string(), nullable=False),
        pa.field("dimension", pa.string(), nullable=False),
        pa.field("message", pa.string(), nullable=False),
        pa.field("project_seq", pa.int32()),
        pa.field("project_code", pa.string()),
        pa.field("indicator_index", pa.int32()),
        pa.field("field", pa.string()),
        pa.field("text", pa.string()),
    ]
)

FAILURES = pa.schema(
    [
        pa.field("source_key", pa.string(), nullable=False),
        pa.field("file_name", pa.string(), nullable=False),
        pa.field("region", pa.string()),
        pa.field("sha256", pa.string(), nullable=False),
        pa.field("reason", pa.string(), nullable=False),
        pa.field("message", pa.string(), nullable=False),
    ]
)

TABLES: dict[str, pa.Schema] = {
    "documents": DOCUMENTS,
    "units": UNITS,
    "projects": PROJECTS,
    "indicators": INDICATORS,
    "findings": FINDINGS,
    "failures": FAILURES,
}
"""Table name → schema. ``failures`` is not partitioned by year (a failed file has none)."""
