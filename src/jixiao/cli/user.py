"""``jixiao user``: add users, list them, set a password, on the command line.

This is how the first administrator of a real installation is created (the web pages for people
management need an administrator to sign in): ``jixiao user add 用户名 --role admin``. Whoever
can reach the database is trusted here, as with ``jixiao db``. Added to the main command with
``app.add_typer(user_app, name="user")``; the store is imported only when a command runs.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated

import typer

from jixiao.cli._common import stdout_console
from jixiao.cli._help import ChineseCommand as _Command
from jixiao.cli._help import UrlOption, command_group
from jixiao.cli.errors import EXIT_FAILED, EXIT_USAGE, error, fail, say

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

__all__ = ["user_app"]


user_app = command_group(
    "user",
    (
        "管理工作台的用户：创建用户、列出用户、重设密码。\n"
        "\n"
        "新安装的工作台没有任何用户：先用 jixiao user add 用户名 --role admin\n"
        "创建第一名管理员，再由管理员登录网页，在“用户管理”中创建其他用户。\n"
        "数据库的选择与 jixiao db 相同（--url 或环境变量 JIXIAO_DATABASE_URL）。"
    ),
    "创建用户、列出用户、重设密码。",
)

_StdinOption = Annotated[
    bool,
    typer.Option(
        "--password-stdin",
        help="从标准输入读取密码（一行，供脚本使用），不再提示输入。",
    ),
]


@contextmanager
def _database(url: str | None, *, create: bool = False) -> Iterator[Session]:
    """A writing session on the database; ``create`` first creates or upgrades its tables (as
    ``jixiao serve`` does), otherwise they must be current. Errors end the run with a Chinese
    message and exit status 1."""
    from jixiao._exceptions import JixiaoError
    from jixiao.store.db import make_engine, make_sessionmaker, translate_errors
    from jixiao.store.migrate import current_revision, head_revision, upgrade

    try:
        if create:
            upgrade(url)
        elif current_revision(url) != head_revision():
            error("数据库中还没有工作台的表，或表结构不是最新版本。")
            say("请先运行 jixiao db upgrade（使用同一个数据库地址）。")
            raise typer.Exit(EXIT_FAILED)
        engine = make_engine(url)
        try:
            with (
                translate_errors(url, any_error=True),
                make_sessionmaker(engine, write=True)() as session,
            ):
                yield session
        finally:
            engine.dispose()
    except JixiaoError as err:
        fail(err)


def _read_password(from_stdin: bool) -> str:
    """The new password: one line of standard input, or typed twice at a hidden prompt."""
    from jixiao.workbench.people import MIN_PASSWORD, PeopleError

    if from_stdin:
        text = sys.stdin.read()
        password = text.removesuffix("\n").removesuffix("\r")
        if "\n" in password or "\r" in password:
            raise PeopleError("标准输入中只能有一行密码")
        return password
    say(f"请输入密码（至少 {MIN_PASSWORD} 个字符，输入时不显示）。")
    first: str = typer.prompt("密码", hide_input=True, prompt_suffix="：")
    second: str = typer.prompt("再次输入密码", hide_input=True, prompt_suffix="：")
    if first != second:
        raise PeopleError("两次输入的密码不一致", hint="请重新运行命令。")
    return first


@user_app.command(
    "add",
    cls=_Command,
    options_metavar="[选项]",
    help=(
        "创建一名用户（启用状态）。密码在提示时输入两次（不显示），\n"
        "或用 --password-stdin 从标准输入读取，例如：\n"
        "  printf '%s\\n' \"$PASSWORD\" | jixiao user add zhang --role reviewer --password-stdin\n"
        "\n"
        "角色：admin（管理员）、reviewer（审核人）、unit_filler（单位填报人）。\n"
        "用户名由 3 至 64 个英文字母、数字或 . _ - 组成；密码至少 8 个字符。\n"
        "--unit 可以重复，写单位编码（或单位名称）；单位在导入文档时创建，\n"
        "也可以由管理员在网页的“单位管理”中添加。"
    ),
    short_help="创建用户（第一名管理员也用它创建）。",
)
def add_command(
    username: Annotated[
        str,
        typer.Argument(metavar="用户名", help="登录用的用户名。", show_default=False),
    ],
    role: Annotated[
        str | None,
        typer.Option(
            "--role",
            metavar="角色",
            help="admin、reviewer 或 unit_filler（必填）。",
            show_default=False,
        ),
    ] = None,
    name: Annotated[
        str,
        typer.Option("--name", metavar="显示名", help="页面上显示的姓名（默认同用户名）。"),
    ] = "",
    units: Annotated[
        list[str] | None,
        typer.Option(
            "--unit",
            metavar="单位编码",
            help="用户所属的单位（可重复）。",
            show_default=False,
        ),
    ] = None,
    password_stdin: _StdinOption = False,
    url: UrlOption = None,
) -> None:
    from jixiao._exceptions import JixiaoError
    from jixiao.store.models import ROLE_LABELS
    from jixiao.workbench import people

    if role is None:  # checked here: click would mark the option "[required]" in English
        error("缺少选项 --role（admin、reviewer 或 unit_filler）")
        raise typer.Exit(EXIT_USAGE)
    try:
        # Check what can be checked before asking for the password.
        people.check_username(username)
        people.parse_role(role)
    except JixiaoError as err:
        fail(err)
    with _database(url, create=True) as session:
        unit_rows = people.find_units(session, units or [])
        people.check_new_username(session, username)
        password = people.check_password(_read_password(password_stdin))
        user = people.add_user(
            session,
            None,
            username=username,
            password=password,
            role=role,
            display_name=name,
            unit_ids=[u.id for u in unit_rows],
        )
        shown = "、".join(u.name or u.code or "" for u in user.units)
        say(
            f"已创建用户 {user.username}（{ROLE_LABELS[user.role]}，{user.display_name}）"
            + (f"，单位：{shown}" if shown else "")
        )


@user_app.command(
    "list",
    cls=_Command,
    options_metavar="[选项]",
    help="列出全部用户：用户名、显示名、角色、状态和所属单位。",
    short_help="列出用户。",
)
def list_command(url: UrlOption = None) -> None:
    from rich.table import Table
    from rich.text import Text

    from jixiao.store.models import ROLE_LABELS
    from jixiao.workbench import people

    with _database(url) as session:
        users = people.list_users(session, None)
    if not users:
        say("还没有用户。用 jixiao user add 用户名 --role admin 创建第一名管理员。")
        return
    table = Table(title=Text(f"用户（共 {len(users)} 名）", style="bold"), title_justify="left")
    for column in ("用户名", "显示名", "角色", "状态", "单位"):
        table.add_column(column)
    for user in users:
        table.add_row(
            Text(user.username),
            Text(user.display_name),
            Text(ROLE_LABELS[user.role]),
            Text("启用" if user.active else "已停用"),
            Text("、".join(u.name or u.code or "" for u in user.units)),
        )
    stdout_console().print(table)


@user_app.command(
    "passwd",
    cls=_Command,
    options_metavar="[选项]",
    help=(
        "为一名用户设置新密码（例如管理员忘记了密码）。\n"
        "\n"
        "密码在提示时输入两次（不显示），或用 --password-stdin 从标准输入读取。\n"
        "用户的角色、单位和启用状态不变。"
    ),
    short_help="重设用户的密码。",
)
def passwd_command(
    username: Annotated[
        str,
        typer.Argument(metavar="用户名", help="要重设密码的用户。", show_default=False),
    ],
    password_stdin: _StdinOption = False,
    url: UrlOption = None,
) -> None:
    from jixiao.workbench import people

    with _database(url) as session:
        user = people.user_by_name(session, None, username)
        password = people.check_password(_read_password(password_stdin))
        people.change_user(session, None, user.id, password=password)
        note = "" if user.active else "（该用户已停用，启用后才能登录）"
        say(f"已重设用户 {user.username} 的密码{note}")
