"""Throughput of the plain-text table reader (``|`` rows, tab rows, space-aligned columns, one
cell per line) against the seed-text path, measured in the same run.

Run by hand (never by the test suite)::

    python benchmarks/bench_text_tables.py               # ~10-20 s
    python benchmarks/bench_text_tables.py --repeat 50   # fixed number of rounds

One core: the process is pinned to a single CPU where the OS allows it. The inputs of the four
forms are the test fixtures of ``tests/formats/_text_tables.py`` (families A, B, C, D, E, G,
all concatenated into one text per form, so each is a document of a dozen tables); the
baseline is the four bundled seed texts (Hebei exports from Word and PDF). Every round reads
each input once with ``jixiao.read_bytes`` (sniff, decode, layout, assemble, value grammar,
pydantic model). Figures are medians; MB/s = 10^6 bytes of input per second; ratio = the
seed path's MB/s over the form's (above 1: the form is slower per byte).
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from _seeds import seed_files  # benchmarks/ is on sys.path when run
from _timing import pin_to_one_core, time_rounds  # benchmarks/ is on sys.path when run

import jixiao
from jixiao import read_bytes

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repository, for tests/
from tests.formats._text_tables import FAMILIES, FORMS, document_text

TARGET_SECONDS = 12.0
WARMUP_ROUNDS = 3


@dataclass
class Input:
    name: str
    data: bytes


def form_inputs() -> list[Input]:
    out: list[Input] = []
    for form in FORMS:
        text = "\n".join(
            document_text(family, form) for key, family in sorted(FAMILIES.items()) if key != "G"
        )
        out.append(Input(form, text.encode("utf-8")))
    return out


def seed_inputs() -> list[Input]:
    return [Input(name, data) for name, data in seed_files()]


def work(item: Input) -> object:
    return read_bytes(item.data, name=item.name + ".txt")


def median_rate(inputs: list[Input], times: dict[str, list[float]]) -> tuple[float, float]:
    """(MB/s over all inputs, ms per input) from the median time of each."""
    total_bytes = sum(len(i.data) for i in inputs)
    total_time = sum(statistics.median(times[i.name]) for i in inputs)
    return total_bytes / total_time / 1e6, total_time / len(inputs) * 1e3


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeat", type=int, help="rounds (default: about --seconds of work)")
    parser.add_argument("--seconds", type=float, default=TARGET_SECONDS, help="target time")
    args = parser.parse_args(argv)

    pinning = pin_to_one_core()
    forms = form_inputs()
    seeds = seed_inputs()
    for item in forms:  # every form must read before it is timed
        doc = work(item)
        assert isinstance(doc, jixiao.Document) and doc.projects, item.name
    time_rounds(forms, work, WARMUP_ROUNDS)
    time_rounds(seeds, work, WARMUP_ROUNDS)
    rounds = args.repeat
    if not rounds:
        sample = time_rounds(forms + seeds, work, 2)
        per_round = sum(statistics.median(t) for t in sample.values())
        rounds = max(5, round(args.seconds / per_round))

    wall = time.perf_counter()
    seed_times = time_rounds(seeds, work, rounds)
    form_times = time_rounds(forms, work, rounds)
    wall = time.perf_counter() - wall

    print(f"jixiao {jixiao.__version__}, Python {platform.python_version()} ({sys.platform}),")
    print(f"{platform.processor() or platform.machine()}, {pinning}")
    print(f"{rounds} rounds after {WARMUP_ROUNDS} warm-up rounds; {wall:.1f} s measured\n")
    seed_rate, seed_ms = median_rate(seeds, seed_times)
    header = f"{'input':<28} {'KB':>7} {'ms/doc':>9} {'MB/s':>7} {'ratio':>7}"
    print(header)
    print("-" * len(header))
    size = sum(len(s.data) for s in seeds) / len(seeds) / 1024
    print(
        f"{'seed texts (baseline)':<28} {size:>7.1f} {seed_ms:>9.2f} {seed_rate:>7.2f} {1:>6.2f}x"
    )
    for item in forms:
        rate, ms = median_rate([item], form_times)
        print(
            f"{item.name:<28} {len(item.data) / 1024:>7.1f} {ms:>9.2f} {rate:>7.2f}"
            f" {seed_rate / rate:>6.2f}x"
        )
    print("\nratio = seed-path MB/s / form MB/s (same run; above 1: slower per byte).")


if __name__ == "__main__":
    main()
