"""DOCX throughput: rendering the model to Word, and reading Word back into the model.

Run by hand (never by the test suite)::

    python benchmarks/bench_docx.py               # ~15-25 s
    python benchmarks/bench_docx.py --repeat 30   # fixed number of rounds

One core: the process is pinned to a single CPU where the OS allows it. The four bundled
example documents are read once (text reader) and rendered once with ``render_docx``; then
every round, per seed:

- **render**: ``render_docx(doc)`` (python-docx template, styles, body XML, ZIP);
- **read**: ``read_docx(data)`` + ``assemble(layout)``: ZIP checks, python-docx open, the body
  walk with the true table grid, the assembler, the value grammar and the pydantic model;
- **baseline**: python-docx's bare ``docx.Document(io.BytesIO(data))`` on the same bytes, i.e.
  the least any python-docx based reader has to do (unzip, parse every XML part).

Figures are medians over the rounds; ratio = read time / baseline time.
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

import docx
from _seeds import seed_files  # benchmarks/ is on sys.path when run
from _timing import pin_to_one_core, time_rounds  # benchmarks/ is on sys.path when run

import jixiao
from jixiao import Document, read_bytes
from jixiao.assemble import assemble
from jixiao.model import SourceInfo
from jixiao.readers.docx import read_docx
from jixiao.render.docx import render_docx

TARGET_SECONDS = 6.0  # per measured part
WARMUP_ROUNDS = 3


@dataclass
class Seed:
    name: str
    doc: Document
    data: bytes


def load_seeds() -> list[Seed]:
    seeds = []
    for name, data in seed_files():
        doc = read_bytes(data, name=name)
        seeds.append(Seed(name[:3], doc, render_docx(doc)))
    return seeds


def render(seed: Seed) -> object:
    return render_docx(seed.doc)


def read(seed: Seed) -> object:
    layout = read_docx(seed.data, source=f"{seed.name}.docx")
    info = SourceInfo(
        name=f"{seed.name}.docx", format="docx", sha256=hashlib.sha256(seed.data).hexdigest()
    )
    return assemble(layout, info)


def baseline(seed: Seed) -> object:
    return docx.Document(io.BytesIO(seed.data))


def calibrate(seeds: list[Seed], target: float) -> int:
    """Rounds so that the slowest part takes about ``target`` seconds (after a warm-up)."""
    slowest = 0.0
    for work in (render, read, baseline):
        time_rounds(seeds, work, WARMUP_ROUNDS)
        sample = time_rounds(seeds, work, 2)
        slowest = max(slowest, sum(statistics.median(t) for t in sample.values()))
    return max(5, round(target / slowest))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeat", type=int, help="rounds (default: about --seconds per part)")
    parser.add_argument("--seconds", type=float, default=TARGET_SECONDS)
    args = parser.parse_args(argv)

    pinning = pin_to_one_core()
    seeds = load_seeds()
    rounds = args.repeat or calibrate(seeds, args.seconds)
    if args.repeat:
        for work in (render, read, baseline):
            time_rounds(seeds, work, WARMUP_ROUNDS)

    wall = time.perf_counter()
    t_render = time_rounds(seeds, render, rounds)
    t_read = time_rounds(seeds, read, rounds)
    t_base = time_rounds(seeds, baseline, rounds)
    wall = time.perf_counter() - wall

    print(f"jixiao {jixiao.__version__}, python-docx {docx.__version__},", end=" ")
    print(f"Python {platform.python_version()} ({sys.platform}),")
    print(f"{platform.processor() or platform.machine()}, {pinning}")
    print(f"{len(seeds)} seeds x {rounds} rounds after {WARMUP_ROUNDS} warm-up rounds,")
    print(f"medians per document; {wall:.1f} s measured\n")

    header = (
        f"{'seed':<10} {'DOCX KB':>8} {'render ms':>10} {'docs/s':>7} {'read ms':>9}"
        f" {'docs/s':>7} {'baseline ms':>12} {'docs/s':>7} {'ratio':>6}"
    )
    print(header)
    print("-" * len(header))
    sums = [0.0, 0.0, 0.0]
    size_total = 0
    for seed in seeds:
        medians = [statistics.median(t[seed.name]) for t in (t_render, t_read, t_base)]
        sums = [a + b for a, b in zip(sums, medians, strict=True)]
        size_total += len(seed.data)
        print(_line(seed.name, len(seed.data), medians))
    print("-" * len(header))
    n = len(seeds)
    print(_line("all four", size_total // n, [s / n for s in sums]))
    print("\nread = read_docx + assemble; baseline = docx.Document(io.BytesIO(data));")
    print("ratio = read time / baseline time.")


def _line(name: str, size: int, medians: list[float]) -> str:
    render_t, read_t, base_t = medians
    return (
        f"{name:<10} {size / 1024:>8.1f} {render_t * 1e3:>10.2f} {1 / render_t:>7.1f}"
        f" {read_t * 1e3:>9.2f} {1 / read_t:>7.1f} {base_t * 1e3:>12.2f} {1 / base_t:>7.1f}"
        f" {read_t / base_t:>5.2f}x"
    )


if __name__ == "__main__":
    main()
