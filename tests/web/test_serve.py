"""``jixiao serve --demo``: creates the database, loads the seeds once, prints the log-ins."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest
import typer
from sqlalchemy import func, select
from typer.testing import CliRunner

from jixiao.cli.serve import SERVE_HELP, SERVE_SHORT_HELP, serve_command
from jixiao.store.db import make_engine, make_sessionmaker
from jixiao.store.models import DocumentRow, UserRow
from jixiao.web.processes import APP_FACTORY, TcpConfig
from tests.web.server import free_port, wait_until_up


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
    # proxy_headers off: X-Forwarded-For from 127.0.0.1 must not choose the limiter's address
    expected = {"host": "127.0.0.1", "port": 8123, "log_level": "warning", "proxy_headers": False}
    assert runs == [expected] * 2
    engine = make_engine(url)
    with make_sessionmaker(engine)() as session:
        assert session.scalar(select(func.count()).select_from(DocumentRow)) == 4
        assert session.scalar(select(func.count()).select_from(UserRow)) == 3
    engine.dispose()


def test_serve_reports_a_bad_database(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("uvicorn.run", lambda app, **kw: None)
    result = CliRunner().invoke(_app(), ["serve", "--url", "mysql://x/y"])
    assert result.exit_code != 0


def test_serve_with_workers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Several processes build the app themselves: they get the database and the session key
    through the environment (the same for all, so a cookie signed by one is read by the rest)."""
    runs: list[dict[str, Any]] = []
    monkeypatch.setattr("jixiao.web.processes.run_workers", lambda **kw: runs.append(kw))
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    for name in ("JIXIAO_DATABASE_URL", "JIXIAO_SECRET_KEY"):
        monkeypatch.setenv(name, "")  # records the value to restore: serve sets both
        monkeypatch.delenv(name)
    monkeypatch.setenv("JIXIAO_DATA_DIR", str(tmp_path / "data"))
    result = CliRunner().invoke(
        _app(), ["serve", "--demo", "--url", url, "--workers", "3", "--port", "8124"]
    )
    assert result.exit_code == 0, result.output
    assert "工作进程：3 个" in result.output
    assert runs == [{"host": "127.0.0.1", "port": 8124, "workers": 3}]
    assert os.environ["JIXIAO_DATABASE_URL"] == url
    key = (tmp_path / "data" / "secret_key").read_text(encoding="utf-8").strip()
    assert os.environ["JIXIAO_SECRET_KEY"] == key and len(key) > 40
    bad = CliRunner().invoke(_app(), ["serve", "--url", url, "--workers", "0"])
    assert bad.exit_code != 0


def test_worker_socket_turns_nagle_off() -> None:
    """Accepted connections of the several-process listener get TCP_NODELAY (uvicorn's own
    socket has proto 0, so asyncio leaves Nagle on and keep-alive requests wait ~40 ms)."""
    config = TcpConfig(APP_FACTORY, factory=True, host="127.0.0.1", port=0)
    listener = config.bind_socket()
    assert listener.proto == socket.IPPROTO_TCP
    nodelay: list[int] = []

    class Probe(asyncio.Protocol):
        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            sock = transport.get_extra_info("socket")
            nodelay.append(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            transport.close()

    async def accept_one() -> None:
        server = await asyncio.get_running_loop().create_server(Probe, sock=listener)
        port = listener.getsockname()[1]
        _, writer = await asyncio.open_connection("127.0.0.1", port)
        for _ in range(100):
            if nodelay:
                break
            await asyncio.sleep(0.01)
        writer.close()
        server.close()
        await server.wait_closed()

    asyncio.run(accept_one())
    assert nodelay == [1]


def test_several_processes_share_sessions(tmp_path: Path) -> None:
    """A real ``jixiao serve --workers 2``: a session signed in on one process is valid on every
    process (each fresh connection may land on either)."""
    url = f"sqlite:///{tmp_path / 'multi.db'}"
    port = free_port()
    env = {**os.environ, "JIXIAO_DATA_DIR": str(tmp_path / "data")}
    env.pop("JIXIAO_SECRET_KEY", None)
    env.pop("JIXIAO_DATABASE_URL", None)
    command = [sys.executable, "-m", "jixiao", "serve", "--demo", "--url", url]
    command += ["--port", str(port), "--workers", "2"]
    log = tmp_path / "server.log"
    with log.open("wb") as out:
        process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        try:
            wait_until_up(base, process, log)
            client = httpx.Client(base_url=base)
            token = client.get("/api/session").json()["csrf_token"]
            signed = client.post(
                "/api/login",
                json={"username": "danwei", "password": "danwei-demo"},
                headers={"X-CSRF-Token": token},
            )
            assert signed.status_code == 200, signed.text
            cookies = dict(client.cookies)
            client.close()
            answers = []
            for _ in range(12):  # a new connection each time
                with httpx.Client(base_url=base, cookies=cookies) as fresh:
                    answers.append(fresh.get("/api/me").status_code)
            assert answers == [200] * 12
        finally:
            process.terminate()
            process.wait(timeout=20)
    assert "工作进程：2 个" in log.read_text(encoding="utf-8")


def test_serve_refuses_a_busy_port_before_the_banner(monkeypatch: pytest.MonkeyPatch) -> None:
    runs: list[object] = []
    monkeypatch.setattr("uvicorn.run", lambda app, **kw: runs.append(kw))
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = CliRunner().invoke(_app(), ["serve", "--port", str(port)])
    assert result.exit_code == 1
    assert f"端口 {port} 已被其他程序占用" in result.output
    assert "绩效目标工作台：" not in result.output and runs == []


def test_serve_https_marks_cookies_secure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    apps: list[Any] = []
    monkeypatch.setattr("uvicorn.run", lambda app, **kw: apps.append(app))
    monkeypatch.setenv("JIXIAO_DATABASE_URL", f"sqlite:///{tmp_path / 'h.db'}")
    monkeypatch.setenv("JIXIAO_SECRET_KEY", "x")
    monkeypatch.setenv("JIXIAO_HTTPS", "0")  # restored after the test (serve sets it)
    result = CliRunner().invoke(_app(), ["serve", "--https", "--port", str(free_port())])
    assert result.exit_code == 0, result.output
    assert "https://127.0.0.1:" in result.output
    from fastapi.testclient import TestClient

    client = TestClient(apps[0], base_url="https://testserver")
    assert "secure" in client.get("/api/session").headers["set-cookie"].lower()
    apps[0].state.engine.dispose()


def test_rotating_forwarded_for_does_not_sidestep_the_limiter(tmp_path: Path) -> None:
    """A real ``jixiao serve``: a client on the same machine sending
    a new ``X-Forwarded-For`` with every attempt is still one address to the limiter (uvicorn
    trusts that header from 127.0.0.1 unless told not to)."""
    url = f"sqlite:///{tmp_path / 'xff.db'}"
    port = free_port()
    env = {**os.environ, "JIXIAO_DATA_DIR": str(tmp_path / "data")}
    env.pop("JIXIAO_SECRET_KEY", None)
    env.pop("JIXIAO_DATABASE_URL", None)
    command = [sys.executable, "-m", "jixiao", "serve", "--demo", "--url", url]
    command += ["--port", str(port)]
    log = tmp_path / "server.log"
    with log.open("wb") as out:
        process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        try:
            wait_until_up(base, process, log)
            with httpx.Client(base_url=base) as client:
                token = client.get("/api/session").json()["csrf_token"]
                codes = []
                for n in range(22):
                    headers = {"X-CSRF-Token": token, "X-Forwarded-For": f"203.0.113.{n + 1}"}
                    body = {"username": f"spray{n}", "password": "wrong"}
                    codes.append(client.post("/api/login", json=body, headers=headers).status_code)
            assert codes[:20] == [401] * 20
            assert codes[20:] == [429, 429]
        finally:
            process.terminate()
            process.wait(timeout=20)


def test_worker_processes_do_not_trust_forwarded_for(monkeypatch: pytest.MonkeyPatch) -> None:
    """``--workers N`` builds its own uvicorn configuration: it too takes the peer's address."""
    from jixiao.web import processes

    seen: list[object] = []

    class Capture:
        def __init__(self, config: object, sockets: list[socket.socket]) -> None:
            seen.append(config)
            for sock in sockets:
                sock.close()

        def run(self) -> None:
            return None

    monkeypatch.setattr(processes, "Multiprocess", Capture)
    processes.run_workers(host="127.0.0.1", port=free_port(), workers=2)
    assert len(seen) == 1 and seen[0].proxy_headers is False  # type: ignore[attr-defined]
