"""Timing helpers shared by the benchmarks (run as scripts: ``python benchmarks/bench_x.py``)."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from typing import Protocol, TypeVar


class Named(Protocol):
    name: str


T = TypeVar("T", bound=Named)


def pin_to_one_core() -> str:
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned (no sched_setaffinity on this platform)"
    cpu = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return f"pinned to CPU {cpu}"


def time_rounds(
    seeds: Sequence[T], work: Callable[[T], object], rounds: int
) -> dict[str, list[float]]:
    """Seconds per call, per seed; seeds are interleaved within each round."""
    times: dict[str, list[float]] = {seed.name: [] for seed in seeds}
    clock = time.perf_counter
    for _ in range(rounds):
        for seed in seeds:
            start = clock()
            work(seed)
            times[seed.name].append(clock() - start)
    return times
