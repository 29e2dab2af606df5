"""``jixiao diff OLD NEW``: compare two years' documents (projects matched, targets raised or
lowered, indicators added or dropped, budget against output).

Registered in ``main`` like ``serve``; the comparison itself is ``jixiao.compare``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from jixiao._exceptions import JixiaoError, os_reason
from jixiao.cli._common import print_warnings, read_input, stdout_console
from jixiao.cli.errors import (
    EXIT_FAILED,
    EXIT_INTERNAL,
    EXIT_USAGE,
    error,
    fail,
    internal_error,
    say,
)
from jixiao.cli.options import FormatOption, OutputOption
from jixiao.model import Document

__all__ = ["DIFF_HELP", "DIFF_SHORT_HELP", "diff_command"]

DIFF_HELP = (
    "对比两个年度的绩效目标：上年文件（OLD）和本年文件（NEW）。\n"
    "\n"
    "项目先按项目编码对应，没有相同编码时按项目名称相似度对应（一对一，最相似的先配对），\n"
    "每个对应都说明依据；没有对应的项目列为新增或取消。对应的项目比较预算数、绩效目标和\n"
    "每项指标：目标提高、降低、不变或无法比较（计量单位不同或没有数值）；“≤”类目标（成本、\n"
    "时限）数值越小要求越高。目标值低于上年、预算增加而数量指标目标没有提高时给出提示。\n"
    "\n"
    "输入可以是 jixiao 能读取的任何文件（文本、DOCX、XLSX、PDF、文档 JSON 等）。\n"
    "输出格式（--format）：text 终端表格（默认）、json 机器可读、html 网页（须用 -o）。\n"
    "对比完成即以状态 0 退出（有提示也一样）；文件无法读取时退出状态为 1。"
)
DIFF_SHORT_HELP = "对比两个年度的绩效目标（与上年对比）。"

_FORMATS = {"text": "text", "terminal": "text", "json": "json", "html": "html"}


def _read(path: Path) -> Document:
    try:
        doc = read_input(path)
    except JixiaoError as err:
        fail(err)
    except Exception as exc:
        internal_error(str(path), exc)
        raise typer.Exit(EXIT_INTERNAL) from None
    print_warnings(doc)
    return doc


def diff_command(
    old_path: Annotated[
        Path, typer.Argument(metavar="上年文件", help="较早年度的文件。", show_default=False)
    ],
    new_path: Annotated[
        Path, typer.Argument(metavar="本年文件", help="较晚年度的文件。", show_default=False)
    ],
    output_format: Annotated[str, FormatOption("输出格式：text（默认）、json 或 html。")] = "text",
    output: Annotated[Path | None, OutputOption("写入此文件（html 必须）。", "文件")] = None,
    threshold: Annotated[
        float,
        typer.Option(
            "--threshold",
            metavar="相似度",
            min=0.0,
            max=1.0,
            help="按名称对应项目和指标时的最低相似度（0～1，默认 0.6）。",
            show_default=False,
        ),
    ] = 0.6,
    budget_increase: Annotated[
        float,
        typer.Option(
            "--budget-increase",
            metavar="百分比",
            min=0.0,
            help="预算增加达到此百分比而数量指标目标未提高时提示（默认 10）。",
            show_default=False,
        ),
    ] = 10.0,
) -> None:
    from rich.console import Console

    from jixiao.compare import DiffOptions, compare_documents
    from jixiao.compare.html import render_html
    from jixiao.compare.terminal import render_text

    fmt = _FORMATS.get(output_format.strip().lower())
    if fmt is None:
        error(f"不支持的输出格式“{output_format}”，请使用 text、json 或 html。")
        raise typer.Exit(EXIT_USAGE)
    if fmt == "html" and output is None:
        error("html 格式须用 -o 指定输出文件，如 -o 对比.html。")
        raise typer.Exit(EXIT_USAGE)
    old, new = _read(old_path), _read(new_path)
    options = DiffOptions(
        project_threshold=threshold,
        indicator_threshold=threshold,
        budget_increase=budget_increase,
    )
    try:
        diff = compare_documents(old, new, options)
    except Exception as exc:
        internal_error(f"{old_path} 与 {new_path}", exc)
        raise typer.Exit(EXIT_INTERNAL) from None
    try:
        if fmt == "json":
            text = diff.to_json() + "\n"
            if output is None:
                sys.stdout.write(text)
                sys.stdout.flush()
            else:
                output.write_text(text, encoding="utf-8")
        elif fmt == "html":
            assert output is not None
            output.write_text(render_html(diff), encoding="utf-8")
        elif output is None:
            render_text(diff, stdout_console())
        else:
            with output.open("w", encoding="utf-8") as handle:
                render_text(diff, Console(file=handle, width=120, color_system=None))
    except OSError as exc:
        error(f"无法写入 {output}（{os_reason(exc)}）")
        raise typer.Exit(EXIT_FAILED) from None
    if output is not None:
        say(f"已写入 {output}（匹配项目 {diff.summary.matched} 个，提示 {diff.summary.flags} 条）")
