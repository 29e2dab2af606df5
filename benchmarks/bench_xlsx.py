"""XLSX throughput: reading (read + assemble) and rendering, with calamine alone as baseline.

Run by hand (never by the test suite)::

    python benchmarks/bench_xlsx.py              # about 15-25 s
    python benchmarks/bench_xlsx.py --repeat 30  # fixed number of rounds

One core: the process pins itself to one CPU where the OS allows it. The inputs are the four
bundled example documents rendered once with ``render_xlsx`` (the official 绩效目标表 layout,
one sheet per project). For each round every workbook is

- **read**: ``read_spreadsheet`` (container checks, sheet pre-scan, calamine, cell text with
  number formats, paragraphs/tables with merged ranges) then ``assemble`` (document model);
- **baseline**: ``python_calamine.load_workbook`` and ``iter_rows`` over every sheet, i.e.
  the least any reader built on calamine has to do, measured in the same run;
- **render**: ``render_xlsx`` of the document (openpyxl, styles, merges, ZIP writing).

Figures are medians per document; ratio = read time / baseline time.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import platform
import statistics
import sys
import time
from dataclasses import dataclass
from importlib.metadata import version

import python_calamine
from _seeds import seed_files  # benchmarks/ is on sys.path when run
from _timing import pin_to_one_core, time_rounds  # benchmarks/ is on sys.path when run

import jixiao
from jixiao import Document, read_bytes
from jixiao.assemble import assemble
from jixiao.model import SourceInfo
from jixiao.readers.xlsx import read_spreadsheet
from jixiao.render.xlsx import render_xlsx

TARGET_SECONDS = 8.0
WARMUP_ROUNDS = 3


@dataclass
class Seed:
    name: str
    doc: Document
    xlsx: bytes


def load_seeds() -> list[Seed]:
    seeds = []
    for name, data in seed_files():
        doc = read_bytes(data, name=name)
        seeds.append(Seed(name[:-4] + ".xlsx", doc, render_xlsx(doc)))
    return seeds


def read(seed: Seed) -> object:
    layout = read_spreadsheet(seed.xlsx, source=seed.name)
    sha = hashlib.sha256(seed.xlsx).hexdigest()
    return assemble(layout, SourceInfo(name=seed.name, format="xlsx", sha256=sha))


def baseline(seed: Seed) -> object:
    with python_calamine.load_workbook(io.BytesIO(seed.xlsx)) as book:
        return [list(book.get_sheet_by_index(i).iter_rows()) for i in range(len(book.sheet_names))]


def render(seed: Seed) -> object:
    return render_xlsx(seed.doc)


def calibrate(seeds: list[Seed], target: float) -> int:
    """Rounds so that reading plus rendering take about ``target`` seconds."""
    for work in (read, baseline, render):
        time_rounds(seeds, work, WARMUP_ROUNDS)
    per_round = 0.0
    for work in (read, render):
        sample = time_rounds(seeds, work, 3)
        per_round += sum(statistics.median(t) for t in sample.values())
    return max(5, round(target / per_round))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeat", type=int, help="rounds (default: about --seconds of work)")
    parser.add_argument("--seconds", type=float, default=TARGET_SECONDS, help="target time")
    args = parser.parse_args(argv)

    pinning = pin_to_one_core()
    seeds = load_seeds()
    rounds = args.repeat or calibrate(seeds, args.seconds)
    if args.repeat:
        for work in (read, baseline, render):
            time_rounds(seeds, work, WARMUP_ROUNDS)

    wall = time.perf_counter()
    t_read = time_rounds(seeds, read, rounds)
    t_base = time_rounds(seeds, baseline, rounds)
    t_render = time_rounds(seeds, render, rounds)
    wall = time.perf_counter() - wall

    print(f"jixiao {jixiao.__version__}, Python {platform.python_version()} ({sys.platform}),")
    print(
        f"python-calamine {version('python-calamine')}, "
        f"{platform.processor() or platform.machine()}, {pinning}"
    )
    print(f"{len(seeds)} seeds x {rounds} rounds after {WARMUP_ROUNDS} warm-up rounds,")
    print(f"medians per document; {wall:.1f} s measured\n")

    header = (
        f"{'workbook':<26} {'KB':>5} {'sheets':>6} {'read ms':>8} {'docs/s':>7}"
        f" {'calamine ms':>11} {'docs/s':>7} {'ratio':>6} {'render ms':>9} {'docs/s':>7}"
    )
    print(header)
    print("-" * len(header))
    totals = [0.0, 0.0, 0.0]
    for seed in seeds:
        m = [statistics.median(t[seed.name]) for t in (t_read, t_base, t_render)]
        totals = [a + b for a, b in zip(totals, m, strict=True)]
        sheets = 2 + len(seed.doc.projects)
        print(
            f"{seed.name:<26} {len(seed.xlsx) / 1024:>5.1f} {sheets:>6} {m[0] * 1e3:>8.2f}"
            f" {1 / m[0]:>7.1f} {m[1] * 1e3:>11.2f} {1 / m[1]:>7.1f} {m[0] / m[1]:>5.1f}x"
            f" {m[2] * 1e3:>9.2f} {1 / m[2]:>7.1f}"
        )
    print("-" * len(header))
    n = len(seeds)
    r, b, w = totals
    print(
        f"{'all four (per document)':<26} {'':>5} {'':>6} {r / n * 1e3:>8.2f} {n / r:>7.1f}"
        f" {b / n * 1e3:>11.2f} {n / b:>7.1f} {r / b:>5.1f}x {w / n * 1e3:>9.2f} {n / w:>7.1f}"
    )
    print("\nratio = read time / calamine baseline time.")


if __name__ == "__main__":
    main()
