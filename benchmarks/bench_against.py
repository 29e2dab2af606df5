"""Parse throughput of this checkout against another one (e.g. main before a change), same run.

Run by hand (never by the test suite)::

    git worktree add /tmp/ref main          # or: git archive <commit> | tar -x -C /tmp/ref
    python benchmarks/bench_against.py --ref /tmp/ref/src
    python benchmarks/bench_against.py --ref /tmp/ref/src --forms text,docx --rounds 30

The four bundled example documents are read as text, and as DOCX, XLSX and PDF rendered once
by this checkout's renderers; both checkouts then read the very same bytes. Each side runs in
its own child process (the two ``jixiao`` packages can't share one interpreter), pinned to
one core; the children alternate (this, ref, this, ref, …) so that a busy machine slows both
alike. Times are CPU seconds of the child (``time.process_time``), so another process on
the same core does not count. The table gives the median per document for each form and the
ratio this / ref (below 1.10 means "not more than 10 % slower").
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from _seeds import seed_files  # benchmarks/ is on sys.path when run

FORMS = ("text", "docx", "xlsx", "pdf")

_CHILD = r"""
import json, os, sys, time
paths, rounds = json.loads(sys.argv[1]), int(sys.argv[2])
if hasattr(os, "sched_setaffinity"):
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
from jixiao import read_bytes
files = [(os.path.basename(p), open(p, "rb").read()) for p in paths]
for name, data in files:  # warm-up: imports, caches
    read_bytes(data, name=name)
clock = time.process_time
per_doc = []
for _ in range(rounds):
    start = clock()
    for name, data in files:
        read_bytes(data, name=name)
    per_doc.append((clock() - start) / len(files))
print(json.dumps(per_doc))
"""


def _inputs(folder: Path, forms: list[str]) -> dict[str, list[str]]:
    """The seeds in each form, written once by this checkout."""
    from jixiao import read_bytes
    from jixiao.render import render

    seeds = seed_files()
    out: dict[str, list[str]] = {}
    for form in forms:
        paths = []
        for name, data in seeds:
            stem = Path(name).stem
            blob = data if form == "text" else render(read_bytes(data, name=name), form)
            path = folder / f"{stem}.{'txt' if form == 'text' else form}"
            path.write_bytes(blob)
            paths.append(str(path))
        out[form] = paths
    return out


def _run(src: str, paths: list[str], rounds: int) -> list[float]:
    env = {**os.environ, "PYTHONPATH": src}
    proc = subprocess.run(
        [sys.executable, "-c", _CHILD, json.dumps(paths), str(rounds)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    times: list[float] = json.loads(proc.stdout)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--ref", required=True, help="the src/ folder of the other checkout")
    parser.add_argument("--forms", default=",".join(FORMS))
    parser.add_argument("--rounds", type=int, default=20, help="rounds per child")
    parser.add_argument("--alternations", type=int, default=3, help="children per side")
    args = parser.parse_args()
    forms = [f for f in args.forms.split(",") if f]
    here = str(Path(__file__).resolve().parent.parent / "src")
    ref = str(Path(args.ref).resolve())
    with tempfile.TemporaryDirectory() as tmp:
        inputs = _inputs(Path(tmp), forms)
        print(
            f"this: {here}\nref:  {ref}\nCPU ms per document (median over rounds), ratio this/ref"
        )
        print(f"{'form':6} {'this':>9} {'ref':>9} {'ratio':>7}")
        for form in forms:
            mine: list[float] = []
            theirs: list[float] = []
            for _ in range(args.alternations):
                mine += _run(here, inputs[form], args.rounds)
                theirs += _run(ref, inputs[form], args.rounds)
            a, b = statistics.median(mine) * 1000, statistics.median(theirs) * 1000
            print(f"{form:6} {a:9.2f} {b:9.2f} {a / b:7.3f}")


if __name__ == "__main__":
    main()
