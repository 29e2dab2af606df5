"""``jixiao corpus``: build a dataset from thousands of files, compute its statistics, and make
a synthetic corpus to try it on.

Added to the main command with ``app.add_typer(corpus_app, name="corpus")``. pyarrow, DuckDB
and Dask are imported only when a corpus command runs.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from jixiao._exceptions import JixiaoError
from jixiao.cli._common import stdout_console
from jixiao.cli._help import ChineseCommand as _Command
from jixiao.cli._help import UrlOption, command_group
from jixiao.cli.errors import EXIT_FAILED, EXIT_USAGE, error, fail, say

__all__ = ["corpus_app"]

corpus_app = command_group(
    "corpus",
    (
        "语料库：成批读取和审核大量文件（多个单位、多个年度），写成开放的 Parquet 数据集，\n"
        "并计算量化率、含糊表述、重复使用、目标下调、单位成本异常等统计。\n"
        "\n"
        "数据集的结构见 docs/corpus.md；可以用 pandas、Polars、DuckDB、Spark 直接读取。"
    ),
    "成批处理大量文件，生成数据集和统计。",
)

QuietOption = Annotated[
    bool, typer.Option("--quiet", "-q", help="不显示进度条。", show_default=False)
]


class _Bar:
    """A rich progress bar on stderr, or nothing when stderr is not a terminal / --quiet."""

    def __init__(self, quiet: bool) -> None:
        from jixiao.cli.progress import shows_progress  # also honours JIXIAO_QUIET

        self.enabled = not quiet and shows_progress()
        self.progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]} 个/秒"),
            TextColumn("失败 {task.fields[failed]}"),
            TimeElapsedColumn(),
            TextColumn("剩余"),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            disable=not self.enabled,
        )
        self._tasks: dict[str, TaskID] = {}

    def update(self, label: str, done: int, failed: int, total: int) -> None:
        if label not in self._tasks:
            self._tasks[label] = self.progress.add_task(label, total=total, rate="-", failed=0)
        task_id = self._tasks[label]
        task = self.progress.tasks[task_id]
        elapsed = task.elapsed or 0.0
        rate = f"{done / elapsed:.1f}" if elapsed > 0.5 else "-"
        self.progress.update(task_id, completed=done, total=total, rate=rate, failed=failed)


@contextmanager
def _bar(quiet: bool) -> Iterator[_Bar]:
    bar = _Bar(quiet)
    with bar.progress:
        yield bar


@corpus_app.command(
    "build",
    cls=_Command,
    options_metavar="[选项]",
    help=(
        "读取、审核输入中的每个文件，写入语料库文件夹（Parquet 数据集）。\n"
        "\n"
        "输入可以是文件夹（含子文件夹）、通配符（如 '数据/**/*.docx'）和 ZIP 压缩包，\n"
        "格式不限（jixiao 能读的都可以）。输入文件夹下的第一级子文件夹名作为“地区”。\n"
        "读不了的文件不会中断处理：记入 failures 表（文件、原因、中文说明）。\n"
        "再次运行会从中断处继续：内容相同的文件（按内容哈希）只处理一次。\n"
        "默认使用本机全部 CPU 核心；--engine dask 使用 Dask（本机集群，带监控页面），\n"
        "--scheduler 地址 连接已有的 Dask 集群。"
    ),
    short_help="成批读取和审核，写成数据集。",
)
def build_command(
    inputs: Annotated[
        list[str],
        typer.Argument(metavar="输入", help="文件夹、文件、通配符或 ZIP 压缩包（可以有多个）。"),
    ],
    output: Annotated[
        Path,
        typer.Option("--output", "-o", metavar="语料库文件夹", help="写入的文件夹。"),
    ],
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers", "-w", metavar="进程数", min=1, help="并行进程数（默认：CPU 核心数）。"
        ),
    ] = None,
    engine: Annotated[
        str,
        typer.Option("--engine", metavar="引擎", help="local（本机进程池，默认）或 dask。"),
    ] = "local",
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            metavar="地址",
            help="已有 Dask 集群调度器的地址，如 tcp://主机:8786（隐含 --engine dask）。",
        ),
    ] = None,
    retry_failed: Annotated[
        bool,
        typer.Option("--retry-failed", help="重新处理以前失败的文件。", show_default=False),
    ] = False,
    quiet: QuietOption = False,
) -> None:
    from jixiao.corpus.build import build_corpus
    from jixiao.corpus.engines import make_engine

    kind = "dask" if scheduler else engine.strip().lower()
    if kind not in ("local", "dask"):
        error(f"不支持的引擎“{engine}”，请使用 local 或 dask。")
        raise typer.Exit(EXIT_USAGE)
    try:
        runner = make_engine(kind, workers, scheduler)
    except OSError as exc:
        error(f"无法启动并行处理（{exc}）")
        raise typer.Exit(EXIT_FAILED) from None
    say(f"并行方式：{runner.description}")
    try:
        with _bar(quiet) as bar:
            summary = build_corpus(
                inputs,
                output,
                runner,
                retry_failed=retry_failed,
                on_hashing=lambda d, f, t: bar.update("检查文件", d, f, t),
                on_progress=lambda d, f, t: bar.update("读取和审核", d, f, t),
            )
    except JixiaoError as err:
        fail(err)
    finally:
        runner.close()
    say(
        f"共 {summary.found} 个文件：新读取 {summary.read} 个，失败 {summary.failed} 个，"
        f"已在语料库中（跳过）{summary.skipped} 个，内容重复 {len(summary.duplicates)} 个。"
    )
    if summary.failed:
        say(f"失败的文件及原因见 jixiao corpus stats {output} 的“未能读取的文件”。")
    say(f"语料库：{output}")


@corpus_app.command(
    "stats",
    cls=_Command,
    options_metavar="[选项]",
    help=(
        "计算语料库的统计：按地区、单位、年度的量化率、含糊表述、占位文字、一级/二级指标\n"
        "构成、指标重复使用、逐年未变和下调的目标、雷同的绩效目标、预算与产出不匹配、\n"
        "单位成本异常、审核意见分布。\n"
        "\n"
        "--format：table（终端表格，默认）、csv（每项统计一个文件，-o 指定文件夹）、\n"
        "xlsx（一个工作簿）、html（带图表的独立网页）。"
    ),
    short_help="计算语料库统计，输出表格、CSV、XLSX 或 HTML。",
)
def stats_command(
    corpus: Annotated[Path, typer.Argument(metavar="语料库文件夹")],
    output_format: Annotated[
        str,
        typer.Option("--format", "-f", metavar="格式", help="table、csv、xlsx 或 html。"),
    ] = "table",
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="输出", help="输出文件（csv 时为文件夹）。"),
    ] = None,
    goal_pairs: Annotated[
        int,
        typer.Option(
            "--goal-pairs",
            metavar="对数",
            min=0,
            help="雷同的绩效目标最多列出多少对（按年度的对数总是全部统计）。",
        ),
    ] = 1000,
) -> None:
    from jixiao.corpus.report import stats_html, stats_xlsx, write_csv
    from jixiao.corpus.stats import compute_stats

    fmt = output_format.strip().lower()
    if fmt not in ("table", "csv", "xlsx", "html"):
        error(f"不支持的输出格式“{output_format}”，请使用 table、csv、xlsx 或 html。")
        raise typer.Exit(EXIT_USAGE)
    if fmt in ("csv", "xlsx") and output is None:
        error(f"--format {fmt} 需要用 -o 指定输出{'文件夹' if fmt == 'csv' else '文件'}。")
        raise typer.Exit(EXIT_USAGE)
    try:
        tables = compute_stats(corpus, goal_pairs=goal_pairs)
    except JixiaoError as err:
        fail(err)
    try:
        if fmt == "table":
            console = stdout_console()
            for stat in tables:
                view = Table(title=stat.title, caption=stat.note, show_lines=False)
                for column in stat.columns:
                    view.add_column(column)
                for row in stat.rows[:50]:
                    view.add_row(*("" if v is None else str(v) for v in row))
                console.print(view)
                if len(stat.rows) > 50:
                    console.print(
                        f"（共 {len(stat.rows)} 行，只显示前 50 行；完整结果请用 csv/xlsx/html）"
                    )
        elif fmt == "csv":
            assert output is not None
            written = write_csv(tables, output)
            say(f"已写入 {len(written)} 个 CSV 文件到 {output}")
        elif fmt == "xlsx":
            assert output is not None
            output.write_bytes(stats_xlsx(tables))
            say(f"已写入 {output}")
        else:
            html = stats_html(tables, corpus_name=corpus.name)
            if output is None:
                sys.stdout.write(html)
            else:
                output.write_text(html, encoding="utf-8")
                say(f"已写入 {output}")
    except OSError as exc:
        from jixiao._exceptions import os_reason

        error(f"无法写入 {output}（{os_reason(exc)}）")
        raise typer.Exit(EXIT_FAILED) from None


@corpus_app.command(
    "generate",
    cls=_Command,
    options_metavar="[选项]",
    help=(
        "用内置的四份示例文件生成一个合成语料库（多个单位、多个年度），用于演示、测试和\n"
        "性能测试。文件名以 synthetic- 开头，单位名称带“（合成）”，数据集中也标为合成数据。\n"
        "生成时加入已知比例的问题：目标逐年下调、含糊的指标值、单位之间复制的指标、预算变化。"
    ),
    short_help="生成合成语料库（演示和测试用）。",
)
def generate_command(
    output: Annotated[Path, typer.Argument(metavar="输出文件夹")],
    units: Annotated[int, typer.Option("--units", metavar="单位数", min=1, help="单位数。")] = 20,
    years: Annotated[
        str, typer.Option("--years", metavar="年度", help="逗号分隔的年度。")
    ] = "2023,2024,2025",
    seed: Annotated[int, typer.Option("--seed", metavar="随机种子", help="随机种子。")] = 7,
) -> None:
    from jixiao.corpus.synth import generate_corpus

    try:
        year_list = tuple(int(y) for y in years.replace("，", ",").split(",") if y.strip())
    except ValueError:
        error(f"年度“{years}”有误：请写成逗号分隔的四位数字，如 2023,2024,2025。")
        raise typer.Exit(EXIT_USAGE) from None
    if not year_list or any(not 1990 <= y <= 2100 for y in year_list):
        error(f"年度“{years}”有误：请写成逗号分隔的四位数字，如 2023,2024,2025。")
        raise typer.Exit(EXIT_USAGE)
    try:
        made = generate_corpus(output, units=units, years=year_list, seed=seed)
    except OSError as exc:
        from jixiao._exceptions import os_reason

        error(f"无法写入 {output}（{os_reason(exc)}）")
        raise typer.Exit(EXIT_FAILED) from None
    say(
        f"已生成 {len(made.files)} 个合成文件到 {output}"
        f"（{units} 个单位 × {len(year_list)} 个年度；"
        f"下调的目标 {made.lowered} 个，含糊的指标值 {made.vague} 个，复制指标的项目 "
        f"{made.copied_projects} 个）。"
    )


@corpus_app.command(
    "import",
    cls=_Command,
    options_metavar="[选项]",
    help=(
        "把语料库中的全部文档成批载入工作台的数据库（SQLite 或 PostgreSQL），\n"
        "作为草稿保存并审核，审计日志记为“语料库导入”。\n"
        "\n"
        "数据库中已有的文档（内容相同）会跳过，所以语料库增加文件后可以再次导入。\n"
        "数据库默认是数据目录中的 SQLite 文件；\n"
        "--url 或环境变量 JIXIAO_DATABASE_URL 可指定其他数据库。"
    ),
    short_help="把语料库载入工作台数据库。",
)
def import_command(
    corpus: Annotated[Path, typer.Argument(metavar="语料库文件夹")],
    url: UrlOption = None,
    quiet: QuietOption = False,
) -> None:
    from jixiao.corpus.importer import import_corpus
    from jixiao.store.db import display_url

    try:
        with _bar(quiet) as bar:
            summary = import_corpus(
                corpus, url, on_progress=lambda d, t: bar.update("载入数据库", d, 0, t)
            )
    except JixiaoError as err:
        fail(err)
    say(
        f"语料库共 {summary.total} 个文档：载入 {summary.imported} 个，"
        f"数据库中已有（跳过）{summary.skipped} 个。数据库：{display_url(url)}"
    )
