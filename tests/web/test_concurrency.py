"""20 clients editing the same and different projects at once against a real server, on SQLite
and on PostgreSQL: every save either lands or is refused with 409 (optimistic locking), none is
lost, no 5xx, and a client alone on its project is never refused (saving one project must not
conflict with saves of other projects of the same document)."""

from __future__ import annotations

import threading
import time
from collections import Counter
from pathlib import Path

import httpx
import pytest

from tests.web.conftest import PASSWORDS, FreshDatabase
from tests.web.server import running_server

CLIENTS = 20
SECONDS = 12.0  # ≈ 90–120 saves and 50–100 refused ones per backend here: far above what it asserts

pytestmark = pytest.mark.slow


def _client(base: str) -> httpx.Client:
    client = httpx.Client(base_url=base, timeout=60)
    token = client.get("/api/session").json()["csrf_token"]
    client.headers["X-CSRF-Token"] = token
    response = client.post(
        "/api/login", json={"username": "danwei", "password": PASSWORDS["danwei"]}
    )
    response.raise_for_status()
    client.headers["X-CSRF-Token"] = response.json()["csrf_token"]
    return client


def test_parallel_edits_lose_nothing(fresh_database: FreshDatabase, tmp_path: Path) -> None:
    url = fresh_database()
    with running_server(url, tmp_path / "server.log") as base:
        setup = _client(base)
        docs = setup.get("/api/documents").json()
        projects = [p["id"] for d in docs for p in d["projects"]]
        setup.close()
        # half the clients share one project, the others have one each
        targets = [projects[0]] * (CLIENTS // 2) + projects[1 : CLIENTS // 2 + 1]
        statuses: Counter[int] = Counter()
        refused: Counter[int] = Counter()  # 409s per client
        landed: dict[int, list[str]] = {pid: [] for pid in set(targets)}
        errors: list[str] = []
        lock = threading.Lock()
        stop = time.monotonic() + SECONDS

        def work(n: int, project_id: int) -> None:
            client = _client(base)
            k = 0
            try:
                while time.monotonic() < stop:
                    current = client.get(f"/api/projects/{project_id}")
                    with lock:
                        statuses[current.status_code] += 1
                    if current.status_code != 200:
                        errors.append(current.text)
                        return
                    body = current.json()
                    token = f"客户{n}-第{k}次"
                    project = body["project"]
                    project["goals"] = [*project["goals"], token]
                    saved = client.put(
                        f"/api/projects/{project_id}",
                        json={"version": body["version"], "project": project},
                    )
                    with lock:
                        statuses[saved.status_code] += 1
                        if saved.status_code == 200:
                            landed[project_id].append(token)
                        elif saved.status_code == 409:
                            refused[n] += 1
                        else:
                            errors.append(f"{saved.status_code} {saved.text}")
                    k += 1
            finally:
                client.close()

        threads = [threading.Thread(target=work, args=(n, pid)) for n, pid in enumerate(targets)]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=SECONDS + 120)
        assert not any(t.is_alive() for t in threads)
        elapsed = time.monotonic() - started
        check = _client(base)
        for project_id, tokens in landed.items():
            goals = check.get(f"/api/projects/{project_id}").json()["project"]["goals"]
            missing = [t for t in tokens if t not in goals]
            assert not missing, f"project {project_id} lost {missing}"
            assert len([g for g in goals if g.startswith("客户")]) == len(tokens)
        check.close()
    assert not errors, errors[:3]
    assert not [s for s in statuses if s >= 500], statuses
    alone = [n for n, pid in enumerate(targets) if targets.count(pid) == 1]
    assert len(alone) == CLIENTS // 2
    assert not {n: refused[n] for n in alone if refused[n]}, "false conflicts"
    assert sum(refused.values()) > 0  # the shared project really was contended
    assert sum(len(t) for t in landed.values()) > CLIENTS  # real work happened
    assert landed[projects[0]]  # the shared project moved too
    print(f"\n{elapsed:.1f} s, statuses {dict(statuses)}, saves {sum(map(len, landed.values()))}")
