"""What the commands share: reading inputs, printing warnings, naming output files, and
counting the inputs that failed (for the exit status).

Kept light (no review engine, no renderers): ``jixiao parse`` imports it on every run.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import typer
from rich.console import Console

from jixiao._exceptions import JixiaoError, os_reason
from jixiao.cli.errors import EXIT_INTERNAL, error, internal_error, say
from jixiao.model import Document
from jixiao.reading import MAX_INPUT_BYTES, read_bytes, read_path

__all__ = [
    "STDIN_NAME",
    "Failures",
    "output_name",
    "print_warnings",
    "read_input",
    "stdout_console",
]

STDIN_NAME = "-"
_TABLE_WIDTH_WHEN_PIPED = 160
"""Console width for tables written to a file or pipe (no terminal to measure)."""


def stdout_console() -> Console:
    width = None if sys.stdout.isatty() else _TABLE_WIDTH_WHEN_PIPED
    return Console(file=sys.stdout, highlight=False, width=width)


def print_warnings(doc: Document) -> None:
    for warning in doc.warnings:
        line = warning.source.line if warning.source else None
        where = f"（第 {line} 行）" if line else ""
        say(f"警告：{doc.source.name}：{warning.message}{where}", "yellow")


def read_input(path: Path) -> Document:
    """Read one input; ``-`` is standard input."""
    if str(path) == STDIN_NAME:
        # Read at most one byte over the limit, so read_bytes refuses an oversized stream.
        data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
        return read_bytes(data, name="标准输入")
    return read_path(path)


def output_name(source: Path, suffix: str, used: set[str]) -> str:
    """The file name for one input's output: ``<stem><suffix>`` (``stdin<suffix>`` for standard
    input), numbered ``<stem>-2<suffix>``… when an earlier input took the name (in ``used``)."""
    stem = "stdin" if str(source) == STDIN_NAME else (source.stem or "document")
    name, n = f"{stem}{suffix}", 1
    while name in used:
        n += 1
        name = f"{stem}-{n}{suffix}"
    used.add(name)
    return name


class Failures:
    """The inputs of one run that failed, each reported as it happens: ``failed`` could not be
    read or written (exit status 1), ``internal`` met a jixiao bug (exit status 4)."""

    def __init__(self) -> None:
        self.failed = 0
        self.internal = 0

    def error(self, message: str) -> None:
        error(message)
        self.failed += 1

    def internal_error(self, path: Path, exc: Exception) -> None:
        internal_error(str(path), exc)
        self.internal += 1

    def cannot_write(self, doc: Document, target: Path | None, exc: OSError) -> None:
        self.error(f"{doc.source.name}：无法写入 {target}（{os_reason(exc)}）")

    def read_each(self, paths: Iterable[Path]) -> Iterator[tuple[Path, Document]]:
        """Each input that can be read, with its warnings printed; the others are reported and
        counted."""
        for path in paths:
            try:
                doc = read_input(path)
            except JixiaoError as err:
                self.error(str(err))
                continue
            except Exception as exc:
                self.internal_error(path, exc)
                continue
            print_warnings(doc)
            yield path, doc

    def finish(self, inputs: int, not_done: str) -> None:
        """Exit with status 4 after an internal error; otherwise, when some of several inputs
        failed, say how many (``not_done``: 未能读取, 未能审核)."""
        if self.internal:
            raise typer.Exit(EXIT_INTERNAL)
        if self.failed and inputs > 1:
            say(f"共 {inputs} 个文件，其中 {self.failed} 个{not_done}。", "red")
