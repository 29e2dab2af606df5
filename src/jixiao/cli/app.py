"""The ``jixiao`` Typer application and its root options; commands register on it from
their own modules (``documents``, ``review_commands``, …; see ``main``)."""

from __future__ import annotations

from typing import Annotated

import typer

from jixiao import __version__
from jixiao.cli._help import ChineseGroup

__all__ = ["PROG", "app"]

PROG = "jixiao"

app = typer.Typer(
    name=PROG,
    cls=ChineseGroup,
    help=(
        "jixiao（绩效）：读取部门预算绩效信息（绩效目标表），输出开放的 JSON 格式或汇总表，\n"
        "并按审核规则审核绩效目标，给出审核意见、得分和等级。"
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    options_metavar="[选项]",
    subcommand_metavar="命令 [参数]...",
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"{PROG} {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            "-V",
            callback=_show_version,
            is_eager=True,
            help="显示版本号并退出。",
        ),
    ] = False,
) -> None:
    # The group's help text is set on ``app``; this callback only adds --version.
    pass
