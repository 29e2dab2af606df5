"""Review throughput: ``jixiao.review.review`` over a corpus of ≥10,000 projects, on one core.

Run by hand (never by the test suite)::

    python benchmarks/bench_review.py                 # 100 documents × 100 projects
    python benchmarks/bench_review.py --documents 20  # a quicker, smaller corpus
    python benchmarks/bench_review.py --per-rule      # also time each rule alone
    python benchmarks/bench_review.py --linear        # cost per project at 10/100/1,000 a document

The corpus is made from the four bundled seeds (33 projects): their projects are copied, in
turn, into documents of ``--size`` projects, each copy renumbered (``seq`` 1…n, a unique
项目编码 of the original's shape, the table title's number). Every document keeps the front
matter (部门整体 targets) of the seed its first project came from.

The corpus is built first and frozen out of the garbage collector (``gc.freeze``), so that the
collector's passes over it are not charged to the review. Measured in the same run, after a
warm-up, in CPU time, the runs interleaved within each round:
the **full** rule set (default configuration) and, as the **baseline**, the same corpus reviewed
with only ``STR-02`` selected (one arithmetic check per project: what every review pays for the
engine, sorting, grading and the report).
"""

from __future__ import annotations

import argparse
import gc
import platform
import re
import statistics
import sys
import time
from collections import Counter

from _seeds import seed_files  # benchmarks/ is on sys.path when run
from _timing import pin_to_one_core  # benchmarks/ is on sys.path when run

import jixiao
from jixiao import Document, read_bytes
from jixiao.model import Project
from jixiao.review import all_rules, review
from jixiao.review.config import ReviewConfig

DOCUMENT_SIZE = 100
DOCUMENTS = 100
_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def load_seeds() -> list[Document]:
    return [read_bytes(data, name=name) for name, data in seed_files()]


def _base36(number: int, width: int) -> str:
    digits = ""
    while number:
        number, rest = divmod(number, 36)
        digits = _ALPHABET[rest] + digits
    return digits.rjust(width, "0")[-width:]


def _renumber(project: Project, seq: int, serial: int) -> Project:
    """A copy of ``project`` as project ``seq`` with a unique code of the same shape."""
    code = project.code
    if code:
        tail = 4 if len(code) > 6 else 2
        digits_only = code[-tail:].isdigit()
        new_tail = str(serial % 10**tail).rjust(tail, "0") if digits_only else _base36(serial, tail)
        code = code[:-tail] + new_tail
    title = re.sub(r"^\d+", str(seq), project.title) if project.title else project.title
    return project.model_copy(update={"seq": seq, "code": code, "title": title}, deep=True)


def build_corpus(seeds: list[Document], documents: int, size: int) -> list[Document]:
    pool = [(doc, project) for doc in seeds for project in doc.projects]
    corpus = []
    serial = 0
    for number in range(documents):
        projects = []
        first_doc = None
        for seq in range(1, size + 1):
            doc, project = pool[serial % len(pool)]
            first_doc = first_doc or doc
            serial += 1
            projects.append(_renumber(project, seq, serial))
        assert first_doc is not None
        corpus.append(
            first_doc.model_copy(
                update={
                    "projects": projects,
                    "source": first_doc.source.model_copy(update={"name": f"corpus-{number:03d}"}),
                }
            )
        )
    return corpus


def run(corpus: list[Document], config: ReviewConfig) -> tuple[float, int]:
    """CPU seconds to review the whole corpus, and the number of findings."""
    clock = time.process_time
    start = clock()
    findings = 0
    for doc in corpus:
        findings += len(review(doc, config).findings)
    return clock() - start, findings


def _freeze_inputs(freeze: bool = True) -> None:
    """Keep the corpus out of the garbage collector's way: it is input, built before timing,
    and the collector's full passes would otherwise walk all of it (thousands of projects)
    again and again while a big document's findings pile up, charging that to the review."""
    if freeze:
        gc.collect()
        gc.freeze()


def _rounds(
    runs: dict[str, tuple[list[Document], ReviewConfig]], repeat: int
) -> tuple[dict[str, float], dict[str, int], float]:
    """Median CPU seconds per run (runs interleaved within each round), findings, wall time."""
    times: dict[str, list[float]] = {label: [] for label in runs}
    counts: dict[str, int] = {}
    wall = time.perf_counter()
    for _ in range(repeat):
        for label, (corpus, config) in runs.items():
            seconds, counts[label] = run(corpus, config)
            times[label].append(seconds)
    wall = time.perf_counter() - wall
    return {label: statistics.median(t) for label, t in times.items()}, counts, wall


def _print_header(seeds: list[Document], pinning: str, repeat: int, wall: float) -> None:
    print(f"jixiao {jixiao.__version__}, Python {platform.python_version()} ({sys.platform}),")
    print(f"{platform.processor() or platform.machine()}, {pinning}")
    print(
        f"rules: {len(all_rules())}; {repeat} interleaved round(s), median CPU time; "
        f"{wall:.1f} s measured; corpus from {sum(len(d.projects) for d in seeds)} seed projects\n"
    )


def linear(
    seeds: list[Document], repeat: int, pinning: str, freeze: bool, total: int = 1000
) -> None:
    """The same number of projects as documents of 10, 100 and 1,000 projects."""
    full_config = ReviewConfig()
    sizes = (10, 100, 1000)
    runs = {
        f"{size:>5} projects/document": (
            build_corpus(seeds, max(1, total // size), size),
            full_config,
        )
        for size in sizes
    }
    runs["baseline (STR-02 only), 10"] = (
        runs[f"{10:>5} projects/document"][0],
        ReviewConfig(select=["STR-02"]),
    )
    for corpus, config in runs.values():  # warm-up
        review(corpus[0], config)
    _freeze_inputs(freeze)
    seconds, counts, wall = _rounds(runs, repeat)
    _print_header(seeds, pinning, repeat, wall)
    header = f"{'full rule set':<30} {'projects/s':>11} {'ms/project':>11} {'findings':>9}"
    print(header)
    print("-" * len(header))
    per_project = {}
    for label, (corpus, _) in runs.items():
        projects = sum(len(doc.projects) for doc in corpus)
        per_project[label] = seconds[label] / projects
        print(
            f"{label:<30} {projects / seconds[label]:>11.0f}"
            f" {per_project[label] * 1e3:>11.3f} {counts[label]:>9}"
        )
    print("-" * len(header))
    small = per_project[f"{10:>5} projects/document"]
    large = per_project[f"{1000:>5} projects/document"]
    print(f"cost per project, 1,000 / 10 projects per document: {large / small:.2f}x")
    print(f"ratio full (10) / baseline: {small / per_project['baseline (STR-02 only), 10']:.1f}x")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--documents", type=int, default=DOCUMENTS, help="documents in the corpus")
    parser.add_argument("--size", type=int, default=DOCUMENT_SIZE, help="projects per document")
    parser.add_argument("--repeat", type=int, default=3, help="interleaved rounds (median)")
    parser.add_argument(
        "--linear",
        action="store_true",
        help="1,000 projects as documents of 10, 100 and 1,000 projects: cost per project",
    )
    parser.add_argument(
        "--no-freeze",
        action="store_true",
        help="leave the corpus to the garbage collector (its passes then count in the review)",
    )
    parser.add_argument(
        "--per-rule",
        action="store_true",
        help="also time each rule alone on the first 10 documents",
    )
    args = parser.parse_args(argv)

    pinning = pin_to_one_core()
    seeds = load_seeds()
    if args.linear:
        linear(seeds, args.repeat, pinning, not args.no_freeze)
        return
    corpus = build_corpus(seeds, args.documents, args.size)
    projects = sum(len(doc.projects) for doc in corpus)
    indicators = sum(len(p.indicators) for doc in corpus for p in doc.projects)
    full_config = ReviewConfig()
    base_config = ReviewConfig(select=["STR-02"])

    for doc in corpus[:2]:  # warm-up: imports, rule discovery, caches
        review(doc, full_config)
        review(doc, base_config)

    runs = {
        "full rule set": (corpus, full_config),
        "baseline (STR-02 only)": (corpus, base_config),
    }
    _freeze_inputs(not args.no_freeze)
    seconds, counts, wall = _rounds(runs, args.repeat)
    _print_header(seeds, pinning, args.repeat, wall)
    print(
        f"corpus: {len(corpus)} documents × {args.size} projects = {projects} projects, "
        f"{indicators} indicators\n"
    )
    header = f"{'run':<28} {'CPU s':>9} {'projects/s':>11} {'ms/project':>11} {'findings':>9}"
    print(header)
    print("-" * len(header))
    for label in runs:
        print(
            f"{label:<28} {seconds[label]:>9.2f} {projects / seconds[label]:>11.0f}"
            f" {seconds[label] / projects * 1e3:>11.3f} {counts[label]:>9}"
        )
    print("-" * len(header))
    full, base = seconds["full rule set"], seconds["baseline (STR-02 only)"]
    print(f"ratio full / baseline: {full / base:.1f}x")

    if args.per_rule:
        sample = corpus[:10]
        sample_projects = sum(len(doc.projects) for doc in sample)
        print(f"\nper rule, alone, on {sample_projects} projects (slowest first):")
        timings: Counter[str] = Counter()
        for code in all_rules():
            seconds_one, _ = run(sample, ReviewConfig(select=[code]))
            timings[code] = seconds_one
        for code, one in timings.most_common():
            print(f"  {code:<8} {one / sample_projects * 1e3:>8.3f} ms/project")


if __name__ == "__main__":
    main()
