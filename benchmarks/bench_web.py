"""Load benchmark of the workbench on loopback (run by hand, never by the tests).

Starts ``jixiao serve --demo`` (uvicorn; ``--workers`` processes, default one) on 127.0.0.1
against a fresh database, signs in N clients as the demo administrator, and for a fixed time
has them request the document page and the project editor of the seed documents. Reports
requests/s, p50/p95/p99 latency and the server's CPU time per request (user + system time of
the server's processes, read from /proc, so a busy machine shows in latency but much less in
CPU time), and, as the named baselines measured in the same run against the same server, the
log-in page (a template with no database work) and ``/api/me`` (the signed-in floor: session
row, user, a worker thread), with the ratios. Rounds are interleaved (``--rounds``) so a
neighbour's load hits every page alike. Run on SQLite and on PostgreSQL:

    python benchmarks/bench_web.py                        # SQLite file in a temp dir
    python benchmarks/bench_web.py --postgres postgresql://postgres@127.0.0.1:5432/test
    python benchmarks/bench_web.py --workers 2           # several uvicorn processes
    python benchmarks/bench_web.py --before /tmp/old/src  # before/after, same rounds

Only the standard library and jixiao's runtime dependencies are used (``http.client``; psycopg
for --postgres), so it runs in the ``.venv`` that ``scripts/run`` makes.
With --postgres, a database ``jixiao_bench_<pid>`` is created on that server and dropped after.
All traffic goes to 127.0.0.1 only; the loops are bounded in time and stop by themselves.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any

PASSWORD = {"admin": "admin-demo"}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Client:
    """One signed-in browser: a keep-alive connection, its cookies and CSRF token."""

    def __init__(self, port: int, timeout: float = 30) -> None:
        self.port = port
        self.timeout = timeout
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        self.cookies: dict[str, str] = {}
        self.headers: dict[str, str] = {}

    def request(self, method: str, path: str, body: Any = None) -> tuple[int, bytes]:
        headers = dict(self.headers)
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        for attempt in (1, 2):
            try:
                self.conn.request(method, path, body=data, headers=headers)
                answer = self.conn.getresponse()
                payload = answer.read()
                break
            except (http.client.HTTPException, ConnectionError):
                self.conn.close()  # the server closed a kept-alive connection: reconnect once
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
                if attempt == 2:
                    raise
        for header in answer.msg.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return answer.status, payload

    def get(self, path: str) -> tuple[int, bytes]:
        return self.request("GET", path)

    def json(self, method: str, path: str, body: Any = None) -> Any:
        status, payload = self.request(method, path, body)
        if status != 200:
            raise RuntimeError(f"{method} {path}: {status} {payload[:200]!r}")
        return json.loads(payload)

    def close(self) -> None:
        self.conn.close()


@contextmanager
def _postgres_database(admin_url: str, suffix: str = "") -> Iterator[str]:
    import psycopg

    name = f"jixiao_bench_{os.getpid()}{suffix}"
    plain = admin_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base, _, _ = plain.rpartition("/")
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(plain, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _up(port: int) -> bool:
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
        conn.request("GET", "/login")
        ok = conn.getresponse().status == 200
        conn.close()
        return ok
    except OSError:
        return False


@contextmanager
def _server(
    db_url: str, data_dir: Path, workers: int = 1, src: str | None = None
) -> Iterator[tuple[int, int]]:
    """The server's port and process id, once it answers (``src``: run jixiao from there)."""
    port = _free_port()
    data_dir.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "JIXIAO_DATA_DIR": str(data_dir), "JIXIAO_SECRET_KEY": "bench"}
    if src is not None:
        env["PYTHONPATH"] = src
    args = [sys.executable, "-m", "jixiao", "serve", "--demo", "--url", db_url, "--port", str(port)]
    args += ["--workers", str(workers)]
    log = (data_dir / "server.log").open("wb")
    process = subprocess.Popen(args, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 120
        while not _up(port):
            if process.poll() is not None:
                raise RuntimeError((data_dir / "server.log").read_text(errors="replace"))
            if time.monotonic() > deadline:
                raise RuntimeError("server did not start in 120 s")
            time.sleep(0.2)
        yield port, process.pid
    finally:
        process.terminate()
        process.wait(timeout=15)
        log.close()


_TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _stat(pid: int) -> list[str] | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text[text.rindex(")") + 2 :].split()  # fields from "state" on


def server_cpu(pid: int) -> float:
    """User + system CPU seconds of the server process and its worker processes (Linux /proc;
    0 elsewhere)."""
    if not Path("/proc").is_dir():
        return 0.0
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (fields := _stat(int(entry.name))) is not None:
            parents[int(entry.name)] = int(fields[1])
    tree, frontier = {pid}, [pid]
    while frontier:
        parent = frontier.pop()
        for child, ppid in parents.items():
            if ppid == parent and child not in tree:
                tree.add(child)
                frontier.append(child)
    total = 0
    for member in tree:
        if (fields := _stat(member)) is not None:
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / _TICK


def _client(port: int) -> Client:
    client = Client(port)
    client.headers["X-CSRF-Token"] = client.json("GET", "/api/session")["csrf_token"]
    answer = client.json("POST", "/api/login", {"username": "admin", "password": PASSWORD["admin"]})
    client.headers["X-CSRF-Token"] = answer["csrf_token"]
    return client


def _load(
    clients: list[Client], paths: list[str], seconds: float, seed: int
) -> tuple[list[float], int]:
    """Latencies (s) of all requests and the count of non-200 answers."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def work(client: Client, index: int) -> None:
        nonlocal errors
        rng = random.Random(seed * 1000 + index)
        own: list[float] = []
        bad = 0
        while time.monotonic() < stop:
            start = time.perf_counter()
            status, _ = client.get(rng.choice(paths))
            own.append(time.perf_counter() - start)
            bad += status != 200
        with lock:
            latencies.extend(own)
            errors += bad

    threads = [threading.Thread(target=work, args=(c, i)) for i, c in enumerate(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors


class Tally:
    """One page's requests over all rounds."""

    def __init__(self) -> None:
        self.latencies: list[float] = []
        self.seconds = 0.0
        self.cpu = 0.0
        self.errors = 0

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.seconds

    @property
    def cpu_ms(self) -> float:
        return self.cpu / len(self.latencies) * 1000

    def row(self, label: str) -> str:
        q = statistics.quantiles(self.latencies, n=100)
        return (
            f"{label:<18} {self.rate:9.1f} {q[49] * 1000:9.1f} {q[94] * 1000:9.1f} "
            f"{q[98] * 1000:9.1f} {self.cpu_ms:9.2f} {self.errors:7d}"
        )


BASELINE = "log-in (baseline)"
SIGNED_IN = "signed-in floor"
"""``/api/me``: the cost every signed-in request pays (session row, user, a worker thread)."""


def _measure(port: int, pid: int, args: argparse.Namespace, tallies: dict[str, Tally]) -> str:
    """Sign clients in to one server and prepare its pages; the description of its data."""
    clients = [_client(port) for _ in range(args.clients)]
    documents = clients[0].json("GET", "/api/documents")
    doc_paths = [f"/documents/{d['id']}" for d in documents]
    editor_paths = [f"/projects/{p['id']}" for d in documents for p in d["projects"]]
    pages = {
        BASELINE: ["/login"],
        SIGNED_IN: ["/api/me"],
        "document page": doc_paths,
        "project editor": editor_paths,
    }
    for paths in pages.values():  # warm up: first requests import and compile
        for path in paths:
            clients[0].get(path)
    for label in pages:
        tallies.setdefault(label, Tally())
    _SERVERS.append((clients, pid, pages, tallies))
    return f"{len(documents)} documents, {len(editor_paths)} projects"


_SERVERS: list[tuple[list[Client], int, dict[str, list[str]], dict[str, Tally]]] = []


def _round(round_: int, seconds: float) -> None:
    """Every page of every server for ``seconds`` each, one after the other."""
    for clients, pid, pages, tallies in _SERVERS:
        for label, paths in pages.items():
            tally = tallies[label]
            cpu, start = server_cpu(pid), time.perf_counter()
            latencies, errors = _load(clients, paths, seconds, round_)
            tally.seconds += time.perf_counter() - start
            tally.cpu += server_cpu(pid) - cpu
            tally.latencies += latencies
            tally.errors += errors


def _report(name: str, tallies: dict[str, Tally]) -> None:
    header = ("page", "req/s", "p50 ms", "p95 ms", "p99 ms", "CPU ms/req", "non-200")
    print(f"\n{name}")
    print(f"{header[0]:<18} " + " ".join(f"{h:>9}" for h in header[1:]))
    for label, tally in tallies.items():
        print(tally.row(label))
    base, floor = tallies[BASELINE], tallies[SIGNED_IN]
    for label in ("document page", "project editor"):
        tally = tallies[label]
        print(
            f"{label}: {base.rate / tally.rate:.1f}x the log-in page's time per request, "
            f"{tally.cpu_ms / base.cpu_ms:.1f}x its server CPU per request; "
            f"{tally.cpu_ms / floor.cpu_ms:.1f}x the signed-in floor's CPU"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", help="admin URL of a PostgreSQL server (else SQLite)")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=15.0, help="per page, over all rounds")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds per page")
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    parser.add_argument(
        "--before",
        metavar="SRC",
        help="also serve jixiao from this src folder (e.g. an older checkout's) on its own "
        "database, measured in the same rounds: before and after in one run",
    )
    args = parser.parse_args()
    targets: list[tuple[str, str | None]] = [("this checkout", None)]
    if args.before:
        targets.insert(0, (f"before ({args.before})", args.before))
    with tempfile.TemporaryDirectory(prefix="jixiao-bench-") as tmp, ExitStack() as stack:
        results: list[tuple[str, dict[str, Tally]]] = []
        for i, (name, src) in enumerate(targets):
            data_dir = Path(tmp) / str(i)
            db_url = stack.enter_context(
                _postgres_database(args.postgres, f"_{i}")
                if args.postgres
                else _sqlite(data_dir / "bench.db")
            )
            port, pid = stack.enter_context(_server(db_url, data_dir, args.workers, src))
            tallies: dict[str, Tally] = {}
            described = _measure(port, pid, args, tallies)
            results.append((name, tallies))
        print(f"database: {'PostgreSQL' if args.postgres else 'SQLite'}; {described}; "
              f"{args.clients} clients x {args.seconds:.0f} s per page in {args.rounds} "
              f"interleaved rounds; {args.workers} uvicorn worker(s); loopback")  # fmt: skip
        for round_ in range(args.rounds):
            _round(round_, args.seconds / args.rounds)
        for clients, *_ in _SERVERS:
            for client in clients:
                client.close()
        for name, tallies in results:
            _report(name, tallies)
        if len(results) == 2:
            (_, old), (_, new) = results
            for label in ("document page", "project editor"):
                print(
                    f"{label}: {old[label].cpu_ms / new[label].cpu_ms:.1f}x less server CPU "
                    f"per request, {new[label].rate / old[label].rate:.1f}x the requests/s"
                )


@contextmanager
def _sqlite(path: Path) -> Iterator[str]:
    yield f"sqlite:///{path}"


if __name__ == "__main__":
    main()
