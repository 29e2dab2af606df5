"""A lock that says "a workbench is serving this database", so ``jixiao db restore`` refuses
to replace the data under a running server (which would roll back saves it acknowledged).

``jixiao serve`` holds a shared ``flock`` on a lock file for as long as it runs (the kernel
drops it when the process ends, even after ``kill -9``); restore asks for an exclusive lock
without waiting and refuses if it cannot have it. The lock file sits beside a SQLite file, and
for a server database in the data directory, keyed by the URL: it covers servers on the same
machine, which is where ``db restore`` is run.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from jixiao.store.db import data_dir, database_url, parse_url, sqlite_path
from jixiao.store.errors import StoreError

__all__ = ["refuse_if_served", "serving"]


def _lock_path(url: str | None) -> Path:
    parsed = parse_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = sqlite_path(parsed)
        if path is not None:
            return path.with_name(f".{path.name}.serving")
    digest = hashlib.sha256(database_url(url).encode()).hexdigest()[:16]
    return data_dir() / "locks" / f"{digest}.serving"


def _open(url: str | None) -> int:
    path = _lock_path(url)
    path.parent.mkdir(parents=True, exist_ok=True)
    return os.open(path, os.O_RDWR | os.O_CREAT, 0o600)


@contextmanager
def serving(url: str | None) -> Iterator[None]:
    """Held by ``jixiao serve`` while it runs (shared: several servers may run)."""
    fd = _open(url)
    try:
        fcntl.flock(fd, fcntl.LOCK_SH)
        yield
    finally:
        os.close(fd)


def refuse_if_served(url: str | None) -> None:
    """Raise ``StoreError`` when a running ``jixiao serve`` holds the database."""
    path = _lock_path(url)
    if not path.exists():
        return  # no server has ever served this database from this machine
    try:
        fd = os.open(path, os.O_RDWR)
    except OSError:
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise StoreError(
            "数据库正被运行中的工作台（jixiao serve）使用，不能恢复：恢复会覆盖用户已保存的修改",
            hint="请先停止 jixiao serve（按 Ctrl+C），恢复完成后再重新启动。",
        ) from None
    finally:
        os.close(fd)
