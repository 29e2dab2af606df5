"""``corpus build``: every input file read, reviewed and written to the dataset, resumably."""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from jixiao.corpus.dataset import CorpusDataset
from jixiao.corpus.engines import Engine
from jixiao.corpus.inputs import expand_inputs, read_source
from jixiao.corpus.records import SourceRef, doc_id_for
from jixiao.corpus.worker import process_chunk

__all__ = ["BuildSummary", "build_corpus", "chunk_size_for"]

MAX_CHUNK = 200
"""Documents per task: enough to amortise scheduling, small enough for a smooth progress bar."""


@dataclass(slots=True)
class BuildSummary:
    found: int = 0
    """Files the inputs name."""
    skipped: int = 0
    """Already in the corpus (by content), from an earlier run."""
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    """(file, the identical file kept instead)."""
    read: int = 0
    failed: int = 0


Progress = Callable[[int, int, int], None]
"""Called as (files finished, failures so far, files to do)."""


def chunk_size_for(files: int, workers: int) -> int:
    """Several chunks per worker (so no core idles at the end), at most ``MAX_CHUNK``."""
    return max(1, min(MAX_CHUNK, math.ceil(files / max(1, workers * 4))))


def _hash(ref: SourceRef) -> SourceRef:
    try:
        digest = hashlib.sha256(read_source(ref)).hexdigest()
    except Exception:  # unreadable here: the worker records why, under a hash of its name
        digest = "unreadable-" + hashlib.sha256(ref.key.encode("utf-8")).hexdigest()
    return replace(ref, sha256=digest)


def build_corpus(
    inputs: list[str],
    out: Path,
    engine: Engine,
    *,
    retry_failed: bool = False,
    on_hashing: Progress | None = None,
    on_progress: Progress | None = None,
) -> BuildSummary:
    refs = expand_inputs(inputs)  # before the dataset, so a wrong input creates no folder
    dataset = CorpusDataset(out)
    if retry_failed:
        dataset.forget_failures()
    summary = BuildSummary(found=len(refs))
    todo: list[SourceRef] = []
    first_of: dict[str, str] = {}
    for n, ref in enumerate(refs, 1):
        ref = _hash(ref)
        if on_hashing:
            on_hashing(n, 0, len(refs))
        if doc_id_for(ref.sha256) in dataset.done or ref.sha256 in dataset.failed:
            summary.skipped += 1
        elif ref.sha256 in first_of:
            summary.duplicates.append((ref.key, first_of[ref.sha256]))
        else:
            first_of[ref.sha256] = ref.key
            todo.append(ref)
    size = chunk_size_for(len(todo), getattr(engine, "workers", 1))
    chunks = [todo[i : i + size] for i in range(0, len(todo), size)]
    finished = 0
    if on_progress:
        on_progress(0, 0, len(todo))
    for result in engine.map_unordered(process_chunk, chunks):
        added, failed, _ = dataset.commit(result)
        summary.read += added
        summary.failed += failed
        finished += len(result.keys)
        if on_progress:
            on_progress(finished, summary.failed, len(todo))
    dataset.compact()
    dataset.write_manifest(
        inputs=[str(Path(i).resolve()) if Path(i).exists() else i for i in inputs],
        engine=engine.description,
        extra={
            "files": {
                "found": summary.found,
                "read": len(dataset.done),
                "failed": len(dataset.failed),
                "duplicates_this_run": len(summary.duplicates),
            },
            "duplicates": [{"file": a, "same_as": b} for a, b in summary.duplicates],
        },
    )
    return summary
