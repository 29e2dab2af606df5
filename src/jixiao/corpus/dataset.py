"""The corpus directory: Parquet parts committed chunk by chunk, so a killed build resumes.

A chunk's parts are written to ``_staging/``, then a journal entry naming them is written
atomically, then they are moved into place. On opening, journal entries whose moves did not
finish are completed and anything else left in ``_staging/`` is deleted: a kill at any
moment leaves every chunk either fully in the dataset or not at all (no duplicate, no gap).
The journal also says which documents (by content hash) are done, for resuming. At the end of
a build the per-chunk parts are merged into one file per table and year (``compaction``).
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from jixiao import __version__
from jixiao._exceptions import JixiaoError
from jixiao.corpus.compaction import compact, finish_compaction
from jixiao.corpus.schema import SCHEMA_VERSION, TABLES
from jixiao.corpus.worker import ChunkResult

__all__ = ["MANIFEST", "CorpusDataset", "CorpusError"]

MANIFEST = "manifest.json"
_JOURNAL = "_journal"
_STAGING = "_staging"


_pc: Any = pc  # its stubs refuse a column beside a scalar


class CorpusError(JixiaoError):
    """The corpus directory can't be used (not a corpus, unreadable, …)."""


def _year_folder(year: int | None) -> str:
    return f"year={year or 0}"


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


class CorpusDataset:
    def __init__(self, root: Path) -> None:
        self.root = root
        manifest = root / MANIFEST
        if root.exists() and any(root.iterdir()) and not manifest.exists():
            raise CorpusError(
                "这个文件夹不是空的，也不是 jixiao 语料库",
                source=str(root),
                hint="请指定一个新的（或空的）文件夹，或之前 corpus build 生成的语料库文件夹。",
            )
        if manifest.exists():
            self._check_manifest(manifest)
        else:
            root.mkdir(parents=True, exist_ok=True)
            now = datetime.now(UTC).isoformat(timespec="seconds")
            start = {"format": "jixiao-corpus", "schema_version": SCHEMA_VERSION, "created": now}
            _write_atomic(manifest, json.dumps(start, ensure_ascii=False, indent=2))
        (root / _JOURNAL).mkdir(exist_ok=True)
        self._recover()
        self.done: set[str] = set()
        self.failed: set[str] = set()
        for entry in self._entries():
            self.done.update(entry["documents"])
            self.failed.update(entry["failed"])

    def _check_manifest(self, path: Path) -> None:
        try:
            manifest = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raise CorpusError(
                "语料库的 manifest.json 已损坏，无法读取", source=str(self.root)
            ) from None
        if manifest.get("format") != "jixiao-corpus":
            raise CorpusError("这个文件夹不是 jixiao 语料库", source=str(self.root))
        if manifest.get("schema_version") != SCHEMA_VERSION:
            raise CorpusError(
                f"语料库的数据格式版本是 {manifest.get('schema_version')}，"
                f"当前 jixiao 使用版本 {SCHEMA_VERSION}",
                source=str(self.root),
                hint="请用新的文件夹重新生成语料库。",
            )

    # -- journal ------------------------------------------------------------------------------

    def _entries(self) -> list[dict[str, Any]]:
        out = []
        for path in sorted((self.root / _JOURNAL).glob("*.json")):
            out.append(json.loads(path.read_text(encoding="utf-8")))
        return out

    def _recover(self) -> None:
        staging = self.root / _STAGING
        for entry in self._entries():
            for staged, final in entry["moves"]:
                src, dst = staging / staged, self.root / final
                if src.exists() and not dst.exists():
                    dst.parent.mkdir(parents=True, exist_ok=True)
                    os.replace(src, dst)
        finish_compaction(self.root, staging)
        if staging.exists():
            shutil.rmtree(staging)

    # -- writing ------------------------------------------------------------------------------

    def commit(self, result: ChunkResult) -> tuple[int, int, int]:
        """Write one chunk; returns (documents added, failures added, duplicates dropped)."""
        documents = result.tables.get("documents")
        ids = [] if documents is None else [str(d) for d in documents["doc_id"].to_pylist()]
        # Two identical files in one chunk, or a file done earlier: keep the first, once.
        firsts: set[str] = set()
        keep = []
        for n, doc_id in enumerate(ids):
            if doc_id not in self.done and doc_id not in firsts:
                firsts.add(doc_id)
                keep.append(n)
        duplicates = len(ids) - len(keep)
        failures = [f for f in result.failures if f["sha256"] not in self.failed]
        tables: dict[str, pa.Table] = {}
        if failures:
            tables["failures"] = pa.Table.from_pylist(failures, schema=TABLES["failures"])
        kept = pa.array(sorted(firsts), pa.string())
        for name, table in result.tables.items():
            if name == "documents":
                tables[name] = table.take(pa.array(keep, pa.int64()))
            else:
                tables[name] = table.filter(_pc.is_in(table.column("doc_id"), value_set=kept))
        chunk = uuid.uuid4().hex[:16]
        staging = self.root / _STAGING
        staging.mkdir(exist_ok=True)
        moves: list[tuple[str, str]] = []
        for name, table in tables.items():
            if table.num_rows == 0:
                continue
            if name == "failures":
                groups = [("", table)]
            else:
                years = _pc.fill_null(table.column("fiscal_year"), 0)
                groups = [
                    (_year_folder(year), table.filter(_pc.equal(years, year)))
                    for year in sorted(_pc.unique(years).to_pylist())
                ]
            for folder, group in groups:
                staged = f"{name}-{folder or 'all'}-{chunk}.parquet"
                pq.write_table(group, staging / staged, compression="zstd")
                final = "/".join(p for p in (name, folder, f"part-{chunk}.parquet") if p)
                moves.append((staged, final))
        entry = {
            "chunk": chunk,
            "documents": sorted(firsts),
            "failed": sorted({f["sha256"] for f in failures}),
            "moves": moves,
        }
        _write_atomic(self.root / _JOURNAL / f"{chunk}.json", json.dumps(entry))
        for staged, final in moves:
            dst = self.root / final
            dst.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / staged, dst)
        staging.rmdir()
        self.done.update(firsts)
        self.failed.update(entry["failed"])
        return len(keep), len(failures), duplicates

    def compact(self) -> int:
        """One file per table and year instead of one per chunk (``corpus.compaction``)."""
        staging = self.root / _STAGING
        removed = compact(self.root, staging)
        if staging.exists():
            shutil.rmtree(staging)
        return removed

    def forget_failures(self) -> None:
        """``--retry-failed``: failed files are read again (their old rows are removed)."""
        for path in sorted((self.root / _JOURNAL).glob("*.json")):
            entry = json.loads(path.read_text(encoding="utf-8"))
            if not entry["failed"]:
                continue
            kept = []
            for staged, final in entry["moves"]:
                if final.startswith("failures/"):
                    (self.root / final).unlink(missing_ok=True)
                else:
                    kept.append([staged, final])
            entry["moves"], entry["failed"] = kept, []
            _write_atomic(path, json.dumps(entry))
        self.failed.clear()

    # -- reading ------------------------------------------------------------------------------

    def files(self, table: str) -> list[Path]:
        return sorted((self.root / table).rglob("*.parquet"))

    def counts(self) -> dict[str, int]:
        return {
            name: sum(pq.read_metadata(p).num_rows for p in self.files(name)) for name in TABLES
        }

    def write_manifest(self, *, inputs: list[str], engine: str, extra: dict[str, Any]) -> None:
        path = self.root / MANIFEST
        old = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        now = datetime.now(UTC).isoformat(timespec="seconds")
        manifest = {
            "format": "jixiao-corpus",
            "schema_version": SCHEMA_VERSION,
            "jixiao_version": __version__,
            "pyarrow_version": pa.__version__,
            "created": old.get("created", now),
            "updated": now,
            "inputs": sorted({*old.get("inputs", []), *inputs}),
            "engine": engine,
            "tables": {
                name: {"path": f"{name}/", "partitioning": "none" if name == "failures" else "year"}
                for name in TABLES
            },
            "counts": self.counts(),
            **extra,
        }
        _write_atomic(path, json.dumps(manifest, ensure_ascii=False, indent=2))
