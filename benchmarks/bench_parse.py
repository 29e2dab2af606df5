"""Parse throughput of the full ``read_bytes`` pipeline on the four bundled example documents.

Run by hand (never by the test suite)::

    python benchmarks/bench_parse.py              # ~10-20 s
    python benchmarks/bench_parse.py --repeat 50  # fixed number of rounds

One core: the process is pinned to a single CPU where the OS allows it. For each round every
seed is read once with ``jixiao.read_bytes`` (sniff, decode, layout, assemble, value grammar,
pydantic model) and, as a baseline measured in the same run, merely decoded and split into
lines (``data.decode("utf-8").splitlines()``). Figures are medians over the rounds.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time
from dataclasses import dataclass

from _seeds import seed_files  # benchmarks/ is on sys.path when run
from _timing import pin_to_one_core, time_rounds  # benchmarks/ is on sys.path when run

import jixiao
from jixiao import read_bytes

TARGET_SECONDS = 12.0
WARMUP_ROUNDS = 3


@dataclass
class Seed:
    name: str
    data: bytes


def load_seeds() -> list[Seed]:
    return [Seed(name, data) for name, data in seed_files()]


def pipeline(seed: Seed) -> object:
    return read_bytes(seed.data, name=seed.name)


def baseline(seed: Seed) -> object:
    return seed.data.decode("utf-8").splitlines()


def calibrate(seeds: list[Seed], target: float) -> int:
    """Rounds so that the pipeline part takes about ``target`` seconds (after a warm-up)."""
    time_rounds(seeds, pipeline, WARMUP_ROUNDS)
    time_rounds(seeds, baseline, WARMUP_ROUNDS)
    sample = time_rounds(seeds, pipeline, 3)
    per_round = sum(statistics.median(t) for t in sample.values())
    return max(5, round(target / per_round))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeat", type=int, help="rounds (default: about --seconds of work)")
    parser.add_argument(
        "--seconds", type=float, default=TARGET_SECONDS, help="target pipeline time"
    )
    args = parser.parse_args(argv)

    pinning = pin_to_one_core()
    seeds = load_seeds()
    rounds = args.repeat or calibrate(seeds, args.seconds)
    if args.repeat:
        time_rounds(seeds, pipeline, WARMUP_ROUNDS)
        time_rounds(seeds, baseline, WARMUP_ROUNDS)

    wall = time.perf_counter()
    full = time_rounds(seeds, pipeline, rounds)
    base = time_rounds(seeds, baseline, rounds)
    wall = time.perf_counter() - wall

    print(f"jixiao {jixiao.__version__}, Python {platform.python_version()} ({sys.platform}),")
    print(f"{platform.processor() or platform.machine()}, {pinning}")
    print(f"{len(seeds)} seeds x {rounds} rounds after {WARMUP_ROUNDS} warm-up rounds,")
    print(f"medians per document; {wall:.1f} s measured\n")

    header = (
        f"{'seed':<26} {'KB':>6} {'pipeline ms':>12} {'docs/s':>8} {'MB/s':>7}"
        f" {'baseline ms':>12} {'MB/s':>8} {'ratio':>7}"
    )
    print(header)
    print("-" * len(header))
    total_bytes = 0
    total_full = total_base = 0.0
    for seed in seeds:
        size = len(seed.data)
        t_full = statistics.median(full[seed.name])
        t_base = statistics.median(base[seed.name])
        total_bytes += size
        total_full += t_full
        total_base += t_base
        print(
            f"{seed.name:<26} {size / 1024:>6.1f} {t_full * 1e3:>12.3f} {1 / t_full:>8.1f}"
            f" {size / t_full / 1e6:>7.2f} {t_base * 1e3:>12.4f} {size / t_base / 1e6:>8.1f}"
            f" {t_full / t_base:>6.0f}x"
        )
    print("-" * len(header))
    n = len(seeds)
    print(
        f"{'all four (per document)':<26} {total_bytes / n / 1024:>6.1f}"
        f" {total_full / n * 1e3:>12.3f} {n / total_full:>8.1f}"
        f" {total_bytes / total_full / 1e6:>7.2f} {total_base / n * 1e3:>12.4f}"
        f" {total_bytes / total_base / 1e6:>8.1f} {total_full / total_base:>6.0f}x"
    )
    print("\nMB = 10^6 bytes of input; ratio = pipeline time / baseline time.")


if __name__ == "__main__":
    main()
