"""The document commands: ``parse`` (JSON or a summary table), ``render`` (the official
forms) and ``demo`` (the bundled examples)."""

from __future__ import annotations

import sys
from importlib.resources import files
from pathlib import Path
from typing import Annotated

import typer

from jixiao._exceptions import JixiaoError, os_reason
from jixiao.cli._common import Failures, output_name, print_warnings, stdout_console
from jixiao.cli._help import ChineseCommand
from jixiao.cli.app import app
from jixiao.cli.errors import EXIT_FAILED, EXIT_USAGE, error, fail
from jixiao.cli.options import FormatOption, OutputOption
from jixiao.cli.progress import QuietOption, note, set_quiet, track
from jixiao.cli.summary import render_summary
from jixiao.model import Document
from jixiao.reading import read_bytes

__all__ = ["demo_command", "parse_command", "render_command"]


@app.command(
    "parse",
    cls=ChineseCommand,
    options_metavar="[选项]",
    help=(
        "读取一个或多个部门预算绩效信息文件。\n"
        "\n"
        "只读一个文件时，JSON 输出到标准输出；\n"
        "用 -o 目录 时，每个文件在该目录下写一个同名的 .json 文件；\n"
        "用 --format table 时，输出单位、项目、预算数和指标数汇总表。\n"
        "文件名写 - 表示从标准输入读取。\n"
        "有文件读取失败时退出状态为 1，其余文件照常处理。"
    ),
    short_help="读取文件，输出 JSON 或汇总表。",
)
def parse_command(
    paths: Annotated[
        list[Path],
        typer.Argument(
            metavar="文件",
            help="要读取的文件（可以有多个）。",
            show_default=False,
        ),
    ],
    output: Annotated[
        Path | None, OutputOption("把每个文件的 JSON 写到此目录（不存在时自动创建）。", "目录")
    ] = None,
    output_format: Annotated[
        str, FormatOption("输出格式：json（默认）或 table（汇总表）。")
    ] = "json",
    quiet: QuietOption = False,
) -> None:
    set_quiet(quiet)
    fmt = output_format.strip().lower()
    if fmt not in ("json", "table"):
        error(f"不支持的输出格式“{output_format}”，请使用 json 或 table。")
        raise typer.Exit(EXIT_USAGE)
    if fmt == "json" and output is None and len(paths) > 1:
        error(
            f"一次读取了 {len(paths)} 个文件：JSON 只能逐个输出。"
            "请用 -o 目录 把每个文件的 JSON 写到该目录，或用 --format table 查看汇总表。"
        )
        raise typer.Exit(EXIT_USAGE)
    if output is not None:
        try:
            output.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            error(f"无法创建输出目录 {output}（{os_reason(exc)}）")
            raise typer.Exit(EXIT_USAGE) from None

    failures = Failures()
    docs: list[Document] = []
    used_names: set[str] = set()
    json_out = fmt == "json" and output is None  # no progress beside machine-read output
    for path, doc in failures.read_each(track(paths, "正在读取", enabled=not json_out)):
        if output is not None:
            target = output / output_name(path, ".json", used_names)
            try:
                target.write_text(doc.to_json() + "\n", encoding="utf-8")
            except OSError as exc:
                failures.cannot_write(doc, target, exc)
                continue
            note(f"已写入 {target}（{len(doc.projects)} 个项目，{len(doc.warnings)} 条警告）")
        elif fmt == "json":
            sys.stdout.write(doc.to_json() + "\n")
            sys.stdout.flush()
        docs.append(doc)

    if fmt == "table" and docs:
        render_summary(docs, stdout_console())
    failures.finish(len(paths), "未能读取")
    if failures.failed:
        raise typer.Exit(EXIT_FAILED)


@app.command(
    "render",
    cls=ChineseCommand,
    options_metavar="[选项]",
    help=(
        "把文件按官方表样输出为 DOCX、XLSX、HTML 或 PDF。\n"
        "\n"
        "输入可以是 jixiao 能读取的任何文件（文本、DOCX、XLSX、PDF、文档 JSON 等）。\n"
        "转换一个文件时 -o 为输出文件；转换多个文件时 -o 为目录，每个文件写一个同名文件。"
    ),
    short_help="按官方表样输出 DOCX/XLSX/HTML/PDF。",
)
def render_command(
    paths: Annotated[
        list[Path],
        typer.Argument(metavar="文件", help="要转换的文件（可以有多个）。", show_default=False),
    ],
    to: Annotated[
        str,
        typer.Option(
            "--to", "-t", metavar="格式", help="docx、xlsx、html 或 pdf。", show_default=False
        ),
    ],
    output: Annotated[Path, OutputOption("输出文件（转换多个文件时为目录）。")],
    quiet: QuietOption = False,
) -> None:
    from jixiao.render import TARGETS, render

    set_quiet(quiet)
    target = next((t for t in TARGETS if t == to.strip().lower()), None)
    if target is None:
        error(f"不支持的输出格式“{to}”，请使用 {'、'.join(TARGETS)}。")
        raise typer.Exit(EXIT_USAGE)
    several = len(paths) > 1
    failures = Failures()
    used_names: set[str] = set()
    for path, doc in failures.read_each(track(paths, "正在转换")):
        try:
            data = render(doc, target)
        except JixiaoError as err:
            failures.error(str(err))
            continue
        except Exception as exc:
            failures.internal_error(path, exc)
            continue
        written = output / output_name(path, f".{target}", used_names) if several else output
        try:
            written.parent.mkdir(parents=True, exist_ok=True)
            written.write_bytes(data)
        except OSError as exc:
            failures.cannot_write(doc, written, exc)
            continue
        note(f"已写入 {written}（{len(doc.projects)} 个项目）")
    failures.finish(len(paths), "未能转换")
    if failures.failed:
        raise typer.Exit(EXIT_FAILED)


@app.command(
    "demo",
    cls=ChineseCommand,
    options_metavar="[选项]",
    help="读取内置的四份示例文件，打印单位、项目、预算数和指标数量汇总表。",
    short_help="汇总内置的示例文件。",
)
def demo_command() -> None:
    examples = files("jixiao") / "examples"
    entries = sorted(
        (entry for entry in examples.iterdir() if entry.name.endswith(".txt")),
        key=lambda entry: entry.name,
    )
    docs: list[Document] = []
    for entry in entries:
        try:
            doc = read_bytes(entry.read_bytes(), name=entry.name)
        except JixiaoError as err:
            fail(err)
        print_warnings(doc)
        docs.append(doc)
    if not docs:
        error("没有找到内置的示例文件，安装可能不完整。")
        raise typer.Exit(EXIT_FAILED)
    render_summary(docs, stdout_console())
