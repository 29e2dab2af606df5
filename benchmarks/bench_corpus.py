"""``corpus build`` and ``corpus stats`` on a generated corpus: documents/s with 1 and with N
processes (the speed-up), the projected time for 100,000 documents, the statistics' time, and
peak memory (RSS of the parent and of the busiest worker) at two corpus sizes.

    python benchmarks/bench_corpus.py --documents 10000          # the issue's figure
    python benchmarks/bench_corpus.py --documents 1000 --small 200

Each build runs in a fresh child process (so peak RSS is the build's own), on a corpus made
once by ``corpus generate`` (units × 5 years). CPU seconds of the child and its workers are
reported beside wall time: on a busy machine compare CPU time, not wall time.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from jixiao.corpus.build import build_corpus
from jixiao.corpus.engines import make_engine
from jixiao.corpus.stats import compute_stats
inputs, out, workers = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
engine = make_engine("local", workers, None)
t0 = time.perf_counter()
summary = build_corpus([inputs], out, engine)
build = time.perf_counter() - t0
engine.close()
t0 = time.perf_counter()
compute_stats(out)
stats = time.perf_counter() - t0
me = resource.getrusage(resource.RUSAGE_SELF)
kids = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({
    "read": summary.read, "failed": summary.failed, "build_s": build, "stats_s": stats,
    "cpu_s": me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime,
    "rss_parent_mb": me.ru_maxrss / 1024, "rss_worker_mb": kids.ru_maxrss / 1024,
}))
"""


def _run(inputs: Path, out: Path, workers: int) -> dict[str, float]:
    shutil.rmtree(out, ignore_errors=True)
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(inputs), str(out), str(workers)],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _generate(root: Path, documents: int) -> Path:
    from jixiao.corpus.synth import generate_corpus

    years = (2021, 2022, 2023, 2024, 2025)
    units = math.ceil(documents / len(years))
    generate_corpus(root, units=units, years=years, seed=1)
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--small", type=int, default=1_000, help="the smaller size for memory")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    print(f"{time.strftime('%Y-%m-%d %H:%M')}  CPU cores: {os.cpu_count()}")
    with tempfile.TemporaryDirectory(prefix="bench-corpus-") as tmp:
        root = Path(tmp)
        rows = []
        for size in sorted({args.small, args.documents}):
            inputs = _generate(root / f"in-{size}", size)
            for workers in (1, args.workers) if size == args.documents else (args.workers,):
                r = _run(inputs, root / "out", workers)
                rows.append((size, workers, r))
                print(
                    f"{size:>6} docs  {workers} proc  build {r['build_s']:7.1f} s "
                    f"({r['read'] / r['build_s']:6.1f} docs/s, CPU {r['cpu_s']:7.1f} s)  "
                    f"stats {r['stats_s']:5.1f} s  peak RSS parent {r['rss_parent_mb']:6.0f} MB"
                    f" / worker {r['rss_worker_mb']:6.0f} MB",
                    flush=True,
                )
        big = {w: r for s, w, r in rows if s == args.documents}
        one, many = big[1], big[args.workers]
        speedup = one["build_s"] / many["build_s"]
        print(f"\nspeed-up {args.workers} processes / 1 process (wall): {speedup:.2f}×")
        rate = many["read"] / many["build_s"]
        print(
            f"projected for 100,000 documents, {args.workers} processes: {1e5 / rate / 60:.0f} min"
        )


if __name__ == "__main__":
    main()
