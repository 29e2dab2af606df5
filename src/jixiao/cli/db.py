"""``jixiao db``: upgrade, back up and restore the workbench database.

Added to the main command with ``app.add_typer(db_app, name="db")``. The store is imported
only when a command runs, so ``jixiao parse`` never loads SQLAlchemy.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
import typer.core

from jixiao.cli._help import ChineseCommand as _Command
from jixiao.cli._help import UrlOption, command_group
from jixiao.cli.errors import fail, say

__all__ = ["db_app"]


db_app = command_group(
    "db",
    (
        "管理工作台的数据库：升级表结构、备份和恢复。\n"
        "\n"
        "默认数据库是数据目录（环境变量 JIXIAO_DATA_DIR，否则为用户数据目录）中的\n"
        "SQLite 文件 jixiao.db；设置 JIXIAO_DATABASE_URL 可改用 PostgreSQL，\n"
        "例如 postgresql://用户@主机:5432/数据库名。"
    ),
    "升级、备份和恢复数据库。",
)


@db_app.command(
    "upgrade",
    cls=_Command,
    options_metavar="[选项]",
    help=(
        "创建数据库，或把已有数据库的表结构升级到当前版本。\n"
        "\n"
        "可以重复运行：已是最新版本时什么也不做。升级不会删除数据。"
    ),
    short_help="创建或升级数据库的表结构。",
)
def upgrade_command(url: UrlOption = None) -> None:
    from jixiao.store.db import display_url
    from jixiao.store.errors import StoreError
    from jixiao.store.migrate import current_revision, head_revision, upgrade

    try:
        before = current_revision(url)
        upgrade(url)
        where = display_url(url)
    except StoreError as err:
        fail(err)
    head = head_revision()
    if before == head:
        say(f"数据库已是最新版本（{head}）：{where}")
    else:
        say(f"数据库已升级到版本 {head}（原为 {before or '空数据库'}）：{where}")


@db_app.command(
    "backup",
    cls=_Command,
    options_metavar="[选项]",
    help=(
        "把数据库备份到一个文件。可以在工作台运行时备份，得到的是一致的快照。\n"
        "\n"
        "SQLite 用在线备份接口复制；PostgreSQL 用 pg_dump（自定义格式），\n"
        "需要安装 PostgreSQL 客户端。目标文件已存在时会被替换。"
    ),
    short_help="备份数据库到文件。",
)
def backup_command(
    dest: Annotated[
        Path,
        typer.Argument(metavar="目标文件", help="备份文件的路径。", show_default=False),
    ],
    url: UrlOption = None,
) -> None:
    from jixiao.cli.progress import status
    from jixiao.store.backup import backup
    from jixiao.store.db import display_url
    from jixiao.store.errors import StoreError

    try:
        with status(f"正在备份到 {dest}……"):
            written = backup(url, dest)
        where = display_url(url)
    except StoreError as err:
        fail(err)
    say(f"已备份 {where} 到 {written}")


@db_app.command(
    "restore",
    cls=_Command,
    options_metavar="[选项]",
    help=(
        "用备份文件替换数据库的全部内容，然后把表结构升级到当前版本。\n"
        "\n"
        "数据库中现有的数据会被备份中的数据覆盖，请先确认；\n"
        "恢复前可以先用 jixiao db backup 备份当前数据。\n"
        "PostgreSQL 用 pg_restore --clean 恢复，需要安装 PostgreSQL 客户端。"
    ),
    short_help="从备份文件恢复数据库。",
)
def restore_command(
    src: Annotated[
        Path,
        typer.Argument(
            metavar="备份文件", help="jixiao db backup 写出的文件。", show_default=False
        ),
    ],
    url: UrlOption = None,
    yes: Annotated[
        bool,
        typer.Option("--yes", "-y", help="不询问，直接覆盖现有数据。"),
    ] = False,
) -> None:
    from jixiao.store.backup import restore
    from jixiao.store.db import display_url
    from jixiao.store.errors import StoreError
    from jixiao.store.migrate import upgrade

    try:
        where = display_url(url)
    except StoreError as err:
        fail(err)
    if not yes and not typer.confirm(f"将用 {src} 覆盖 {where} 中的全部数据，继续吗？"):
        say("已取消，数据库没有改动。")
        raise typer.Exit(1)
    from jixiao.cli.progress import status

    try:
        with status(f"正在从 {src} 恢复……"):
            restore(url, src)
            upgrade(url)
    except StoreError as err:
        fail(err)
    say(f"已从 {src} 恢复 {where}")
