"""Help pages with Chinese titles for every ``jixiao`` command and sub-command.

Typer's plain (non-rich) help writer has English section titles; these classes write the same
help with Chinese titles. Only documented, long-standing click methods are overridden. Shared by
``main`` and the sub-apps (``db``, ``user``), so there is one copy; ``command_group`` makes
those sub-apps.
"""

from __future__ import annotations

import inspect
import re
from typing import TYPE_CHECKING, Annotated, Any

import typer.core
from rich.cells import cell_len

__all__ = [
    "HELP_OPTION_TEXT",
    "URL_HELP",
    "ChineseCommand",
    "ChineseGroup",
    "UrlOption",
    "command_group",
]

# -- ---------------------------------------------------------------------
# Typer's plain (non-rich) help writer has English section titles; these classes write the
# same help with Chinese titles. Only documented, long-standing click methods are overridden.

HELP_OPTION_TEXT = "显示本帮助信息并退出。"


def _format_usage(command: Any, ctx: Any, formatter: Any) -> None:
    pieces = [command.options_metavar] if command.options_metavar else []
    for param in command.get_params(ctx):
        if param.param_type_name != "argument":
            continue  # options are summed up by options_metavar
        piece = str(param.metavar or param.name).upper()
        if param.nargs != 1:
            piece += "..."
        pieces.append(piece if param.required else f"[{piece}]")
    if isinstance(command, typer.core.TyperGroup):
        pieces.append(command.subcommand_metavar)
    formatter.write_usage(ctx.command_path, " ".join(pieces), prefix="用法：")


def _section(formatter: Any, title: str, rows: list[tuple[str, str]]) -> None:
    """A titled two-column list, aligned by display width (a Chinese character is two columns;
    click's own ``write_dl`` counts it as one)."""
    formatter.write_paragraph()
    formatter.write(f"{title}：\n")
    width = max(cell_len(name) for name, _ in rows)
    indent = " " * (formatter.current_indent + 2)
    for name, text in rows:
        formatter.write(f"{indent}{name}{' ' * (width - cell_len(name))}  {text}".rstrip() + "\n")


def _format_help_text(command: Any, formatter: Any) -> None:
    """The help text as written, line by line (click would re-wrap it by character count)."""
    text = inspect.cleandoc(command.help or "")
    if text:
        formatter.write_paragraph()
        indent = " " * (formatter.current_indent + 2)
        for line in text.splitlines():
            formatter.write(f"{indent}{line}".rstrip() + "\n")


_EXTRA = re.compile(r"\s*\[([^\[\]]*)\]$")
_RANGE = re.compile(r"^(?:(-?[\d.]+)<=)?x(?:<=(-?[\d.]+))?$")


def _chinese_extra(text: str) -> str:
    """click's trailing ``[default: 8000; 1<=x<=65535; required]`` in Chinese."""
    found = _EXTRA.search(text)
    if found is None:
        return text
    parts: list[str] = []
    for part in found.group(1).split(";"):
        part = part.strip()
        bounds = _RANGE.match(part)
        if part == "required":
            parts.append("必填")
        elif part.startswith("default: "):
            parts.append("默认：" + part.removeprefix("default: "))
        elif part.startswith("env var: "):
            parts.append("环境变量：" + part.removeprefix("env var: "))
        elif bounds is not None:
            low, high = bounds.groups()
            parts.append(f"{low}–{high}" if low and high else f"≥{low}" if low else f"≤{high}")
        elif part:
            parts.append(part)
    return f"{text[: found.start()]}  [{'；'.join(parts)}]"


def _format_params(command: Any, ctx: Any, formatter: Any) -> None:
    arguments: list[tuple[str, str]] = []
    options: list[tuple[str, str]] = []
    for param in command.get_params(ctx):
        if getattr(param, "hidden", False):
            continue
        if param.param_type_name == "argument":
            name = str(param.metavar or param.name).upper()
            text = param.help or ""
            arguments.append((name, f"{text}  [必填]" if param.required else text))
        elif (record := param.get_help_record(ctx)) is not None:
            options.append((record[0], _chinese_extra(record[1])))
    if arguments:
        _section(formatter, "参数", arguments)
    if options:
        _section(formatter, "选项", options)


# For mypy, the mix-in is a command (its ``super()`` calls are checked); at run time it is a plain
# class, so the command and the group classes keep typer's own method order after it.
if TYPE_CHECKING:
    _HelpBase = typer.core.TyperCommand
else:
    _HelpBase = object


class _ChineseHelp(_HelpBase):
    """The help page with Chinese titles; mixed in first, so its methods come before typer's."""

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        _format_usage(self, ctx, formatter)

    def format_help_text(self, ctx: Any, formatter: Any) -> None:
        _format_help_text(self, formatter)

    def format_options(self, ctx: Any, formatter: Any) -> None:
        _format_params(self, ctx, formatter)

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = HELP_OPTION_TEXT
        return option


class ChineseCommand(_ChineseHelp, typer.core.TyperCommand):
    pass


class ChineseGroup(_ChineseHelp, typer.core.TyperGroup):
    def format_options(self, ctx: Any, formatter: Any) -> None:
        super().format_options(ctx, formatter)
        self.format_commands(ctx, formatter)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit=60)))
        if rows:
            _section(formatter, "命令", rows)


def command_group(name: str, help: str, short_help: str) -> typer.Typer:
    """A sub-command group (``jixiao db``, ``jixiao user``) with the Chinese help layout."""
    return typer.Typer(
        name=name,
        cls=ChineseGroup,
        help=help,
        short_help=short_help,
        no_args_is_help=True,
        add_completion=False,
        rich_markup_mode=None,
        options_metavar="[选项]",
        subcommand_metavar="命令 [参数]...",
        context_settings={"help_option_names": ["-h", "--help"]},
    )


URL_HELP = "数据库地址（默认：环境变量 JIXIAO_DATABASE_URL，否则为数据目录中的 SQLite 文件）。"

UrlOption = Annotated[
    str | None,
    typer.Option("--url", metavar="地址", help=URL_HELP, show_default=False),
]
"""``--url`` of the commands that work on the workbench's database."""
