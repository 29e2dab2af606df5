"""Native libraries' writes to file descriptor 2 kept off the user's terminal.

A Rust panic inside calamine is caught (pyo3 raises ``PanicException``, which the reader turns
into a Chinese 「已损坏」 message), but Rust's panic hook has already written
``thread '<unnamed>' panicked at …`` to fd 2 in English. ``sys.stderr`` cannot catch that: the
descriptor itself is pointed at a temporary file while the library runs, then restored.
``JIXIAO_DEBUG=1`` leaves fd 2 alone, so a developer sees the library's own words.

fd 2 is shared by the whole process: one thread redirects at a time (a lock), and the few
milliseconds of another thread's output that land in the file meanwhile are copied back.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
import tempfile
import threading
from collections.abc import Iterator

__all__ = ["quiet_native_stderr"]

_LOCK = threading.Lock()
_PANIC = re.compile(
    rb"\n?thread '[^\n]*' (?:\(\d+\) )?panicked at .*?(?:note: [^\n]*RUST_BACKTRACE[^\n]*\n|\Z)",
    re.DOTALL,
)


@contextlib.contextmanager
def quiet_native_stderr() -> Iterator[None]:
    """fd 2 redirected for the block; a Rust panic's report is dropped, anything else kept."""
    if os.environ.get("JIXIAO_DEBUG") == "1":
        yield
        return
    try:
        fd = sys.__stderr__.fileno() if sys.__stderr__ is not None else 2
    except (AttributeError, OSError, ValueError):  # no real stderr (an embedded interpreter)
        yield
        return
    with _LOCK, tempfile.TemporaryFile() as sink:
        with contextlib.suppress(OSError, ValueError):
            sys.__stderr__.flush()  # type: ignore[union-attr]
        saved = os.dup(fd)
        os.dup2(sink.fileno(), fd)
        try:
            yield
        finally:
            os.dup2(saved, fd)
            os.close(saved)
            sink.seek(0)
            kept = _without_panics(sink.read())
            if kept:
                os.write(fd, kept)


def _without_panics(captured: bytes) -> bytes:
    """What the block wrote to fd 2, less a panic's report: from ``thread '…' panicked at``
    through its message to the ``note: … RUST_BACKTRACE …`` line (or to the end)."""
    return _PANIC.sub(b"", captured)
