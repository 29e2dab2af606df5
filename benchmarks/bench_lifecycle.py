"""Scoring and monitoring throughput (projects/s on one core), and importing an actuals file.

Run by hand (never by the test suite)::

    python benchmarks/bench_lifecycle.py                  # 2,000 projects, 15 rounds
    python benchmarks/bench_lifecycle.py --projects 500 --rounds 3 --import-projects 200

The corpus: seed 000 with the shipped example actuals attached (8 projects, 28 indicators),
its projects copied and renumbered up to ``--projects``. Measured in CPU time (the machine
may be busy) after a warm-up, interleaved within each round; the median and the best round are
reported (on a loaded machine the best round is the one least disturbed by others):

- **score**: ``score_document`` (weights, every formula, findings, the total and grade);
- **score, previous implementation**: the engine as it was before the throughput work (commit
  ``deafa80``), read from git at start-up (``git show``; only its imports of its sibling
  modules are pointed at the copy): the named baseline of the speed-up. Both must give the
  same scores, formulas, inputs and findings (checked first, under every preset);
- **monitor**: ``monitor_document`` (budget lights, indicator lights, findings);
- **floor**: ``indicator_keys`` of every project plus a round trip of its self-evaluation
  through ``model_validate`` of its own dump: what any engine pays to match rows to targets
  and to touch the records once.

Then the actuals workbooks (填报表) of a ``--import-projects`` corpus (default 1,000 projects,
one row per indicator) are written with ``template_workbook`` and read back with
``apply_actuals``, against two bare reads of the same bytes: openpyxl (``load_workbook`` and
every cell's value, what ``apply_actuals`` was built on until 2026-12-06) and calamine (every
sheet's values, what it reads with now). Measured then on a busy machine, 1,000 projects:
apply_actuals 0.08–0.11 s, openpyxl bare read 0.76–0.79 s, calamine bare read 0.05 s (before
the switch apply_actuals took 0.83–0.90 s, the openpyxl read's own cost).
"""

from __future__ import annotations

import argparse
import importlib
import io
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _timing import pin_to_one_core  # benchmarks/ is on sys.path when run

import jixiao
from jixiao.lifecycle.actuals import apply_actuals
from jixiao.lifecycle.monitoring import monitor_document
from jixiao.lifecycle.schemes import scoring_scheme
from jixiao.lifecycle.scoring import score_document
from jixiao.lifecycle.template import template_workbook
from jixiao.model import Document, SelfEvaluation, indicator_keys

EXAMPLES = Path(jixiao.__file__).parent / "examples"
FLOOR = "floor (match rows, touch records)"
SCHEMES: list[dict[str, Any]] = [
    {},
    {"preset": "sichuan"},
    {"preset": "hubei"},
    {"reverse": "linear", "overachievement_deduction": True},
]


BEFORE = "deafa80"  # the scoring engine before the throughput work
_BEFORE_MODULES = ("formulas", "weights", "scoring")


def load_before() -> Callable[..., Any]:
    """``score_document`` as it was at ``BEFORE``, read from this checkout's git history into
    a temporary package (``scoring_before``) rather than kept as a second copy in the tree."""
    root = Path(__file__).resolve().parents[1]
    package = Path(tempfile.mkdtemp(prefix="jixiao-bench-")) / "scoring_before"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    for name in _BEFORE_MODULES:
        shown = subprocess.run(
            ["git", "-C", str(root), "show", f"{BEFORE}:src/jixiao/lifecycle/{name}.py"],
            capture_output=True,
            text=True,
            check=True,
        )
        text = shown.stdout
        for sibling in _BEFORE_MODULES:
            text = text.replace(
                f"jixiao.lifecycle.{sibling} import", f"scoring_before.{sibling} import"
            )
        (package / f"{name}.py").write_text(text, encoding="utf-8")
    sys.path.insert(0, str(package.parent))
    module = importlib.import_module("scoring_before.scoring")
    return module.score_document  # type: ignore[no-any-return]


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


def floor(doc: Document) -> None:
    for p in doc.projects:
        indicator_keys(p.indicators)
        if p.self_evaluation is not None:
            SelfEvaluation.model_validate(p.self_evaluation.model_dump())


def cpu(work: Callable[[], object]) -> float:
    start = time.process_time()
    work()
    return time.process_time() - start


def same_results(doc: Document, score_before: Callable[..., Any]) -> bool:
    """The current and the previous engine agree on everything, under every preset."""
    for config in SCHEMES:
        scheme = scoring_scheme(config)
        if repr(score_document(doc, scheme)) != repr(score_before(doc, scheme)):
            return False
    return True


def openpyxl_bare(data: bytes) -> int:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), data_only=True)
    return sum(1 for sheet in book.worksheets for row in sheet.iter_rows(values_only=True))


def calamine_bare(data: bytes) -> int:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    return sum(len(book.get_sheet_by_name(n).to_python()) for n in book.sheet_names)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--import-projects", type=int, default=1000)
    parser.add_argument("--import-rounds", type=int, default=3)
    args = parser.parse_args()
    print(pin_to_one_core())
    doc = corpus(args.projects)
    score_before = load_before()
    same = same_results(corpus(64), score_before)
    print(f"same scores, formulas, inputs and findings as before: {same}")
    runs: dict[str, Callable[[Document], object]] = {
        "score": score_document,
        "score, previous implementation": score_before,
        "monitor": monitor_document,
        FLOOR: floor,
    }
    warm = corpus(50)
    for work in runs.values():
        work(warm)
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(args.rounds):
        for name, work in runs.items():
            times[name].append(cpu(lambda w=work: w(doc)))  # type: ignore[misc]
    medians = {name: statistics.median(values) for name, values in times.items()}
    best = {name: min(values) for name, values in times.items()}
    print(f"{args.projects} projects, {args.rounds} rounds, CPU time per round: median / best")
    for name, median in medians.items():
        print(
            f"  {name:34} {median * 1000:7.1f} / {best[name] * 1000:6.1f} ms  "
            f"{args.projects / median:7.0f} / {args.projects / best[name]:6.0f} projects/s"
        )
    previous, current = "score, previous implementation", "score"
    print(
        "  scoring speed-up over the previous implementation: "
        f"{medians[previous] / medians[current]:.2f}× (median), "
        f"{best[previous] / best[current]:.2f}× (best)"
    )
    print(f"  scoring time over the floor: {medians[current] / medians[FLOOR]:.2f}× (median)")
    imported = corpus(args.import_projects)
    for kind in ("selfeval", "monitor"):
        data = template_workbook(imported, kind)  # type: ignore[arg-type]
        reads: dict[str, Callable[[], object]] = {
            "apply_actuals": lambda d=data: apply_actuals(imported, d, "bench.xlsx"),
            "openpyxl bare read": lambda d=data: openpyxl_bare(d),
            "calamine bare read": lambda d=data: calamine_bare(d),
        }
        spent: dict[str, list[float]] = {name: [] for name in reads}
        for _ in range(args.import_rounds):
            for name, read in reads.items():
                spent[name].append(cpu(read))
        rows = sum(len(p.indicators) for p in imported.projects)
        took = {name: statistics.median(values) for name, values in spent.items()}
        print(
            f"{kind} actuals workbook, {args.import_projects} projects ({rows} indicator rows, "
            f"{len(data) / 1e6:.2f} MB), median of {args.import_rounds}:"
        )
        for name, seconds in took.items():
            print(
                f"  {name:20} {seconds:6.2f} s  "
                f"ratio to openpyxl {seconds / took['openpyxl bare read']:5.2f}  "
                f"to calamine {seconds / took['calamine bare read']:6.2f}"
            )


if __name__ == "__main__":
    sys.exit(main())
