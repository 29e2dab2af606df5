"""The ``jixiao`` command: ``parse``, ``review``, ``rules`` and ``demo``, with Chinese help.

Errors never reach users as tracebacks: a ``JixiaoError`` is printed as its (Chinese) message and
the run exits non-zero; anything unexpected is reported as a short 内部错误 naming the file
(set ``JIXIAO_DEBUG=1`` to also see the traceback). Typer/click usage errors are re-worded in
Chinese too, which is why the app runs with ``standalone_mode=False`` (see ``main``).
"""

from __future__ import annotations

import difflib
import io
import re
import sys
from collections.abc import Sequence
from importlib.resources import files
from pathlib import Path
from typing import Annotated, Any

import typer
import typer.core
import typer.main
from rich.console import Console
from rich.text import Text

from jixiao import __version__
from jixiao._exceptions import JixiaoError, os_reason
from jixiao.cli._common import (
    EXIT_FAILED,
    EXIT_FINDINGS,
    EXIT_INTERNAL,
    EXIT_OK,
    EXIT_USAGE,
    Failures,
    error,
    internal_error,
    output_name,
    print_warnings,
    say,
    stdout_console,
)
from jixiao.cli._help import ChineseCommand, ChineseGroup
from jixiao.cli.progress import QuietOption, note, set_quiet, track
from jixiao.cli.summary import render_summary
from jixiao.model import Document
from jixiao.reading import read_bytes

__all__ = ["app", "main"]

PROG = "jixiao"


_Command = ChineseCommand
_Group = ChineseGroup


app = typer.Typer(
    name=PROG,
    cls=_Group,
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


# -- commands -------------------------------------------------------------------------------


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


@app.command(
    "parse",
    cls=_Command,
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
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="目录",
            help="把每个文件的 JSON 写到此目录（不存在时自动创建）。",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="格式",
            help="输出格式：json（默认）或 table（汇总表）。",
            show_default=False,
        ),
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
    cls=_Command,
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
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            metavar="路径",
            help="输出文件（转换多个文件时为目录）。",
            show_default=False,
        ),
    ],
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
    cls=_Command,
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
            error(str(err))
            raise typer.Exit(EXIT_FAILED) from None
        print_warnings(doc)
        docs.append(doc)
    if not docs:
        error("没有找到内置的示例文件，安装可能不完整。")
        raise typer.Exit(EXIT_FAILED)
    render_summary(docs, stdout_console())


# -- review -----------------------------------------------------------------------------------


_FILE_WIDTH = 120
"""Line width of a text report written to a file with -o."""


def _codes_option(help_text: str) -> Any:
    return typer.Option(metavar="编码", help=help_text, show_default=False)


@app.command(
    "review",
    cls=_Command,
    options_metavar="[选项]",
    help=(
        "审核部门预算绩效信息：逐条检查绩效目标和指标，给出审核意见、项目得分和等级。\n"
        "\n"
        "输入可以是原始文件，也可以是 jixiao parse 输出的 JSON（文件名写 - 表示标准输入）。\n"
        "输出格式（--format）：\n"
        "  text  在终端按文件、项目列出问题（默认）\n"
        "  json  机器可读的审核结果；多个文件时为数组\n"
        "  html  可打印、可发送给单位的审核意见网页（须用 -o）\n"
        "  xlsx  审核意见表 Excel 文件（须用 -o）\n"
        "text 和 json 输出到标准输出，用 -o 时写入该文件（多个文件的结果写在一起）；\n"
        "html 和 xlsx 须用 -o 指定文件，审核多个文件时 -o 为目录，每个文件写一个同名报告。\n"
        "\n"
        "配置：--config 指定的文件；否则从当前目录向上查找 jixiao.toml，或含 [tool.jixiao]\n"
        "的 pyproject.toml。--profile 覆盖配置档；--select 只运行指定的规则（同时不再使用\n"
        "配置文件中的 ignore）；--ignore 在配置文件的基础上再跳过指定规则。编码可写规则编码\n"
        "（VAL-08）或规则类别（VAL），多个用逗号分隔。\n"
        "\n"
        "--fix：自动应用只改格式、不改含义的安全修正，把修正后的文档 JSON 写到 -o\n"
        "（多个文件时 -o 为目录），在标准错误列出每一处修改，然后审核修正后的文档。\n"
        "\n"
        "退出状态：0 没有错误级问题；1 仍有错误级问题，或有文件未能读取；2 命令行或配置有误。"
    ),
    short_help="审核文件，输出审核意见、得分和等级。",
)
def review_command(
    paths: Annotated[
        list[Path],
        typer.Argument(metavar="文件", help="要审核的文件（可以有多个）。", show_default=False),
    ],
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="格式",
            help="输出格式：text（默认）、json、html 或 xlsx。",
            show_default=False,
        ),
    ] = "text",
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="路径",
            help="输出文件（html、xlsx 审核多个文件时为目录）；用 --fix 时为修正后的文档。",
            show_default=False,
        ),
    ] = None,
    config_path: Annotated[
        Path | None,
        typer.Option(
            "--config",
            metavar="文件",
            help="配置文件（jixiao.toml 或 pyproject.toml）。",
            show_default=False,
        ),
    ] = None,
    profile: Annotated[
        str | None,
        typer.Option(
            "--profile",
            metavar="配置档",
            help="default、central-2021（财预〔2021〕101号模板）或 legacy。",
            show_default=False,
        ),
    ] = None,
    select: Annotated[list[str] | None, _codes_option("只运行这些规则，如 STR,VAL-08。")] = None,
    ignore: Annotated[list[str] | None, _codes_option("跳过这些规则，如 CNT-01。")] = None,
    fix: Annotated[
        bool,
        typer.Option("--fix", help="应用安全修正，修正后的文档写到 -o。", show_default=False),
    ] = False,
    quiet: QuietOption = False,
) -> None:
    from jixiao.cli.review import (
        UsageProblem,
        check_usage,
        describe_edit,
        fix_and_review,
        output_target,
        parse_codes,
        resolve_config,
        write_bytes,
    )
    from jixiao.review import review
    from jixiao.review.output import render_html, render_json, render_text, write_xlsx
    from jixiao.review.report import Report

    set_quiet(quiet)
    fmt = output_format.strip().lower()
    several = len(paths) > 1
    try:
        check_usage(fmt, output_format, output, fix=fix, several=several)
        config, _ = resolve_config(
            config_path,
            profile=profile.strip() if profile is not None else None,
            select=parse_codes(select, "--select"),
            ignore=parse_codes(ignore, "--ignore"),
        )
    except (UsageProblem, JixiaoError) as problem:  # JixiaoError: ConfigError
        error(str(problem))
        raise typer.Exit(EXIT_USAGE) from None

    failures = Failures()
    results: list[tuple[Path, Document, Report]] = []
    used_names: set[str] = set()
    json_out = fmt == "json" and output is None  # no bar beside machine-read output
    for path, doc in failures.read_each(track(paths, "正在审核", enabled=not json_out)):
        try:
            if fix:
                assert output is not None
                result = fix_and_review(doc, config)
                for edit in result.applied:
                    say(f"已修正 {describe_edit(doc, edit)}", "green")
                target = output_target(output, path, ".json", used_names, several)
                write_bytes(target, (result.document.to_json() + "\n").encode("utf-8"))
                count = (
                    f"共修正 {len(result.applied)} 处"
                    if result.applied
                    else "没有可以自动修正的问题"
                )
                say(f"{doc.source.name}：{count}，修正后的文档已写入 {target}")
                doc, report = result.document, result.report
            else:
                report = review(doc, config)
        except OSError as exc:
            failures.cannot_write(doc, output, exc)
            continue
        except JixiaoError as err:
            failures.error(str(err))
            continue
        except Exception as exc:
            failures.internal_error(path, exc)
            continue
        if fmt in ("html", "xlsx") and output is not None:
            target = output_target(output, path, f".{fmt}", used_names, several)
            try:
                if fmt == "html":
                    page = render_html(doc, report, grading=config.grading)
                    write_bytes(target, page.encode("utf-8"))
                else:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    write_xlsx(doc, report, target)
            except OSError as exc:
                failures.cannot_write(doc, target, exc)
                continue
            note(f"已写入 {target}（{len(report.findings)} 条审核意见）")
        results.append((path, doc, report))

    if fmt in ("text", "json") and results:
        to_file = output is not None and not fix
        try:
            if fmt == "json":
                text = render_json(
                    [(str(path), report) for path, _, report in results], single=not several
                )
                if to_file:
                    assert output is not None
                    write_bytes(output, (text + "\n").encode("utf-8"))
                else:
                    sys.stdout.write(text + "\n")
                    sys.stdout.flush()
            elif to_file:
                assert output is not None
                output.parent.mkdir(parents=True, exist_ok=True)
                with output.open("w", encoding="utf-8") as handle:
                    console = Console(
                        file=handle, width=_FILE_WIDTH, color_system=None, highlight=False
                    )
                    render_text([(doc, report) for _, doc, report in results], console)
            else:
                render_text([(doc, report) for _, doc, report in results], stdout_console())
        except OSError as exc:
            error(f"无法写入 {output}（{os_reason(exc)}）")
            raise typer.Exit(EXIT_FAILED) from None
        if to_file:
            say(f"已写入 {output}")

    failures.finish(len(paths), "未能审核")
    if failures.failed:
        raise typer.Exit(EXIT_FAILED)
    if any(report.has_errors for _, _, report in results):
        raise typer.Exit(EXIT_FINDINGS)


# -- rules ------------------------------------------------------------------------------------


@app.command(
    "rules",
    cls=_Command,
    options_metavar="[选项]",
    help=(
        "列出全部审核规则，或查看一条规则的完整说明。\n"
        "\n"
        "不带参数时列出每条规则的编码、名称、审核维度、默认级别和能否自动修正；\n"
        "带规则编码（如 jixiao rules VAL-08）时打印该规则的说明：检查内容、原因、示例、\n"
        "修正方式、依据、可配置的参数及默认值。"
    ),
    short_help="列出审核规则或查看规则说明。",
)
def rules_command(
    code: Annotated[
        str | None,
        typer.Argument(metavar="规则编码", help="要查看的规则，如 STR-02。", show_default=False),
    ] = None,
) -> None:
    from rich.table import Table

    from jixiao.review.docgen import fix_availability, rule_markdown
    from jixiao.review.output.labels import SEVERITY_LABELS
    from jixiao.review.output.terminal import SEVERITY_STYLES
    from jixiao.review.registry import all_rules, get_rule

    rules = all_rules()
    if code is not None:
        rule = get_rule(code.strip())
        if rule is None:
            from jixiao.lifecycle.catalogue import lifecycle_rule_text

            lifecycle = lifecycle_rule_text(code)
            if lifecycle is not None:  # MON-*/EVA-*: checked by jixiao monitor / score
                sys.stdout.write(lifecycle)
                sys.stdout.flush()
                return
            message = f"没有这条规则：{code}"
            close = difflib.get_close_matches(code.strip().upper(), list(rules), n=3, cutoff=0.5)
            if close:
                message += f"（您是不是想查看：{'、'.join(close)}）"
            error(message)
            say("用 jixiao rules 查看全部规则。")
            raise typer.Exit(EXIT_USAGE)
        sys.stdout.write(rule_markdown(rule, level=1))
        sys.stdout.flush()
        return
    table = Table(title=Text(f"审核规则（共 {len(rules)} 条）", style="bold"), title_justify="left")
    table.add_column("编码", no_wrap=True)
    table.add_column("名称")
    table.add_column("维度", no_wrap=True)
    table.add_column("级别", no_wrap=True)
    table.add_column("自动修正", no_wrap=True)
    table.add_column("依据")
    for rule_code, rule in rules.items():
        table.add_row(
            Text(rule_code),
            Text(rule.name),
            Text(rule.dimension),
            Text(SEVERITY_LABELS[rule.severity], style=SEVERITY_STYLES[rule.severity]),
            Text(fix_availability(rule_code)),
            Text(rule.source),
        )
    console = stdout_console()
    console.print(table)
    console.print(Text("查看一条规则的说明：jixiao rules 规则编码（如 jixiao rules STR-02）"))


# -- entry point ----------------------------------------------------------------------------


def _setup_streams() -> None:
    """JSON on a pipe or in a file is UTF-8 whatever the locale; never crash on printing."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            encoding = stream.encoding if stream.isatty() else "utf-8"
            stream.reconfigure(encoding=encoding, errors="replace")


def _class_names(exc: BaseException) -> set[str]:
    return {cls.__name__ for cls in type(exc).__mro__}


def _param_hint(param: Any) -> str:
    if param is None:
        return ""
    if getattr(param, "param_type_name", "") == "argument":
        return str(param.metavar or param.name or "").upper()
    return " / ".join(getattr(param, "opts", []) or [str(param.name)])


_BAD_VALUE_REASONS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"valid integer|not a valid int"), "应为整数"),
    (re.compile(r"valid number|valid float|not a valid float"), "应为数字"),
    (re.compile(r"greater than or equal to (\S+?)\.?$"), "应不小于 {0}"),
    (re.compile(r"less than or equal to (\S+?)\.?$"), "应不大于 {0}"),
    (re.compile(r"greater than (\S+?)\.?$"), "应大于 {0}"),
    (re.compile(r"less than (\S+?)\.?$"), "应小于 {0}"),
    (re.compile(r"not in the range (\S+?)\.?$"), "应在范围 {0} 内"),
    (re.compile(r"not one of|valid choice"), "不是可选的值"),
    (re.compile(r"does not exist"), "不存在"),
)


def _bad_value_reason(message: str) -> str:
    """Why click or typer refused a value, in Chinese (their text is English)."""
    for pattern, reason in _BAD_VALUE_REASONS:
        if found := pattern.search(message):
            return reason.format(*found.groups())
    return f"不符合要求（{message}）"


def _usage_message(exc: Exception) -> str:
    """A click/typer usage error (whose text is English) in Chinese."""
    names = _class_names(exc)
    message = str(getattr(exc, "message", "") or exc)
    if "MissingParameter" in names:
        param = getattr(exc, "param", None)
        kind = "选项" if getattr(param, "param_type_name", "") == "option" else "参数"
        return f"缺少{kind} {_param_hint(param)}".rstrip()
    if "NoSuchOption" in names:
        text = f"没有这个选项：{getattr(exc, 'option_name', '')}"
        possibilities = getattr(exc, "possibilities", None)
        if possibilities:
            text += f"（您是不是想用：{'、'.join(sorted(possibilities))}）"
        return text
    if "BadOptionUsage" in names:
        option = getattr(exc, "option_name", "")
        if "requires an argument" in message:
            return f"选项 {option} 后面需要一个值"
        return f"选项 {option} 的用法不对"
    if "BadParameter" in names:
        hint = _param_hint(getattr(exc, "param", None)) or "参数"
        return f"{hint} 的值无效：{_bad_value_reason(message)}"
    if found := re.search(r"No such command '(.+?)'", message):
        text = f"没有这个命令：{found.group(1)}"
        ctx = getattr(exc, "ctx", None)
        commands = list(getattr(getattr(ctx, "command", None), "commands", {}) or {})
        close = difflib.get_close_matches(found.group(1), commands)
        if close:
            text += f"（您是不是想用：{'、'.join(close)}）"
        return text
    if found := re.search(r"Got unexpected extra argument(?:\(s\)|s)? \((.*)\)", message):
        return f"多余的参数：{found.group(1)}"
    if message.startswith("Missing command"):
        return "缺少命令"
    return f"命令行有误（{message}）"


def _report_click_error(exc: Exception) -> int:
    names = _class_names(exc)
    ctx = getattr(exc, "ctx", None)
    if "NoArgsIsHelpError" in names and ctx is not None:
        typer.echo(ctx.get_help())
        return EXIT_OK
    if "UsageError" in names:
        error(_usage_message(exc))
        if ctx is not None:
            say(ctx.get_usage())
            say(f"运行“{ctx.command_path} -h”查看帮助。")
        return EXIT_USAGE
    error(f"命令行有误（{getattr(exc, 'message', exc)}）")
    return int(getattr(exc, "exit_code", EXIT_FAILED))


# Sub-commands that live in their own modules (imported here, registered once).
from jixiao.cli.corpus import corpus_app  # noqa: E402
from jixiao.cli.db import db_app  # noqa: E402
from jixiao.cli.diff import DIFF_HELP, DIFF_SHORT_HELP, diff_command  # noqa: E402
from jixiao.cli.library import library_app  # noqa: E402
from jixiao.cli.lifecycle import (  # noqa: E402
    MONITOR_HELP,
    SCORE_HELP,
    TEMPLATE_HELP,
    monitor_command,
    score_command,
    template_command,
)
from jixiao.cli.serve import SERVE_HELP, SERVE_SHORT_HELP, serve_command  # noqa: E402
from jixiao.cli.user import user_app  # noqa: E402

app.add_typer(corpus_app, name="corpus")
app.add_typer(db_app, name="db")
app.add_typer(library_app, name="library")
app.add_typer(user_app, name="user")
app.command(
    "serve",
    cls=_Command,
    options_metavar="[选项]",
    help=SERVE_HELP,
    short_help=SERVE_SHORT_HELP,
)(serve_command)
app.command(
    "diff",
    cls=_Command,
    options_metavar="[选项]",
    help=DIFF_HELP,
    short_help=DIFF_SHORT_HELP,
)(diff_command)
for _name, _help, _short, _command in (
    ("monitor", MONITOR_HELP, "运行监控：预算执行和绩效目标的信号灯。", monitor_command),
    ("score", SCORE_HELP, "绩效自评计分：每项得分、总分和等级。", score_command),
    ("template", TEMPLATE_HELP, "生成运行监控或绩效自评的填报表（XLSX）。", template_command),
):
    app.command(_name, cls=_Command, options_metavar="[选项]", help=_help, short_help=_short)(
        _command
    )


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
    except Exception as exc:
        names = _class_names(exc)
        if "ClickException" in names:
            sys.exit(_report_click_error(exc))
        if "Abort" in names:
            say("已中止。", "red")
            sys.exit(EXIT_FAILED)
        internal_error(None, exc)
        sys.exit(EXIT_INTERNAL)
    sys.exit(result if isinstance(result, int) else EXIT_OK)
