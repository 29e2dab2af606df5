"""The review commands: ``review`` (findings, scores and grades; ``--fix``) and ``rules`` (the
rule list, or one rule's documentation). The run itself is ``cli.review_run``."""

from __future__ import annotations

import difflib
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.text import Text

from jixiao._exceptions import JixiaoError
from jixiao.cli._common import stdout_console
from jixiao.cli._help import ChineseCommand
from jixiao.cli.app import app
from jixiao.cli.errors import EXIT_USAGE, error, fail, say
from jixiao.cli.options import FormatOption, OutputOption
from jixiao.cli.progress import QuietOption, set_quiet

__all__ = ["review_command", "rules_command"]

REVIEW_HELP = (
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
    "退出状态：0 没有错误级问题；1 有文件未能读取或写入；2 命令行或配置有误；\n"
    "3 有错误级问题；4 内部错误（jixiao 的缺陷）。"
)


def _codes_option(help_text: str) -> Any:
    return typer.Option(metavar="编码", help=help_text, show_default=False)


@app.command(
    "review",
    cls=ChineseCommand,
    options_metavar="[选项]",
    help=REVIEW_HELP,
    short_help="审核文件，输出审核意见、得分和等级。",
)
def review_command(
    paths: Annotated[
        list[Path],
        typer.Argument(metavar="文件", help="要审核的文件（可以有多个）。", show_default=False),
    ],
    output_format: Annotated[
        str, FormatOption("输出格式：text（默认）、json、html 或 xlsx。")
    ] = "text",
    output: Annotated[
        Path | None,
        OutputOption("输出文件（html、xlsx 审核多个文件时为目录）；用 --fix 时为修正后的文档。"),
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
    from jixiao.cli.review import UsageProblem, check_usage, parse_codes, resolve_config
    from jixiao.cli.review_run import ReviewRun

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
    except UsageProblem as problem:
        error(str(problem))
        raise typer.Exit(EXIT_USAGE) from None
    except JixiaoError as err:  # ConfigError: exit status 2
        fail(err)
    run = ReviewRun(config, fmt, output, fix=fix, several=several)
    run.review_all(paths)
    run.write_combined()
    run.finish(len(paths))


@app.command(
    "rules",
    cls=ChineseCommand,
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
