"""The per-chunk work of ``corpus build``: read, review and flatten a few hundred files.

Module-level functions only: process pools and Dask workers import this module and pickle
the chunk (a list of ``SourceRef``) and the result (plain rows), never closures.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

from jixiao._exceptions import JixiaoError
from jixiao.corpus.inputs import read_source
from jixiao.corpus.records import Rows, SourceRef, document_rows
from jixiao.corpus.schema import TABLES

__all__ = ["SYNTHETIC_PREFIX", "ChunkResult", "process_chunk"]

SYNTHETIC_PREFIX = "synthetic-"
"""Files whose name starts with this were made by ``corpus generate`` (marked in the data)."""


@dataclass(slots=True)
class ChunkResult:
    tables: dict[str, pa.Table] = field(default_factory=dict)
    """Per table, the chunk's rows as Arrow, built here in the worker: they travel to the
    parent as compact buffers and the parent only filters and writes them."""
    failures: list[dict[str, Any]] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)
    """Every source key the chunk covered, read or failed."""


def _failure(ref: SourceRef, reason: str, message: str) -> dict[str, Any]:
    return {
        "source_key": ref.key,
        "file_name": ref.file_name,
        "region": ref.region,
        "sha256": ref.sha256,
        "reason": reason,
        "message": message,
    }


def process_chunk(refs: list[SourceRef]) -> ChunkResult:
    """Never raises for a bad file: each failure is a row with its Chinese message."""
    from jixiao._exceptions import os_reason
    from jixiao.reading import read_bytes
    from jixiao.review import review

    result = ChunkResult()
    rows: Rows = {}
    for ref in refs:
        result.keys.append(ref.key)
        try:
            data = read_source(ref)
            doc = read_bytes(data, name=ref.file_name)
            report = review(doc)
        except JixiaoError as exc:
            result.failures.append(_failure(ref, type(exc).__name__, str(exc)))
            continue
        except OSError as exc:
            message = f"{ref.key}：无法读取文件（{os_reason(exc)}）"
            result.failures.append(_failure(ref, "OSError", message))
            continue
        except Exception as exc:  # a reader defect must not stop a corpus of thousands
            message = f"{ref.key}：处理时发生意外错误（{type(exc).__name__}），这是 jixiao 的缺陷"
            result.failures.append(_failure(ref, "InternalError", message))
            continue
        synthetic = ref.file_name.startswith(SYNTHETIC_PREFIX)
        for table, records in document_rows(doc, report, ref, synthetic=synthetic).items():
            rows.setdefault(table, []).extend(records)
    result.tables = {
        name: pa.Table.from_pylist(records, schema=TABLES[name])
        for name, records in rows.items()
        if records
    }
    return result
