"""``jixiao monitor``, ``jixiao score`` and ``jixiao template``: the targets' year after approval.

``monitor`` and ``score`` read a target document (any format jixiao reads, or a document JSON
that already carries records), attach the actuals of a filled 填报表 when ``--actuals`` is
given, write the filled document (``-o``) and print the engine's report. Exit status: 0, or 3
when a finding is of error level (as ``review``), 1 when an input cannot be read or an output
not written, 2 for a bad command line or configuration (a scheme's unknown preset or value).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from jixiao._exceptions import JixiaoError, os_reason
from jixiao.cli._common import (
    EXIT_FAILED,
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_USAGE,
    error,
    internal_error,
    print_warnings,
    read_input,
    say,
    stdout_console,
)
from jixiao.lifecycle.workbook import KIND_LABELS, Kind
from jixiao.model import Document

__all__ = [
    "MONITOR_HELP",
    "SCORE_HELP",
    "TEMPLATE_HELP",
    "monitor_command",
    "score_command",
    "template_command",
]

MONITOR_HELP = (
    "运行监控（双监控）：预算执行进度和绩效目标实现程度的信号灯。\n"
    "\n"
    "读取绩效目标文件（jixiao 能读取的任何格式，或已含监控记录的文档 JSON），用 --actuals 指定\n"
    "填好的填报表（jixiao template monitor 生成）。预算执行进度与序时进度、与本项目的资金支出\n"
    "计划对比；每项指标按完成值给出红、黄、绿、蓝灯；红灯、黄灯须填写偏差原因和完成目标可能性。\n"
    "阈值和省级方案在配置文件的 [tool.jixiao.monitoring] 中设置。\n"
    "-o 写出填入监控记录的文档 JSON。有“错误”级意见时退出状态为 3。"
)
SCORE_HELP = (
    "绩效自评计分：按财预〔2020〕10号（或配置的省级方案）计算每项指标的得分、总分和等级。\n"
    "\n"
    "读取绩效目标文件，用 --actuals 指定填好的自评填报表（jixiao template selfeval 生成）。\n"
    "每个得分都列出公式和数据；填报的得分与计算结果不一致时给出意见。方案在配置文件的\n"
    "[tool.jixiao.scoring] 中设置。-o 写出填入自评记录的文档 JSON。有“错误”级意见时退出状态为 3。"
)
TEMPLATE_HELP = (
    "生成填报表（XLSX）：每项指标一行，绩效目标列已填好并锁定，偏差原因、完成目标可能性、\n"
    "达成情况等列有下拉选项。类型：monitor（运行监控）或 selfeval（绩效自评）。\n"
    "填好后用 jixiao monitor / jixiao score 的 --actuals 读取。"
)

_KINDS: dict[str, Kind] = {
    "monitor": "monitor",
    "监控": "monitor",
    "运行监控": "monitor",
    "selfeval": "selfeval",
    "自评": "selfeval",
    "绩效自评": "selfeval",
}


def _config(config_path: Path | None) -> tuple[dict[str, object], dict[str, object]]:
    from jixiao.review.config import find_config, load_config

    if config_path is not None and not config_path.is_file():
        raise JixiaoError(
            "配置文件不存在", source=str(config_path), hint="请检查 --config 的路径。"
        )
    config = load_config(config_path or find_config(Path.cwd()))
    return config.monitoring, config.scoring


def _load(path: Path, actuals: Path | None, kind: Kind) -> tuple[Document, int | None]:
    """The document with the workbook's actuals attached (and the workbook's month)."""
    from jixiao.lifecycle.actuals import apply_actuals

    doc = read_input(path)
    print_warnings(doc)
    if actuals is None:
        return doc, None
    try:
        data = actuals.read_bytes()
    except OSError as exc:
        raise JixiaoError(f"无法读取填报表（{os_reason(exc)}）", source=str(actuals)) from None
    filled, found, month = apply_actuals(doc, data, str(actuals))
    if found != kind:
        other = "jixiao score" if found == "selfeval" else "jixiao monitor"
        raise JixiaoError(
            f"这是{KIND_LABELS[found]}填报表，不是{KIND_LABELS[kind]}填报表",
            source=str(actuals),
            hint=f"请用 {other} 读取它。",
        )
    return filled, month


def _write_document(doc: Document, output: Path | None) -> None:
    if output is None:
        return
    try:
        output.write_text(doc.to_json() + "\n", encoding="utf-8")
    except OSError as exc:
        raise JixiaoError(f"无法写入（{os_reason(exc)}）", source=str(output)) from None
    say(f"已写入 {output}")


def _format(value: str) -> str:
    fmt = value.strip().lower()
    if fmt not in ("text", "json"):
        error(f"不支持的输出格式“{value}”，请使用 text 或 json。")
        raise typer.Exit(EXIT_USAGE)
    return fmt


FileArg = Annotated[
    Path, typer.Argument(metavar="文件", help="绩效目标文件或文档 JSON。", show_default=False)
]
ActualsOpt = Annotated[
    Path | None,
    typer.Option(
        "--actuals", "-a", metavar="填报表", help="填好的填报表 XLSX。", show_default=False
    ),
]
FormatOpt = Annotated[
    str,
    typer.Option(
        "--format", "-f", metavar="格式", help="报告格式：text（默认）或 json。", show_default=False
    ),
]
OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output", "-o", metavar="文件", help="写出填入记录的文档 JSON。", show_default=False
    ),
]
ConfigOpt = Annotated[
    Path | None,
    typer.Option(
        "--config", metavar="配置文件", help="jixiao.toml 或 pyproject.toml。", show_default=False
    ),
]


def monitor_command(
    path: FileArg,
    actuals: ActualsOpt = None,
    month: Annotated[
        int | None,
        typer.Option(
            "--month",
            "-m",
            metavar="月份",
            min=1,
            max=12,
            help="监控截至月份（1–12）。",
            show_default=False,
        ),
    ] = None,
    output_format: FormatOpt = "text",
    output: OutputOpt = None,
    config_path: ConfigOpt = None,
) -> None:
    from jixiao.lifecycle.monitoring import monitor_document
    from jixiao.lifecycle.report import monitoring_json, render_monitoring
    from jixiao.lifecycle.schemes import monitoring_scheme

    fmt = _format(output_format)
    try:
        scheme = monitoring_scheme(_config(config_path)[0])
    except JixiaoError as err:
        error(str(err))
        raise typer.Exit(EXIT_USAGE) from None
    try:
        doc, sheet_month = _load(path, actuals, "monitor")
        if month is not None and sheet_month is not None and month != sheet_month:
            raise JixiaoError(
                f"填报表的截至月份是 {sheet_month} 月，与 --month {month} 不一致",
                source=str(actuals),
            )
        chosen = month or sheet_month
        results = monitor_document(doc, scheme, chosen)
        if not results:
            raise JixiaoError(
                "文档中没有运行监控记录",
                source=str(path),
                hint="请用 --actuals 指定填好的填报表（jixiao template monitor 生成）。",
            )
        _write_document(doc, output)
    except JixiaoError as err:
        error(str(err))
        raise typer.Exit(EXIT_FAILED) from None
    except Exception as exc:
        internal_error(str(path), exc)
        raise typer.Exit(EXIT_USAGE) from None
    if fmt == "json":
        sys.stdout.write(monitoring_json(results))
        sys.stdout.flush()
    else:
        render_monitoring(results, stdout_console())
    errors = any(f.severity == "error" for r in results for f in r.findings)
    raise typer.Exit(EXIT_FINDINGS if errors else EXIT_OK)


def score_command(
    path: FileArg,
    actuals: ActualsOpt = None,
    output_format: FormatOpt = "text",
    output: OutputOpt = None,
    config_path: ConfigOpt = None,
) -> None:
    from jixiao.lifecycle.report import render_scores, scores_json
    from jixiao.lifecycle.schemes import scoring_scheme
    from jixiao.lifecycle.scoring import score_document

    fmt = _format(output_format)
    try:
        scheme = scoring_scheme(_config(config_path)[1])
    except JixiaoError as err:
        error(str(err))
        raise typer.Exit(EXIT_USAGE) from None
    try:
        doc, _month = _load(path, actuals, "selfeval")
        scores = score_document(doc, scheme)
        if not scores:
            raise JixiaoError(
                "文档中没有绩效自评记录",
                source=str(path),
                hint="请用 --actuals 指定填好的自评填报表（jixiao template selfeval 生成）。",
            )
        _write_document(doc, output)
    except JixiaoError as err:
        error(str(err))
        raise typer.Exit(EXIT_FAILED) from None
    except Exception as exc:
        internal_error(str(path), exc)
        raise typer.Exit(EXIT_USAGE) from None
    if fmt == "json":
        sys.stdout.write(scores_json(scores))
        sys.stdout.flush()
    else:
        render_scores(scores, stdout_console())
    errors = any(f.severity == "error" for s in scores for f in s.findings)
    raise typer.Exit(EXIT_FINDINGS if errors else EXIT_OK)


def template_command(
    kind: Annotated[
        str,
        typer.Argument(
            metavar="类型", help="monitor（运行监控）或 selfeval（绩效自评）。", show_default=False
        ),
    ],
    path: FileArg,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="文件",
            help="写入此 XLSX 文件（默认：文件名_运行监控填报.xlsx 等）。",
            show_default=False,
        ),
    ] = None,
    month: Annotated[
        int,
        typer.Option(
            "--month",
            "-m",
            metavar="月份",
            min=1,
            max=12,
            help="运行监控的截至月份（默认 7）。",
            show_default=False,
        ),
    ] = 7,
) -> None:
    from jixiao.lifecycle.template import template_workbook

    chosen = _KINDS.get(kind.strip().lower())
    if chosen is None:
        error(f"填报表类型“{kind}”无法识别，请使用 monitor（运行监控）或 selfeval（绩效自评）。")
        raise typer.Exit(EXIT_USAGE)
    target = output or Path(f"{path.stem or 'document'}_{KIND_LABELS[chosen]}填报.xlsx")
    try:
        doc = read_input(path)
        print_warnings(doc)
        target.write_bytes(template_workbook(doc, chosen, month))
    except JixiaoError as err:
        error(str(err))
        raise typer.Exit(EXIT_FAILED) from None
    except OSError as exc:
        error(f"无法写入 {target}（{os_reason(exc)}）")
        raise typer.Exit(EXIT_FAILED) from None
    except Exception as exc:
        internal_error(str(path), exc)
        raise typer.Exit(EXIT_USAGE) from None
    rows = sum(len(p.indicators) for p in doc.projects) + len(doc.department.indicators)
    say(f"已写入 {target}（{KIND_LABELS[chosen]}填报表，指标 {rows} 行）")
