"""``jixiao library``: the indicator library mined from documents — build, show, export.

Added to the main command with ``app.add_typer(library_app, name="library")``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from jixiao._exceptions import JixiaoError
from jixiao.cli._common import stdout_console
from jixiao.cli._help import ChineseCommand as _Command
from jixiao.cli._help import UrlOption, command_group
from jixiao.cli.errors import EXIT_FAILED, EXIT_USAGE, error, fail, say

if TYPE_CHECKING:
    from jixiao.library.model import Library
    from jixiao.model import Document

__all__ = ["library_app"]

library_app = command_group(
    "library",
    (
        "指标库：从大量文件中整理出的三级指标（名称规范化后聚类），带使用次数、一级/二级指标、\n"
        "使用的单位和指标值分布（中位数、分位数、计量单位）。\n"
        "\n"
        "工作台编辑三级指标时据此提示同类项目的常见取值；审核规则 VAL-16 据此发现远离同类的指标值\n"
        '（在 jixiao.toml 中设置 [tool.jixiao.params.VAL-16] library = "指标库.json"）。'
    ),
    "从文件中整理指标库，查看和导出。",
)


def _records_from_files(inputs: list[str]) -> Iterator[tuple[str, Document]]:
    """(id, document) of every readable file the inputs name; unreadable ones are reported."""
    from jixiao.corpus.inputs import expand_inputs, read_source
    from jixiao.reading import read_bytes

    for ref in expand_inputs(inputs):
        try:
            yield ref.key, read_bytes(read_source(ref), name=ref.file_name)
        except (JixiaoError, OSError) as exc:
            say(f"警告：跳过无法读取的文件：{exc}", "yellow")


@library_app.command(
    "build",
    cls=_Command,
    options_metavar="[选项]",
    help=(
        "从语料库（jixiao corpus build 生成的文件夹）、文件或文件夹，\n"
        "或者工作台数据库（--database）中的全部文档整理指标库，写成一个 JSON 文件。\n"
        "\n"
        "名称的不同写法（编号、空格、标点、“（%）”等单位注释、繁体字、个别字不同）归为同一个指标；\n"
        "模板占位文字不计入。使用次数少于 --min-count 的指标不收录。"
    ),
    short_help="整理指标库。",
)
def build_command(
    sources: Annotated[
        list[str] | None,
        typer.Argument(metavar="来源", help="语料库文件夹、文件、文件夹或 ZIP 压缩包。"),
    ] = None,
    output: Annotated[
        Path, typer.Option("--output", "-o", metavar="指标库文件", help="写入的 JSON 文件。")
    ] = Path("指标库.json"),
    database: Annotated[
        bool,
        typer.Option("--database", help="使用工作台数据库中的全部文档。", show_default=False),
    ] = False,
    url: UrlOption = None,
    min_count: Annotated[
        int, typer.Option("--min-count", metavar="次数", min=1, help="至少使用几次才收录。")
    ] = 2,
) -> None:
    from jixiao.corpus.dataset import MANIFEST
    from jixiao.library.build import IndicatorRecord, build_library
    from jixiao.library.sources import records_from_corpus, records_from_documents

    if not sources and not database:
        error("请指定来源（语料库文件夹、文件或文件夹），或用 --database 使用工作台数据库。")
        raise typer.Exit(EXIT_USAGE)
    records: list[IndicatorRecord] = []
    names: list[str] = []
    try:
        corpora = [s for s in sources or [] if (Path(s) / MANIFEST).is_file()]
        files = [s for s in sources or [] if s not in corpora]
        for corpus in corpora:
            records.extend(records_from_corpus(Path(corpus)))
            names.append(f"语料库 {corpus}")
        if files:
            docs = [(key, doc) for key, doc in _records_from_files(files)]
            records.extend(records_from_documents(docs))
            names.extend(files)
        if database:
            records.extend(records_from_documents(_database_documents(url)))
            from jixiao.store.db import display_url

            names.append(f"数据库 {display_url(url)}")
    except JixiaoError as err:
        fail(err)
    library = build_library(records, sources=names, min_count=min_count)
    try:
        library.save(output)
    except OSError as exc:
        from jixiao._exceptions import os_reason

        error(f"无法写入 {output}（{os_reason(exc)}）")
        raise typer.Exit(EXIT_FAILED) from None
    say(
        f"指标库：{len(library.entries)} 个指标（来自 {library.documents} 个文件的 "
        f"{library.indicators} 个指标）。已写入 {output}"
    )


def _database_documents(url: str | None) -> Iterator[tuple[str, Document]]:
    from sqlalchemy import select

    from jixiao.store.convert import load_document
    from jixiao.store.db import make_engine, make_sessionmaker, translate_errors
    from jixiao.store.models import DocumentRow

    engine = make_engine(url)
    try:
        with make_sessionmaker(engine)() as session, translate_errors(url, any_error=True):
            for doc_id in session.scalars(select(DocumentRow.id).order_by(DocumentRow.id)).all():
                yield str(doc_id), load_document(session, doc_id)
    finally:
        engine.dispose()


def _load(path: Path) -> Library:
    from jixiao.library.model import load_library

    try:
        return load_library(path)
    except JixiaoError as err:
        fail(err)


@library_app.command(
    "show",
    cls=_Command,
    options_metavar="[选项]",
    help="在终端显示指标库：全部（按使用次数）或名称含关键词的指标。",
    short_help="查看指标库。",
)
def show_command(
    library_file: Annotated[Path, typer.Argument(metavar="指标库文件")],
    keyword: Annotated[str | None, typer.Argument(metavar="[关键词]")] = None,
    top: Annotated[
        int, typer.Option("--top", "-n", metavar="条数", min=1, help="最多显示几条。")
    ] = 30,
) -> None:
    from jixiao.library.peers import hint

    library = _load(library_file)
    entries = library.search(keyword, top) if keyword else library.entries[:top]
    if not entries:
        say(f"指标库中没有名称含“{keyword}”的指标。")
        return
    table = Table(title=f"指标库（共 {len(library.entries)} 个指标）")
    for column in ("三级指标", "二级指标", "使用次数", "单位数", "常见取值"):
        table.add_column(column)
    for e in entries:
        table.add_row(e.name, e.level2, str(e.count), str(e.units), hint(e))
    stdout_console().print(table)


@library_app.command(
    "export",
    cls=_Command,
    options_metavar="[选项]",
    help="把指标库导出为表格：csv（UTF-8，Excel 可直接打开）或 xlsx，每个指标和计量单位一行。",
    short_help="导出指标库为 CSV 或 XLSX。",
)
def export_command(
    library_file: Annotated[Path, typer.Argument(metavar="指标库文件")],
    output: Annotated[Path, typer.Option("--output", "-o", metavar="输出文件")],
    output_format: Annotated[
        str | None,
        typer.Option(
            "--format", "-f", metavar="格式", help="csv 或 xlsx（默认按输出文件扩展名）。"
        ),
    ] = None,
) -> None:
    from jixiao.library.export import library_csv, library_xlsx

    fmt = (output_format or output.suffix.lstrip(".")).strip().lower()
    if fmt not in ("csv", "xlsx"):
        error(f"不支持的导出格式“{fmt or output.name}”，请使用 csv 或 xlsx。")
        raise typer.Exit(EXIT_USAGE)
    library = _load(library_file)
    try:
        if fmt == "csv":
            output.write_text(library_csv(library), encoding="utf-8")
        else:
            output.write_bytes(library_xlsx(library))
    except OSError as exc:
        from jixiao._exceptions import os_reason

        error(f"无法写入 {output}（{os_reason(exc)}）")
        raise typer.Exit(EXIT_FAILED) from None
    say(f"已导出 {len(library.entries)} 个指标到 {output}")
