"""The ``jixiao`` command's entry point: every command registered on the one app, and the run.

Errors never reach users as tracebacks: a ``JixiaoError`` is printed as its (Chinese) message and
hint and the run exits with its class's status; anything unexpected is reported as a short
内部错误 (exit status 4; ``JIXIAO_DEBUG=1`` also shows the traceback). Typer/click usage errors
are re-worded in Chinese too (``cli.errors``), which is why the app runs with
``standalone_mode=False``.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Sequence

import typer.main

from jixiao._exceptions import JixiaoError
from jixiao.cli import documents, review_commands
from jixiao.cli._help import ChineseCommand
from jixiao.cli.app import PROG, app
from jixiao.cli.corpus import corpus_app
from jixiao.cli.db import db_app
from jixiao.cli.diff import DIFF_HELP, DIFF_SHORT_HELP, diff_command
from jixiao.cli.errors import (
    EXIT_FAILED,
    EXIT_INTERNAL,
    EXIT_OK,
    error,
    internal_error,
    is_abort,
    is_click_error,
    report_click_error,
    say,
)
from jixiao.cli.library import library_app
from jixiao.cli.lifecycle import (
    MONITOR_HELP,
    SCORE_HELP,
    TEMPLATE_HELP,
    monitor_command,
    score_command,
    template_command,
)
from jixiao.cli.serve import SERVE_HELP, SERVE_SHORT_HELP, serve_command
from jixiao.cli.user import user_app

__all__ = ["app", "main"]

COMMAND_MODULES = (documents, review_commands)
"""Modules whose commands register on ``app`` when imported (parse, render, demo; review,
rules); the command groups below are added here."""

app.add_typer(corpus_app, name="corpus")
app.add_typer(db_app, name="db")
app.add_typer(library_app, name="library")
app.add_typer(user_app, name="user")
for name, command, help_text, short_help in (
    ("serve", serve_command, SERVE_HELP, SERVE_SHORT_HELP),
    ("diff", diff_command, DIFF_HELP, DIFF_SHORT_HELP),
    ("monitor", monitor_command, MONITOR_HELP, "运行监控：预算执行和绩效目标的信号灯。"),
    ("score", score_command, SCORE_HELP, "绩效自评计分：每项得分、总分和等级。"),
    ("template", template_command, TEMPLATE_HELP, "生成运行监控或绩效自评的填报表（XLSX）。"),
):
    app.command(
        name, cls=ChineseCommand, options_metavar="[选项]", help=help_text, short_help=short_help
    )(command)


def _setup_streams() -> None:
    """JSON on a pipe or in a file is UTF-8 whatever the locale; never crash on printing."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            encoding = stream.encoding if stream.isatty() else "utf-8"
            stream.reconfigure(encoding=encoding, errors="replace")


def main(argv: Sequence[str] | None = None) -> None:
    """Run the CLI (console script ``jixiao`` and ``python -m jixiao``); exits the process."""
    _setup_streams()
    command = typer.main.get_command(app)
    try:
        result = command.main(
            args=list(argv) if argv is not None else None,
            prog_name=PROG,
            standalone_mode=False,
        )
    except KeyboardInterrupt:
        say("已中断。", "red")
        sys.exit(130)
    except JixiaoError as exc:  # not caught by its command
        error(str(exc))
        sys.exit(exc.exit_code)
    except Exception as exc:
        if is_click_error(exc):
            sys.exit(report_click_error(exc))
        if is_abort(exc):
            say("已中止。", "red")
            sys.exit(EXIT_FAILED)
        internal_error(None, exc)
        sys.exit(EXIT_INTERNAL)
    sys.exit(result if isinstance(result, int) else EXIT_OK)
