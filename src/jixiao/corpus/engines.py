"""Where the chunks run: in this process, in a local process pool, or on a Dask cluster.

One small protocol (``map`` over chunks, results as they finish) so the build does not care;
the dataset is the same whatever the engine (tested). Process pools are the default: the
work is pure-Python and CPU-bound, so threads would share one GIL (``docs/corpus.md``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from itertools import islice
from typing import Protocol, TypeVar

__all__ = ["DaskEngine", "Engine", "PoolEngine", "SerialEngine", "make_engine"]

T = TypeVar("T")
R = TypeVar("R")


class Engine(Protocol):
    description: str

    def map_unordered(self, fn: Callable[[T], R], items: list[T]) -> Iterator[R]: ...

    def close(self) -> None: ...


class SerialEngine:
    description = "单进程"

    def map_unordered(self, fn: Callable[[T], R], items: list[T]) -> Iterator[R]:
        for item in items:
            yield fn(item)

    def close(self) -> None:
        pass


def _bounded(submit: Callable[[T], Future[R]], items: list[T], window: int) -> Iterator[R]:
    """At most ``window`` chunks in flight, so memory stays flat however large the corpus."""
    pending: set[Future[R]] = set()
    queue = iter(items)
    for item in queue:
        pending.add(submit(item))
        if len(pending) >= window:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            yield from (f.result() for f in done)
    while pending:
        done, pending = wait(pending, return_when=FIRST_COMPLETED)
        yield from (f.result() for f in done)


class PoolEngine:
    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.description = f"本机 {workers} 个进程"
        self._pool = ProcessPoolExecutor(max_workers=workers)

    def map_unordered(self, fn: Callable[[T], R], items: list[T]) -> Iterator[R]:
        return _bounded(lambda item: self._pool.submit(fn, item), items, self.workers * 2)

    def close(self) -> None:
        self._pool.shutdown(cancel_futures=True)


class DaskEngine:
    """``dask.distributed``: a local cluster (with its dashboard) or a running scheduler."""

    def __init__(self, workers: int, address: str | None = None) -> None:
        from dask.distributed import Client, LocalCluster

        if address:
            self._cluster = None
            self._client = Client(address)
            where = address
        else:
            self._cluster = LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0"
            )
            self._client = Client(self._cluster)
            where = f"本机 {workers} 个进程"
        self.workers = workers
        self.dashboard = self._client.dashboard_link
        self.description = f"Dask（{where}，监控页面 {self.dashboard}）"

    def map_unordered(self, fn: Callable[[T], R], items: list[T]) -> Iterator[R]:
        from dask.distributed import as_completed

        window = max(2, self.workers * 2)
        queue = iter(items)
        first = [self._client.submit(fn, item, pure=False) for item in islice(queue, window)]
        futures = as_completed(first)
        for future in futures:
            yield future.result()
            future.release()
            for item in islice(queue, 1):
                futures.add(self._client.submit(fn, item, pure=False))

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()


def make_engine(engine: str, workers: int | None, address: str | None = None) -> Engine:
    count = workers or max(
        1,
        len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1),
    )
    if engine == "dask":
        return DaskEngine(count, address)
    if count <= 1:
        return SerialEngine()
    return PoolEngine(count)
