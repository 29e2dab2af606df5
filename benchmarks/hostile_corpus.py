"""Run the hostile corpus at scale (by hand; the suite runs a bounded slice) and count the
verdicts per format: ok, other document, clear error, internal error, silent change.

    python benchmarks/hostile_corpus.py [--per-mutation N] [--formats txt,docx,...] [--seed S]

Every input is rebuilt from its label (see ``tests/hostile/corpus.py``); the labels of the
internal errors and silent changes are printed so each one reproduces. Target: 0 and 0.

The inputs are judged in a child process: a library that aborts the process (a Rust
allocation failure is not an exception) must be counted too, as an internal error naming the
input, and the run then resumes after it.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
import warnings
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # for tests.hostile

from tests.hostile.corpus import FORMATS, generate, judge  # noqa: E402


def child(fmt: str, per_mutation: int, seed: int, start: int) -> None:
    """Judge inputs from ``start`` on; one line per input (``START`` first, for crashes)."""
    warnings.simplefilter("ignore")
    for item in generate(fmt, per_mutation, seed=seed, start=start):
        print(f"START\t{item.label}", flush=True)
        verdict, detail = judge(fmt, item)
        detail = " ".join(detail.split())
        print(f"DONE\t{item.label}\t{verdict}\t{detail}", flush=True)


def run_format(fmt: str, per_mutation: int, seed: int) -> tuple[Counter[str], list[str]]:
    counts: Counter[str] = Counter()
    bad: list[str] = []
    start = 0
    env = {**os.environ, "RUST_BACKTRACE": "0"}
    while True:
        command = [sys.executable, __file__, "--child", fmt, "--per-mutation", str(per_mutation)]
        command += ["--seed", str(seed), "--start", str(start)]
        proc = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
        started = None
        for line in proc.stdout.splitlines():
            parts = line.split("\t")
            if parts[0] == "START":
                started = parts[1]
            elif parts[0] == "DONE":
                started = None
                start += 1
                counts[parts[2]] += 1
                if parts[2] in ("internal_error", "silent_change"):
                    bad.append(f"{parts[2]:15} {parts[1]}: {parts[3] if len(parts) > 3 else ''}")
        if proc.returncode == 0:
            return counts, bad
        if started is None:  # died outside an input: report and stop this format
            bad.append(f"crash           {fmt}: exit {proc.returncode}: {proc.stderr[-300:]}")
            return counts, bad
        counts["internal_error"] += 1
        reason = proc.stderr.strip().splitlines()[-1:] or [""]
        bad.append(f"internal_error  {started}: process died ({proc.returncode}) {reason[0]}")
        start += 1


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--per-mutation", type=int, default=100)
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--start", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.per_mutation, args.seed, args.start)
        return
    totals: Counter[str] = Counter()
    bad: list[str] = []
    for fmt in args.formats.split(","):
        started = time.perf_counter()
        counts, found = run_format(fmt, args.per_mutation, args.seed)
        totals += counts
        bad += found
        print(_line(fmt, counts, time.perf_counter() - started), flush=True)
    print(_line("all", totals, None))
    for line in bad:
        print(line)
    sys.exit(1 if bad else 0)


def _line(name: str, counts: Counter[str], elapsed: float | None) -> str:
    took = f"  ({elapsed:.0f} s)" if elapsed is not None else ""
    return (
        f"{name:5} inputs {sum(counts.values()):6}  ok {counts['ok']:6}  "
        f"other document {counts['other_document']:4}  clear error {counts['clear_error']:6}  "
        f"internal error {counts['internal_error']:4}  "
        f"silent change {counts['silent_change']:4}{took}"
    )


if __name__ == "__main__":
    main()
