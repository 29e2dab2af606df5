"""Scoring and monitoring throughput (projects/s on one core), and reading a large actuals file.

Run by hand (never by the test suite)::

    python benchmarks/bench_lifecycle.py                  # 2,000 projects, 5 rounds
    python benchmarks/bench_lifecycle.py --projects 500 --rounds 3

The corpus: seed 000 with the shipped example actuals attached (8 projects, 28 indicators),
its projects copied and renumbered up to ``--projects``. Measured in CPU time after a warm-up,
interleaved within each round:

- **score**: ``score_document`` (weights, every formula, findings, the total and grade);
- **monitor**: ``monitor_document`` (budget lights, indicator lights, findings);
- **baseline**: ``indicator_keys`` of every project plus a round trip of its self-evaluation
  through ``model_validate`` of its own dump: what any engine pays to match rows to targets
  and to touch the records once.

Then the actuals workbook of the same corpus (one row per indicator) is written with
``template_workbook`` and read back with ``apply_actuals``, against the baseline of
``openpyxl.load_workbook`` of the same bytes.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from pathlib import Path

from _timing import pin_to_one_core  # benchmarks/ is on sys.path when run

import jixiao
from jixiao.lifecycle.actuals import apply_actuals
from jixiao.lifecycle.monitoring import monitor_document
from jixiao.lifecycle.scoring import score_document
from jixiao.lifecycle.template import template_workbook
from jixiao.model import Document, SelfEvaluation, indicator_keys

EXAMPLES = Path(jixiao.__file__).parent / "examples"


def corpus(size: int) -> Document:
    seed = jixiao.read_path(EXAMPLES / "000_217769b0965ce555.txt")
    for name in ("000_绩效自评填报.xlsx", "000_运行监控填报.xlsx"):
        seed, _, _ = apply_actuals(seed, (EXAMPLES / name).read_bytes(), name)
    projects = [
        seed.projects[i % len(seed.projects)].model_copy(
            update={"seq": i + 1, "code": f"B-{i + 1:06d}"}
        )
        for i in range(size)
    ]
    return seed.model_copy(update={"projects": projects})


def baseline(doc: Document) -> None:
    for p in doc.projects:
        indicator_keys(p.indicators)
        if p.self_evaluation is not None:
            SelfEvaluation.model_validate(p.self_evaluation.model_dump())


def cpu(work: object, doc: Document) -> float:
    start = time.process_time()
    work(doc)  # type: ignore[operator]
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    print(pin_to_one_core())
    doc = corpus(args.projects)
    runs = {"score": score_document, "monitor": monitor_document, "baseline": baseline}
    for work in runs.values():
        work(corpus(50))  # type: ignore[operator]
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(args.rounds):
        for name, work in runs.items():
            times[name].append(cpu(work, doc))
    base = statistics.median(times["baseline"])
    print(f"{args.projects} projects, {args.rounds} rounds, median CPU time per round")
    for name, values in times.items():
        median = statistics.median(values)
        print(
            f"  {name:9} {median * 1000:9.1f} ms  {args.projects / median:10.0f} projects/s"
            f"  ratio to baseline {median / base:5.2f}"
        )
    data = template_workbook(doc, "selfeval")
    from openpyxl import load_workbook

    start = time.process_time()
    load_workbook(io.BytesIO(data), data_only=True)
    load = time.process_time() - start
    start = time.process_time()
    apply_actuals(doc, data, "bench.xlsx")
    read = time.process_time() - start
    rows = sum(len(p.indicators) for p in doc.projects)
    print(
        f"actuals workbook ({rows} indicator rows, {len(data) / 1e6:.2f} MB): "
        f"apply_actuals {read:.2f} s, openpyxl load alone {load:.2f} s, ratio {read / load:.2f}"
    )


if __name__ == "__main__":
    sys.exit(main())
