"""Load benchmark of the workbench on loopback (run by hand, never by the tests).

Starts ``jixiao serve --demo`` (uvicorn; ``--workers`` processes, default one) on 127.0.0.1
against a fresh database, signs in N clients as the demo administrator, and for a fixed time
has them request the document page and the project editor of the seed documents. Reports
requests/s and p50/p95/p99 latency per page, and, as the named baseline measured in the same
run against the same server, the log-in page (a template with no database work), with the
ratios. Run on SQLite and on PostgreSQL:

    python benchmarks/bench_web.py                        # SQLite file in a temp dir
    python benchmarks/bench_web.py --postgres postgresql://postgres@127.0.0.1:5432/test
    python benchmarks/bench_web.py --workers 2           # several uvicorn processes

With --postgres, a database ``jixiao_bench_<pid>`` is created on that server and dropped after.
All traffic goes to 127.0.0.1 only; the loops are bounded in time and stop by themselves.
"""

from __future__ import annotations

import argparse
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
from contextlib import contextmanager
from pathlib import Path

import httpx

PASSWORD = {"admin": "admin-demo"}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def _postgres_database(admin_url: str) -> Iterator[str]:
    import psycopg

    name = f"jixiao_bench_{os.getpid()}"
    plain = admin_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base, _, _ = plain.rpartition("/")
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(plain, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def _server(db_url: str, data_dir: Path, workers: int = 1) -> Iterator[str]:
    port = _free_port()
    env = {**os.environ, "JIXIAO_DATA_DIR": str(data_dir), "JIXIAO_SECRET_KEY": "bench"}
    args = [sys.executable, "-m", "jixiao", "serve", "--demo", "--url", db_url, "--port", str(port)]
    args += ["--workers", str(workers)]
    log = (data_dir / "server.log").open("wb")
    process = subprocess.Popen(args, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            if process.poll() is not None:
                raise RuntimeError((data_dir / "server.log").read_text(errors="replace"))
            try:
                if httpx.get(f"{base}/login", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("server did not start in 120 s")
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=15)
        log.close()


def _client(base: str) -> httpx.Client:
    client = httpx.Client(base_url=base, timeout=30)
    client.headers["X-CSRF-Token"] = client.get("/api/session").json()["csrf_token"]
    answer = client.post("/api/login", json={"username": "admin", "password": PASSWORD["admin"]})
    answer.raise_for_status()
    client.headers["X-CSRF-Token"] = answer.json()["csrf_token"]
    return client


def _load(base: str, paths: list[str], clients: int, seconds: float) -> tuple[list[float], int]:
    """Latencies (s) of all requests and the count of non-200 answers."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def work(seed: int) -> None:
        nonlocal errors
        rng = random.Random(seed)
        own: list[float] = []
        bad = 0
        client = _client(base)
        try:
            while time.monotonic() < stop:
                start = time.perf_counter()
                status = client.get(rng.choice(paths)).status_code
                own.append(time.perf_counter() - start)
                bad += status != 200
        finally:
            client.close()
        with lock:
            latencies.extend(own)
            errors += bad

    threads = [threading.Thread(target=work, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors


def _row(label: str, latencies: list[float], seconds: float, errors: int) -> str:
    q = statistics.quantiles(latencies, n=100)
    return (
        f"{label:<18} {len(latencies) / seconds:9.1f} {q[49] * 1000:9.1f} "
        f"{q[94] * 1000:9.1f} {q[98] * 1000:9.1f} {errors:7d}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", help="admin URL of a PostgreSQL server (else SQLite)")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="jixiao-bench-") as tmp:
        data_dir = Path(tmp)
        context = (
            _postgres_database(args.postgres) if args.postgres else _sqlite(data_dir / "bench.db")
        )
        with context as db_url, _server(db_url, data_dir, args.workers) as base:
            client = _client(base)
            documents = client.get("/api/documents").json()
            client.close()
            doc_paths = [f"/documents/{d['id']}" for d in documents]
            editor_paths = [f"/projects/{p['id']}" for d in documents for p in d["projects"]]
            print(f"database: {'PostgreSQL' if args.postgres else 'SQLite'}; {len(documents)} "
                  f"documents, {len(editor_paths)} projects; {args.clients} clients x "
                  f"{args.seconds:.0f} s per page; {args.workers} uvicorn worker(s); "
                  "loopback")  # fmt: skip
            header = ("page", "req/s", "p50 ms", "p95 ms", "p99 ms", "non-200")
            print(f"{header[0]:<18} " + " ".join(f"{h:>9}" for h in header[1:]))
            results = {}
            for label, paths in (
                ("log-in (baseline)", ["/login"]),
                ("document page", doc_paths),
                ("project editor", editor_paths),
            ):
                latencies, errors = _load(base, paths, args.clients, args.seconds)
                results[label] = len(latencies) / args.seconds
                print(_row(label, latencies, args.seconds, errors))
            baseline = results["log-in (baseline)"]
            for label in ("document page", "project editor"):
                print(f"{label}: {baseline / results[label]:.1f}x the baseline's time per request")


@contextmanager
def _sqlite(path: Path) -> Iterator[str]:
    yield f"sqlite:///{path}"


if __name__ == "__main__":
    main()
