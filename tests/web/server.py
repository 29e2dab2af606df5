"""A real workbench server (uvicorn in a child process) on 127.0.0.1 and a free port."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_up(base: str, process: subprocess.Popen[bytes], log: Path) -> None:
    """Until the log-in page answers; fails if the server exits or takes over 60 s."""
    deadline = time.monotonic() + 60
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"server exited: {log.read_text(errors='replace')}")
        try:
            if httpx.get(f"{base}/login", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError("server did not start in 60 s")
        time.sleep(0.1)


@contextmanager
def running_server(url: str, log: Path) -> Iterator[str]:
    """Serve the database at ``url``; yields the base address."""
    port = free_port()
    env = {
        **os.environ,
        "JIXIAO_DATABASE_URL": url,
        "JIXIAO_SECRET_KEY": "browser-test-secret",
    }
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "jixiao.web.app:create_app",
        "--factory",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "warning",
    ]
    with log.open("wb") as out:
        process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        try:
            wait_until_up(base, process, log)
            yield base
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
