"""Server memory before and after hostile log-in attempts (run by hand, never by the tests).

Issue 14 found that 100 failed log-ins with unique 2–4 MB user names took the server from 119
to 457 MB, for good. This starts ``jixiao serve --demo`` on 127.0.0.1 against a fresh SQLite
database, warms it up with ordinary requests, reads its resident memory (``VmRSS``), then sends
N hostile log-in attempts and reads it again. Target: after within 10 % of before.

    python benchmarks/hostile_logins.py [--attempts 1000]

The attempts cycle through: unique user names just under the body limit (2 MB bodies), names
over the field limit, bodies over the limit with and without ``Content-Length``, a lying
``Content-Length``, a wrong CSRF token, rotating ``X-Forwarded-For`` with new names (password
spraying), and plain wrong passwords for a real user. The limiter answers most of them with
429 once its per-address count is reached; the answers are counted by status.
All traffic goes to 127.0.0.1 only, and the server is stopped at the end.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # for tests.web.server

from tests.web.server import free_port, wait_until_up  # noqa: E402

MB = 1024 * 1024


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def _chunks(total: int) -> Iterator[bytes]:
    sent = 0
    while sent < total:
        yield b" " * min(MB, total - sent)
        sent += MB


def _lying_length(base: str, token: str, cookie: str | None) -> int:
    host, port = base.split("//", 1)[1].rstrip("/").split(":")
    request = (
        "POST /api/login HTTP/1.1\r\n"
        f"Host: {host}:{port}\r\nContent-Type: application/json\r\n"
        f"X-CSRF-Token: {token}\r\nContent-Length: 999999999\r\n"
        + (f"Cookie: jixiao_session={cookie}\r\n" if cookie else "")
        + "\r\n{}"
    )
    with socket.create_connection((host, int(port)), timeout=30) as sock:
        sock.sendall(request.encode())
        status = sock.recv(64).split(b" ", 2)[1]
    return int(status)


def attempt(client: httpx.Client, token: str, n: int) -> int:
    """One hostile log-in attempt of kind ``n % 8``; the status code answered."""
    headers = {"X-CSRF-Token": token, "Content-Type": "application/json"}
    kind = n % 8
    if kind == 0:  # a unique name just under the 2 MB body limit
        name = f"{n:08d}" + "x" * (2 * MB - 200)
        body = f'{{"username": "{name}", "password": "x"}}'.encode()
        return client.post("/api/login", content=body, headers=headers).status_code
    if kind == 1:  # a name over the field limit, small body
        body = {"username": f"{n}" + "y" * 5000, "password": "x" * 5000}
        return client.post("/api/login", json=body, headers={"X-CSRF-Token": token}).status_code
    if kind == 2:  # a body over the limit, declared
        body = b"{" + b" " * (3 * MB) + b"}"
        return client.post("/api/login", content=body, headers=headers).status_code
    if kind == 3:  # a body over the limit, streamed without Content-Length
        return client.post("/api/login", content=_chunks(3 * MB), headers=headers).status_code
    if kind == 4:  # a lying Content-Length (raw: an HTTP client refuses to send one)
        return _lying_length(str(client.base_url), token, client.cookies.get("jixiao_session"))
    if kind == 5:  # a wrong CSRF token
        body = {"username": f"csrf{n}", "password": "x"}
        wrong = {"X-CSRF-Token": "forged"}
        return client.post("/api/login", json=body, headers=wrong).status_code
    if kind == 6:  # spraying with a rotating X-Forwarded-For
        spoofed = {"X-CSRF-Token": token, "X-Forwarded-For": f"198.51.100.{n % 250 + 1}"}
        body = {"username": f"spray{n}", "password": "x"}
        return client.post("/api/login", json=body, headers=spoofed).status_code
    body = {"username": "danwei", "password": f"guess{n}"}  # a real user, wrong passwords
    return client.post("/api/login", json=body, headers={"X-CSRF-Token": token}).status_code


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--attempts", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="jixiao-logins-") as tmp:
        url = f"sqlite:///{Path(tmp) / 'logins.db'}"
        port = free_port()
        env = {**os.environ, "JIXIAO_DATA_DIR": str(Path(tmp) / "data")}
        env.pop("JIXIAO_SECRET_KEY", None)
        env.pop("JIXIAO_DATABASE_URL", None)
        command = [sys.executable, "-m", "jixiao", "serve", "--demo", "--url", url]
        command += ["--port", str(port)]
        log = Path(tmp) / "server.log"
        with log.open("wb") as out:
            server = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
            base = f"http://127.0.0.1:{port}"
            try:
                wait_until_up(base, server, log)
                with httpx.Client(base_url=base, timeout=60) as client:
                    for _ in range(50):  # warm-up: pages, a session, a good log-in
                        client.get("/login")
                    token = client.get("/api/session").json()["csrf_token"]
                    good = {"username": "admin", "password": "admin-demo"}
                    client.post("/api/login", json=good, headers={"X-CSRF-Token": token})
                    client.post("/api/logout", headers={"X-CSRF-Token": token})
                    token = client.get("/api/session").json()["csrf_token"]
                    time.sleep(1)
                    before = rss_mb(server.pid)
                    statuses: Counter[int | str] = Counter()
                    started = time.perf_counter()
                    for n in range(args.attempts):
                        try:
                            statuses[attempt(client, token, n)] += 1
                        except httpx.HTTPError as exc:  # the server closed a refused upload
                            statuses[type(exc).__name__] += 1
                    took = time.perf_counter() - started
                    time.sleep(1)
                    after = rss_mb(server.pid)
            finally:
                server.terminate()
                server.wait(timeout=20)
    answers = dict(sorted(statuses.items(), key=str))
    print(f"attempts {args.attempts} in {took:.0f} s; answers: {answers}")
    change = (after / before - 1) * 100
    print(f"server RSS before {before:.1f} MB, after {after:.1f} MB ({change:+.1f} %)")
    sys.exit(0 if after <= before * 1.10 else 1)


if __name__ == "__main__":
    main()
