"""``jixiao serve --demo``: creates the database, loads the seeds once, prints the log-ins."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import typer
from sqlalchemy import func, select
from typer.testing import CliRunner

from jixiao.cli.serve import SERVE_HELP, SERVE_SHORT_HELP, serve_command
from jixiao.store.db import make_engine, make_sessionmaker
from jixiao.store.models import DocumentRow, UserRow


def _app() -> typer.Typer:
    app = typer.Typer()
    app.command("serve", help=SERVE_HELP, short_help=SERVE_SHORT_HELP)(serve_command)

    @app.command("other")
    def _other() -> None:  # two commands, so "serve" is a subcommand as in the main CLI
        pass

    return app


def test_serve_demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runs: list[dict[str, Any]] = []
    monkeypatch.setattr("uvicorn.run", lambda app, **kw: runs.append(kw))
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    monkeypatch.setenv("JIXIAO_DATABASE_URL", url)
    monkeypatch.setenv("JIXIAO_SECRET_KEY", "x")
    runner = CliRunner()
    for _ in range(2):  # the second run finds everything in place
        result = runner.invoke(_app(), ["serve", "--demo", "--port", "8123"])
        assert result.exit_code == 0, result.output
    assert "http://127.0.0.1:8123/" in result.output
    assert "单位填报人：danwei / danwei-demo" in result.output
    assert "审核人：shenhe / shenhe-demo" in result.output
    assert runs == [{"host": "127.0.0.1", "port": 8123, "log_level": "warning"}] * 2
    engine = make_engine(url)
    with make_sessionmaker(engine)() as session:
        assert session.scalar(select(func.count()).select_from(DocumentRow)) == 4
        assert session.scalar(select(func.count()).select_from(UserRow)) == 3
    engine.dispose()


def test_serve_reports_a_bad_database(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("uvicorn.run", lambda app, **kw: None)
    result = CliRunner().invoke(_app(), ["serve", "--url", "mysql://x/y"])
    assert result.exit_code != 0
