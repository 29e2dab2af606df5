"""``jixiao db upgrade | backup | restore`` (the sub-app on its own; main.py adds it)."""

from __future__ import annotations

from pathlib import Path

import typer
import typer.main
from sqlalchemy.orm import Session
from typer.testing import CliRunner

import jixiao
from jixiao.cli.db import db_app
from jixiao.store import commit, make_engine, store_document
from jixiao.store.migrate import head_revision
from tests.conftest import SEEDS


def _run(*args: str) -> tuple[int, str]:
    app = typer.Typer(rich_markup_mode=None, add_completion=False)  # as main.app
    app.add_typer(db_app, name="db")
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.output


def test_upgrade_backup_restore(db_url: str, tmp_path: Path) -> None:
    code, out = _run("db", "upgrade", "--url", db_url)
    assert code == 0, out
    assert f"数据库已升级到版本 {head_revision()}（原为 空数据库）" in out
    code, out = _run("db", "upgrade", "--url", db_url)
    assert code == 0 and "已是最新版本" in out

    if db_url.startswith("postgresql"):
        from tests.store.test_backup import _need_pg_tools

        _need_pg_tools(db_url)
    engine = make_engine(db_url)
    with Session(engine) as session:
        store_document(session, jixiao.read_path(SEEDS["003"]))
        commit(session)
    engine.dispose()
    code, out = _run("db", "backup", str(tmp_path / "b.bak"), "--url", db_url)
    assert code == 0, out
    assert "已备份" in out and (tmp_path / "b.bak").is_file()

    code, out = _run("db", "restore", str(tmp_path / "b.bak"), "--url", db_url, "--yes")
    assert code == 0, out
    assert "已从" in out


def test_restore_asks_first(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'jixiao.db'}"
    result = CliRunner().invoke(db_app, ["restore", str(tmp_path / "x.bak"), "--url", url], "n\n")
    assert result.exit_code == 1
    assert "已取消" in result.output


def test_errors_are_chinese(tmp_path: Path) -> None:
    code, out = _run("db", "backup", str(tmp_path / "b.bak"), "--url", "sqlite://")
    assert code == 1
    assert "错误：内存数据库无法备份或恢复" in out


def test_help_is_chinese() -> None:
    code, out = _run("db", "--help")
    assert code == 0
    assert "用法：" in out and "命令：" in out
    for name in ("upgrade", "backup", "restore"):
        assert name in out
    code, out = _run("db", "restore", "-h")
    assert code == 0
    assert "参数：" in out and "备份文件" in out and "显示本帮助信息并退出" in out
