"""Long work telling what step it is on (an OCR page), for whoever listens: the CLI's progress
display does; the library itself never prints. Listening is per context (a ContextVar), so
concurrent web requests never hear each other's steps.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from contextvars import ContextVar

__all__ = ["listening", "report"]

_listener: ContextVar[Callable[[str], None] | None] = ContextVar("jixiao_activity", default=None)


def report(step: str) -> None:
    """Tell the current listener (if any) about ``step``, e.g. ``文字识别：第 3 页``."""
    listener = _listener.get()
    if listener is not None:
        listener(step)


@contextlib.contextmanager
def listening(callback: Callable[[str], None]) -> Iterator[None]:
    """Route ``report`` calls made inside the block to ``callback``."""
    token = _listener.set(callback)
    try:
        yield
    finally:
        _listener.reset(token)
