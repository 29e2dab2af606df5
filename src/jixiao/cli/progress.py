"""Progress for work that takes more than a second or two, and the quiet switch.

Bars and spinners go to standard error and only when it is a terminal: a pipe, a file or a CI
log gets nothing from here, and neither does a run with ``--quiet`` or ``JIXIAO_QUIET=1``.
``--quiet`` also drops the informational lines (``已写入 …``); warnings and errors stay.
Standard output (JSON, tables) is never touched.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator, Sequence
from typing import Annotated, TypeVar

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.status import Status

from jixiao.activity import listening
from jixiao.cli.errors import say

__all__ = [
    "QuietOption",
    "is_quiet",
    "note",
    "set_quiet",
    "shows_progress",
    "status",
    "track",
]

T = TypeVar("T")

ENV_VAR = "JIXIAO_QUIET"
_NAME_WIDTH = 40

QuietOption = Annotated[
    bool,
    typer.Option(
        "--quiet",
        "-q",
        help=(
            f"安静模式：不显示进度条和“已写入”等提示（警告和错误照常显示）；也可设置 {ENV_VAR}=1。"
        ),
        show_default=False,
    ),
]

_quiet = False


def set_quiet(value: bool) -> None:
    """Called by the commands with their ``--quiet``; the environment variable also counts."""
    global _quiet
    _quiet = value


def is_quiet() -> bool:
    return _quiet or os.environ.get(ENV_VAR, "").strip().lower() in ("1", "true", "yes")


def shows_progress() -> bool:
    """Whether bars are drawn: not quiet, and standard error is a terminal."""
    return not is_quiet() and sys.stderr.isatty()


def note(message: str) -> None:
    """An informational line on stderr (``已写入 …``), left out in quiet mode."""
    if not is_quiet():
        say(message)


def track(items: Sequence[T], description: str, *, enabled: bool = True) -> Iterator[T]:
    """Yield ``items`` while a bar counts them (several items, on a terminal, not quiet).

    The bar advances when the next item is asked for, so it counts the caller's work on each.
    Steps the work reports (``jixiao.activity``: OCR pages) show beside the item's name; for a
    single item they show in a spinner, started only when a step is reported.
    """
    if not enabled or not shows_progress():
        yield from items
        return
    if len(items) < 2:
        with _single_item_steps():
            yield from items
        return
    console = Console(stderr=True)
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("已用"),
        TimeElapsedColumn(),
        TextColumn("剩余"),
        TimeRemainingColumn(),
        TextColumn("{task.fields[name]}", style="dim"),
    )
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task(description, total=len(items), name="")
        for item in items:
            name = _short(str(item))
            bar.update(task, name=name)

            def show(step: str, name: str = name) -> None:
                bar.update(task, name=f"{name}　{step}")

            with listening(show):
                yield item
            bar.advance(task)


def _short(name: str) -> str:
    return name if len(name) <= _NAME_WIDTH else "…" + name[-(_NAME_WIDTH - 1) :]


@contextlib.contextmanager
def _single_item_steps() -> Iterator[None]:
    with contextlib.ExitStack() as stack:
        spinner: list[Status] = []

        def show(step: str) -> None:
            if not spinner:
                spinner.append(stack.enter_context(Console(stderr=True).status(step)))
            spinner[0].update(step)

        with listening(show):
            yield


@contextlib.contextmanager
def status(message: str) -> Iterator[None]:
    """A spinner with ``message`` while the block runs (on a terminal, not quiet)."""
    if not shows_progress():
        yield
        return
    with Console(stderr=True).status(message):
        yield
