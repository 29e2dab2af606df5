"""The recogniser in a child process, one per file, so its memory goes back to the system.

The OCR models and onnxruntime's buffers take ~400 MB that the allocator keeps once touched: in
a long-running web process every scan read would keep it for good. So the page images are sent
to a child (``python -m jixiao.readers.ocr.worker``) started on the first page that needs the
recogniser and ended when the file is done; its exit releases everything. A blank page never
starts it (``scan.scan_blocks`` skips blank pages before asking).

The protocol on the child's stdin/stdout: a page is an 8-byte header (height, width as two
big-endian uint32) and the grayscale pixels; the answer is one JSON line, a list of
``[text, x0, top, x1, bottom, score]`` or ``{"error": "..."}``. The child cannot open network
connections: the engine must work offline, and now it cannot do otherwise.
"""

from __future__ import annotations

import contextlib
import json
import os
import struct
import subprocess
import sys
from collections.abc import Iterator
from contextvars import ContextVar
from pathlib import Path
from typing import IO, Any

import numpy as np
import numpy.typing as npt

from jixiao.readers.ocr.engine import TextBox

__all__ = ["OcrChild", "OcrChildError", "child_per_file", "recognise", "use_child"]

_HEADER = struct.Struct(">II")


class OcrChildError(RuntimeError):
    """The child failed or died (the reader turns this into a Chinese ``ReadError``)."""


class OcrChild:
    """One recogniser process, started on first use and ended by ``close``."""

    def __init__(self) -> None:
        self._proc: subprocess.Popen[bytes] | None = None
        self.started = 0  # how many processes this object started (tests count them)

    def recognise(self, gray: npt.NDArray[np.uint8]) -> list[TextBox]:
        proc = self._process()
        assert proc.stdin is not None and proc.stdout is not None
        pixels = np.ascontiguousarray(gray, dtype=np.uint8)
        try:
            proc.stdin.write(_HEADER.pack(*pixels.shape[:2]) + pixels.tobytes())
            proc.stdin.flush()
            line = proc.stdout.readline()
        except OSError as exc:  # the child died while being written to
            self.close()
            raise OcrChildError(f"OCR child failed: {exc}") from exc
        if not line:
            code = proc.wait()
            self.close()
            raise OcrChildError(f"OCR child ended with exit status {code}")
        answer = json.loads(line)
        if isinstance(answer, dict):
            raise OcrChildError(str(answer.get("error")))
        return [TextBox(str(t), *map(float, rest)) for t, *rest in answer]

    def _process(self) -> subprocess.Popen[bytes]:
        if self._proc is None or self._proc.poll() is not None:
            self._proc = subprocess.Popen(
                command(),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=None if os.environ.get("JIXIAO_DEBUG") == "1" else subprocess.DEVNULL,
                env=_environment(),
            )
            self.started += 1
        return self._proc

    def close(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        with contextlib.suppress(OSError):
            assert proc.stdin is not None
            proc.stdin.close()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()


def command() -> list[str]:
    """How the child is started (a function, so a test can start something else)."""
    return [sys.executable, "-m", "jixiao.readers.ocr.worker"]


def _environment() -> dict[str, str]:
    """The parent's environment, with this copy of jixiao first on the path (a source tree
    run with ``PYTHONPATH=src`` or an installed package alike)."""
    package_root = str(Path(__file__).resolve().parents[3])
    paths = [package_root, *os.environ.get("PYTHONPATH", "").split(os.pathsep)]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in paths if p)}


_CURRENT: ContextVar[OcrChild | None] = ContextVar("jixiao_ocr_child", default=None)


@contextlib.contextmanager
def use_child(child: OcrChild) -> Iterator[None]:
    """Pages recognised inside the block go to ``child``."""
    token = _CURRENT.set(child)
    try:
        yield
    finally:
        _CURRENT.reset(token)


@contextlib.contextmanager
def child_per_file() -> Iterator[OcrChild]:
    """A child for the pages of one file, ended when the file is done."""
    child = OcrChild()
    try:
        with use_child(child):
            yield child
    finally:
        child.close()


def recognise(gray: npt.NDArray[np.uint8]) -> list[TextBox]:
    """Text lines of a page image: in the file's child, or here when no child is in use (the
    child itself, and callers that manage memory themselves)."""
    child = _CURRENT.get()
    if child is None:
        from jixiao.readers.ocr.engine import recognise as in_process

        return in_process(gray)
    return child.recognise(gray)


# -- the child ------------------------------------------------------------------------------------


def _offline() -> None:
    import socket

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise OSError("network use is not allowed in the OCR worker")

    socket.socket.connect = refuse  # type: ignore[method-assign]
    socket.socket.connect_ex = refuse  # type: ignore[method-assign,assignment]


def serve(stdin: IO[bytes], stdout: IO[bytes]) -> None:
    """Answer pages until the parent closes stdin."""
    from jixiao.readers.ocr.engine import recognise as in_process

    while True:
        header = stdin.read(_HEADER.size)
        if len(header) < _HEADER.size:
            return
        height, width = _HEADER.unpack(header)
        pixels = stdin.read(height * width)
        try:
            gray = np.frombuffer(pixels, dtype=np.uint8).reshape(height, width)
            boxes = in_process(gray)
            answer: Any = [[b.text, b.x0, b.top, b.x1, b.bottom, b.score] for b in boxes]
        except Exception as exc:  # reported to the parent, which names the page
            answer = {"error": f"{type(exc).__name__}: {exc}"}
        stdout.write(json.dumps(answer, ensure_ascii=False).encode("utf-8") + b"\n")
        stdout.flush()


def main() -> None:
    """The child: no network, then pages until the parent closes stdin."""
    _offline()
    serve(sys.stdin.buffer, sys.stdout.buffer)


if __name__ == "__main__":
    main()
