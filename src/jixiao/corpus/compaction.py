"""Small Parquet parts merged into one file per table and year at the end of a build.

Each chunk commits its own parts (so a killed build resumes), which leaves chunks × tables ×
years small files: 1,250 for 10,000 documents, and readers (DuckDB, pandas) pay per file.
``compact`` streams a folder's small parts into one file through a ``ParquetWriter`` (one
part in memory at a time, row groups of bounded size), then swaps them in the way a chunk is
committed: the merged file is written to ``_staging/``, a plan naming it and the parts it
replaces is written atomically, then it is moved in and the parts deleted. A kill before the
plan leaves the parts; after it, ``finish_compaction`` (run when the corpus is opened) ends
the swap. Files already large (an earlier compaction's) are left as they are.
"""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from jixiao.corpus.schema import TABLES

__all__ = ["PLAN", "compact", "finish_compaction"]

PLAN = "_compaction.json"
SMALL_FILE = 64 * 1024 * 1024
"""Parts smaller than this (bytes on disk) are merged."""
ROW_GROUP_BYTES = 16 * 1024 * 1024
"""At most this much of one table's rows is held at a time (row groups of about this size)."""
ROW_GROUP_ROWS = 256 * 1024


def _merge(parts: list[Path], schema: pa.Schema, target: Path) -> None:
    buffered: list[pa.Table] = []
    size = rows = 0
    with pq.ParquetWriter(target, schema, compression="zstd") as writer:
        for part in parts:
            table = pq.read_table(part, schema=schema)
            buffered.append(table)
            size += table.nbytes
            rows += table.num_rows
            if size >= ROW_GROUP_BYTES or rows >= ROW_GROUP_ROWS:
                writer.write_table(pa.concat_tables(buffered), row_group_size=ROW_GROUP_ROWS)
                buffered, size, rows = [], 0, 0
        if buffered:
            writer.write_table(pa.concat_tables(buffered), row_group_size=ROW_GROUP_ROWS)


def compact(root: Path, staging: Path) -> int:
    """Merge the small parts of every table-year folder that has several; returns the number
    of files removed. ``failures`` is left alone (``--retry-failed`` deletes its parts)."""
    plan: list[tuple[str, str, list[str]]] = []
    for name, schema in TABLES.items():
        if name == "failures" or not (root / name).is_dir():
            continue
        for folder in sorted(p for p in (root / name).iterdir() if p.is_dir()):
            parts = sorted(p for p in folder.glob("*.parquet") if p.stat().st_size < SMALL_FILE)
            if len(parts) < 2:
                continue
            staging.mkdir(exist_ok=True)
            tag = uuid.uuid4().hex[:16]
            staged = f"compact-{name}-{folder.name}-{tag}.parquet"
            _merge(parts, schema, staging / staged)
            final = f"{name}/{folder.name}/part-{tag}.parquet"
            plan.append((staged, final, [p.relative_to(root).as_posix() for p in parts]))
    if not plan:
        return 0
    tmp = root / f".{PLAN}.{uuid.uuid4().hex}.tmp"
    tmp.write_text(json.dumps(plan), encoding="utf-8")
    os.replace(tmp, root / PLAN)
    finish_compaction(root, staging)
    return sum(len(old) - 1 for _, _, old in plan)


def finish_compaction(root: Path, staging: Path) -> None:
    """Complete a compaction whose plan was written (after a kill, on the next open)."""
    path = root / PLAN
    if not path.exists():
        return
    for staged, final, old in json.loads(path.read_text(encoding="utf-8")):
        if (staging / staged).exists():
            os.replace(staging / staged, root / final)
        if not (root / final).exists():  # never delete parts whose merged file is not in place
            continue
        for part in old:
            (root / part).unlink(missing_ok=True)
    path.unlink()
