"""How the CLI ends a run that went wrong: the exit statuses, Chinese messages on stderr, a
``JixiaoError`` (``fail``: its message and hint once, its class's ``exit_code``), a jixiao
defect (``internal_error``: one line, exit status 4) and click's English usage errors
(``report_click_error``).
"""

from __future__ import annotations

import difflib
import os
import re
import sys
import traceback
from typing import Any, NoReturn

import typer
from rich.console import Console
from rich.text import Text

from jixiao._exceptions import JixiaoError

__all__ = [
    "EXIT_FAILED",
    "EXIT_FINDINGS",
    "EXIT_INTERNAL",
    "EXIT_OK",
    "EXIT_USAGE",
    "error",
    "fail",
    "internal_error",
    "is_abort",
    "is_click_error",
    "report_click_error",
    "say",
]

EXIT_OK = 0
EXIT_FAILED = 1  # at least one input could not be read or an output not written
EXIT_USAGE = 2  # bad command line (options, arguments, configuration)
EXIT_FINDINGS = 3  # review: every input read, and some finding is of error level
EXIT_INTERNAL = 4  # a jixiao defect (reported in one Chinese line)


def _stderr() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def say(message: str, style: str | None = None) -> None:
    """One message for the user on stderr (never parsed as rich markup)."""
    _stderr().print(Text(message, style=style or ""))


def error(message: str) -> None:
    say(f"错误：{message}", "red")


def internal_error(name: str | None, exc: BaseException) -> None:
    where = f"处理 {name} 时" if name else ""
    say(
        f"内部错误：{where}发生意外错误，这是 jixiao 的缺陷。"
        "请将输入文件和本信息报告给开发者（设置环境变量 JIXIAO_DEBUG=1 可看到详细信息）。",
        "red",
    )
    if os.environ.get("JIXIAO_DEBUG"):
        traceback.print_exception(exc, file=sys.stderr)


def fail(err: JixiaoError) -> NoReturn:
    """End the run on ``err``: its message (with 处理建议 once) and its class's exit status."""
    error(str(err))
    raise typer.Exit(err.exit_code) from None


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
    message = str(getattr(exc, "message", "") or exc)
    if _is(exc, "MissingParameter"):
        param = getattr(exc, "param", None)
        kind = "选项" if getattr(param, "param_type_name", "") == "option" else "参数"
        return f"缺少{kind} {_param_hint(param)}".rstrip()
    if _is(exc, "NoSuchOption"):
        text = f"没有这个选项：{getattr(exc, 'option_name', '')}"
        possibilities = getattr(exc, "possibilities", None)
        if possibilities:
            text += f"（您是不是想用：{'、'.join(sorted(possibilities))}）"
        return text
    if _is(exc, "BadOptionUsage"):
        option = getattr(exc, "option_name", "")
        if "requires an argument" in message:
            return f"选项 {option} 后面需要一个值"
        return f"选项 {option} 的用法不对"
    if _is(exc, "BadParameter"):
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


def _is(exc: BaseException, name: str) -> bool:
    # By class name: typer 0.12 raises click's exceptions, recent typer its own vendored copy
    # of click (``typer._click``), so there is no one class to test against.
    return any(cls.__name__ == name for cls in type(exc).__mro__)


def is_click_error(exc: BaseException) -> bool:
    return _is(exc, "ClickException")


def is_abort(exc: BaseException) -> bool:
    return _is(exc, "Abort")


def report_click_error(exc: Exception) -> int:
    """Print a click/typer error in Chinese; the exit status to end with."""
    ctx = getattr(exc, "ctx", None)
    if _is(exc, "NoArgsIsHelpError") and ctx is not None:
        typer.echo(ctx.get_help())
        return EXIT_OK
    if _is(exc, "UsageError"):
        error(_usage_message(exc))
        if ctx is not None:
            say(ctx.get_usage())
            say(f"运行“{ctx.command_path} -h”查看帮助。")
        return EXIT_USAGE
    error(f"命令行有误（{getattr(exc, 'message', exc)}）")
    return int(getattr(exc, "exit_code", EXIT_FAILED))
