"""Backup and restore while the server runs.

SQLite: the ``sqlite3`` online backup API copies a consistent snapshot page by page (in WAL
mode readers and the copy never block writers); restore copies a backup back the same way,
so connections that stay open see the restored data. PostgreSQL: ``pg_dump`` (custom format,
itself a consistent snapshot) and ``pg_restore --clean``.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy.engine import URL

from jixiao._exceptions import os_reason
from jixiao.store.db import display_url, parse_url, sqlite_path
from jixiao.store.errors import StoreError

__all__ = ["PG_DUMP_TIMEOUT_S", "backup", "restore"]

PG_DUMP_TIMEOUT_S = 3600
_SQLITE_MAGIC = b"SQLite format 3\x00"
_PG_CUSTOM_MAGIC = b"PGDMP"
_SQLITE_TIMEOUT_S = 30


def backup(url: str | None, dest: str | Path) -> Path:
    """Write a consistent copy of the database at ``url`` to ``dest`` (replaced if it exists)."""
    parsed = parse_url(url)
    dest = Path(dest)
    if dest.is_dir():
        raise StoreError(f"备份目标 {dest} 是一个文件夹", hint="请给出备份文件的路径。")
    if not dest.parent.is_dir():
        raise StoreError(f"备份目标所在的文件夹 {dest.parent} 不存在")
    if parsed.get_backend_name() == "sqlite":
        _sqlite_backup(_sqlite_file(parsed), dest)
    else:
        _pg_dump(parsed, dest)
    return dest


def restore(url: str | None, src: str | Path) -> None:
    """Replace the contents of the database at ``url`` with the backup ``src``; refused while
    a ``jixiao serve`` on this machine uses the database (``serving``)."""
    from jixiao.store.serving import refuse_if_served

    parsed = parse_url(url)
    refuse_if_served(url)
    src = Path(src)
    try:
        with src.open("rb") as stream:
            head = stream.read(len(_SQLITE_MAGIC))
    except OSError as exc:
        raise StoreError(f"无法读取备份文件（{os_reason(exc)}）", source=str(src)) from None
    if parsed.get_backend_name() == "sqlite":
        if not head.startswith(_SQLITE_MAGIC):
            raise StoreError("不是 SQLite 数据库的备份文件", source=str(src), hint=_WRONG_KIND)
        _sqlite_restore(src, _sqlite_file(parsed))
    else:
        if not head.startswith(_PG_CUSTOM_MAGIC):
            raise StoreError("不是 pg_dump 自定义格式的备份文件", source=str(src), hint=_WRONG_KIND)
        _pg_restore(parsed, src)


_WRONG_KIND = (
    "SQLite 数据库只能从 SQLite 备份恢复，PostgreSQL 只能从 jixiao db backup 生成的备份恢复。"
)


# -- SQLite -----------------------------------------------------------------------------------


def _sqlite_file(parsed: URL) -> Path:
    path = sqlite_path(parsed)
    if path is None:
        raise StoreError("内存数据库无法备份或恢复", hint="请使用数据库文件。")
    return path


def _sqlite_backup(path: Path, dest: Path) -> None:
    if not path.is_file():
        raise StoreError("数据库文件不存在", source=str(path), hint="请先运行 jixiao db upgrade。")
    partial = dest.with_name(f".{dest.name}.partial")
    try:
        _copy_sqlite(path, partial, journal_mode="DELETE")
        partial.replace(dest)
    except sqlite3.Error as exc:
        raise StoreError(f"备份失败（{exc}）", source=str(path)) from None
    except OSError as exc:
        raise StoreError(f"无法写入备份文件（{os_reason(exc)}）", source=str(dest)) from None
    finally:
        partial.unlink(missing_ok=True)


def _sqlite_restore(src: Path, path: Path) -> None:
    try:
        check = _connect(src)
        try:
            ok = check.execute("PRAGMA quick_check").fetchone()
            tables = {row[0] for row in check.execute("SELECT name FROM sqlite_master")}
        finally:
            check.close()
    except sqlite3.Error as exc:
        raise StoreError(f"备份文件已损坏（{exc}）", source=str(src)) from None
    if ok != ("ok",):
        raise StoreError("备份文件已损坏（完整性检查未通过）", source=str(src))
    if "alembic_version" not in tables:
        raise StoreError("这不是 jixiao 数据库的备份", source=str(src), hint=_WRONG_KIND)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _copy_sqlite(src, path, journal_mode="WAL")
    except sqlite3.Error as exc:
        raise StoreError(f"恢复失败（{exc}）", source=str(path)) from None
    except OSError as exc:
        raise StoreError(f"恢复失败（{os_reason(exc)}）", source=str(path)) from None


def _connect(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, timeout=_SQLITE_TIMEOUT_S, isolation_level=None)
    connection.execute(f"PRAGMA busy_timeout={_SQLITE_TIMEOUT_S * 1000}")
    return connection


def _copy_sqlite(src: Path, dest: Path, *, journal_mode: str) -> None:
    """Copy with the online backup API in one step (a single consistent snapshot)."""
    source = _connect(src)
    try:
        target = _connect(dest)
        try:
            source.backup(target)
            # A backup is one self-contained file (DELETE); the live database stays in WAL.
            target.execute(f"PRAGMA journal_mode={journal_mode}")
        finally:
            target.close()
    finally:
        source.close()


# -- PostgreSQL -------------------------------------------------------------------------------


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise StoreError(
            f"找不到 PostgreSQL 的 {name} 命令，无法备份或恢复 PostgreSQL 数据库",
            hint="请安装 PostgreSQL 客户端（Debian/Ubuntu：sudo apt-get install "
            "postgresql-client），并确认其版本不低于数据库服务器的版本。",
        )
    return found


def _libpq(parsed: URL) -> tuple[str, dict[str, str]]:
    """A libpq connection URL without the password, and the environment carrying it."""
    env = dict(os.environ)
    if parsed.password is not None:
        env["PGPASSWORD"] = str(parsed.password)
    plain = parsed.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), env


def _run(argv: list[str], env: dict[str, str], what: str, parsed: URL) -> None:
    try:
        done = subprocess.run(
            argv, env=env, capture_output=True, text=True, timeout=PG_DUMP_TIMEOUT_S, check=False
        )
    except subprocess.TimeoutExpired:
        raise StoreError(f"{what}超时（{display_url(parsed)}）") from None
    except OSError as exc:
        raise StoreError(f"无法运行 {argv[0]}（{os_reason(exc)}）") from None
    if done.returncode != 0:
        detail = " ".join(done.stderr.strip().splitlines()[:3]) or f"退出状态 {done.returncode}"
        raise StoreError(f"{what}失败（{display_url(parsed)}）", hint=f"详细信息：{detail}")


def _pg_dump(parsed: URL, dest: Path) -> None:
    tool = _tool("pg_dump")
    dsn, env = _libpq(parsed)
    partial = dest.with_name(f".{dest.name}.partial")
    try:
        _run(
            [tool, "--format=custom", "--no-owner", "--file", str(partial), "--dbname", dsn],
            env,
            "备份",
            parsed,
        )
        partial.replace(dest)
    except OSError as exc:
        raise StoreError(f"无法写入备份文件（{os_reason(exc)}）", source=str(dest)) from None
    finally:
        partial.unlink(missing_ok=True)


def _pg_restore(parsed: URL, src: Path) -> None:
    tool = _tool("pg_restore")
    dsn, env = _libpq(parsed)
    _run(
        [
            tool,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            "--dbname",
            dsn,
            str(src),
        ],
        env,
        "恢复",
        parsed,
    )
