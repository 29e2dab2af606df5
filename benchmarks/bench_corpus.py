"""``corpus build`` and ``corpus stats`` at scale: documents/s with 1 and N processes, the
speed-up and the serial fraction behind it, the projection to 100,000 documents, the
statistics' cost, and peak memory (parent + workers) at each corpus size.

    nice python benchmarks/bench_corpus.py                          # 1,000 and 10,000 documents
    nice python benchmarks/bench_corpus.py --sizes 200,1000         # a quick look

Each corpus is made once by ``corpus generate`` (units × 5 years, in a child process). Each
build and each ``corpus stats`` runs in a fresh child process, so its peak memory is its own;
a thread samples the resident memory of that process and of all its workers every 50 ms and
keeps the peaks (the parent's, the largest worker's, and the sum); its own CPU time is left
out of the figures. The build is timed in
phases, each with the parent's CPU time: hashing (serial, in the parent), the chunks (in the
workers; the parent writes each finished chunk meanwhile) and the end (compaction and
manifest, serial). The workers' CPU time comes from ``RUSAGE_CHILDREN`` after the pool is shut.

On a machine shared with other work, wall times mean little: the honest figures are CPU
seconds. The speed-up is given twice: measured (wall, 1 process / N processes) and expected
on N idle cores from the CPU seconds of the N-process run (Amdahl: the serial phases plus the
parallel work divided by N, the parent's chunk writing counted as a share of one core).
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
from typing import Any

_SAMPLER = r"""
import os, threading, time
import psutil
PEAK = {"parent": 0, "worker": 0, "total": 0}
SAMPLER = {"cpu": 0.0}
def _sample():
    # The children are listed once a second (psutil scans /proc for them, which is costly);
    # the sampler's own CPU time is published so that the figures can leave it out.
    me = psutil.Process(os.getpid())
    kids, listed = [], 0.0
    while True:
        if time.monotonic() - listed > 1.0:
            kids, listed = me.children(recursive=True), time.monotonic()
        rss = me.memory_info().rss
        sizes = []
        for kid in kids:
            try:
                sizes.append(kid.memory_info().rss)
            except psutil.Error:
                pass
        PEAK["parent"] = max(PEAK["parent"], rss)
        PEAK["worker"] = max([PEAK["worker"], *sizes])
        PEAK["total"] = max(PEAK["total"], rss + sum(sizes))
        SAMPLER["cpu"] = time.thread_time()
        time.sleep(0.05)
threading.Thread(target=_sample, daemon=True).start()
MB = 1024 * 1024
def cpu():
    return time.process_time() - SAMPLER["cpu"]
"""

_BUILD = (
    _SAMPLER
    + r"""
import json, resource, sys
from pathlib import Path
from jixiao.corpus.build import build_corpus
from jixiao.corpus.engines import make_engine
inputs, out, workers = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
marks = {}
def mark(name):
    marks[name] = (time.perf_counter(), cpu())
def progress(done, failed, todo):
    if "hashed" not in marks:
        mark("hashed")
    mark("mapped")
if __name__ == "__main__":
    engine = make_engine("local", workers, None)
    mark("start")
    summary = build_corpus([inputs], out, engine, on_progress=progress)
    mark("end")
    engine.close()
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    time.sleep(0.1)
    phase = {}
    for a, b in (("start", "hashed"), ("hashed", "mapped"), ("mapped", "end")):
        phase[b] = {"wall": marks[b][0] - marks[a][0], "cpu": marks[b][1] - marks[a][1]}
    files = sum(1 for _ in out.rglob("*.parquet"))
    print(json.dumps({
        "read": summary.read, "failed": summary.failed, "phase": phase,
        "wall": marks["end"][0] - marks["start"][0],
        "parent_cpu": marks["end"][1] - marks["start"][1],
        "worker_cpu": kids.ru_utime + kids.ru_stime, "files": files,
        "rss": {k: v / MB for k, v in PEAK.items()},
    }))
"""
)

_STATS = (
    _SAMPLER
    + r"""
import json, sys
from pathlib import Path
from jixiao.corpus.stats import compute_stats
w, c = time.perf_counter(), cpu()
tables = compute_stats(Path(sys.argv[1]))
used, wall = cpu() - c, time.perf_counter() - w
time.sleep(0.1)
pairs = {t.key: t.rows for t in tables}["near_duplicate_goals_by_year"]
print(json.dumps({"cpu": used, "wall": wall, "rss": PEAK["total"] / MB,
                  "goal_pairs": sum(r[1] for r in pairs)}))
"""
)

_GENERATE = r"""
import sys
from pathlib import Path
from jixiao.corpus.synth import generate_corpus
generate_corpus(Path(sys.argv[1]), units=int(sys.argv[2]),
                years=(2021, 2022, 2023, 2024, 2025), seed=1)
print("{}")
"""


def _child(script: str, *args: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-c", script, *args], check=True, capture_output=True, text=True
    )
    last = [line for line in done.stdout.splitlines() if line.startswith("{")][-1]
    result: dict[str, Any] = json.loads(last)
    return result


def _serial_cpu(r: dict[str, Any]) -> float:
    return float(r["phase"]["hashed"]["cpu"] + r["phase"]["end"]["cpu"])


def _expected_speedup(one: dict[str, Any], many: dict[str, Any], workers: int) -> float:
    """1-process CPU time over the time N idle cores would need for the N-process run: the
    serial phases, then the larger of the workers' share and the parent's chunk writing."""
    total_one = one["parent_cpu"] + one["worker_cpu"]
    parallel = many["worker_cpu"] + many["phase"]["mapped"]["cpu"]
    busy = max(parallel / workers, many["phase"]["mapped"]["cpu"])
    return float(total_one / (_serial_cpu(many) + busy))


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000", help="corpus sizes, comma-separated")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--keep", type=Path, help="keep the corpora and results here (a rerun reuses them)"
    )
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    print(
        f"{time.strftime('%Y-%m-%d %H:%M')}  CPU cores: {os.cpu_count()}  "
        f"load: {' '.join(f'{x:.1f}' for x in os.getloadavg())}",
        flush=True,
    )
    tmp = args.keep or Path(tempfile.mkdtemp(prefix="bench-corpus-"))
    results: dict[tuple[int, int], dict[str, Any]] = {}
    try:
        for size in sizes:
            inputs = tmp / f"in-{size}"
            if not inputs.exists():
                _child(_GENERATE, str(inputs), str(math.ceil(size / 5)))
            for workers in (1, args.workers):
                out = tmp / f"out-{size}-{workers}"
                saved = tmp / f"result-{size}-{workers}.json"
                if saved.exists():  # measured by an earlier run kept with --keep
                    results[(size, workers)] = r = json.loads(saved.read_text(encoding="utf-8"))
                    s = r["stats"]
                else:
                    shutil.rmtree(out, ignore_errors=True)
                    r = _child(_BUILD, str(inputs), str(out), str(workers))
                    s = r["stats"] = _child(_STATS, str(out))
                    results[(size, workers)] = r
                    saved.write_text(json.dumps(r), encoding="utf-8")
                cpu = r["parent_cpu"] + r["worker_cpu"]
                p = r["phase"]
                print(
                    f"{size:>6} docs {workers} proc: wall {r['wall']:6.1f} s, CPU {cpu:6.1f} s "
                    f"({r['read'] / cpu:5.1f} docs per CPU-s; hashing {p['hashed']['cpu']:.1f}, "
                    f"parent during chunks {p['mapped']['cpu']:.1f}, end {p['end']['cpu']:.1f}), "
                    f"{r['files']} files; peak RSS parent {r['rss']['parent']:.0f} MB, "
                    f"largest worker {r['rss']['worker']:.0f} MB, sum {r['rss']['total']:.0f} MB"
                    f" | stats CPU {s['cpu']:.1f} s (wall {s['wall']:.1f}), "
                    f"peak RSS {s['rss']:.0f} MB",
                    flush=True,
                )
    finally:
        if args.keep is None:
            shutil.rmtree(tmp, ignore_errors=True)
    big = max(sizes)
    one, many = results[(big, 1)], results[(big, args.workers)]
    total_one = one["parent_cpu"] + one["worker_cpu"]
    serial = _serial_cpu(many) / (many["parent_cpu"] + many["worker_cpu"])
    expected = _expected_speedup(one, many, args.workers)
    print(f"\n{big} documents, {args.workers} processes against 1:")
    print(f"  speed-up measured (wall): {one['wall'] / many['wall']:.2f}×")
    print(f"  serial fraction (hashing + end, of all CPU): {serial:.1%}")
    print(f"  speed-up expected on {args.workers} idle cores (CPU): {expected:.2f}×")
    per_doc = total_one / one["read"]
    print(
        f"  projected for 100,000 documents: {1e5 * per_doc / 3600:.1f} CPU-hours; "
        f"{1e5 * per_doc / expected / 60:.0f} min on {args.workers} idle cores"
    )
    for workers in (1, args.workers):
        peaks = [results[(s, workers)]["rss"]["total"] for s in sizes]
        print(
            f"  peak RSS (parent + workers), {workers} proc, by size "
            + ", ".join(f"{s}: {m:.0f} MB" for s, m in zip(sizes, peaks, strict=True))
        )


if __name__ == "__main__":
    main()
