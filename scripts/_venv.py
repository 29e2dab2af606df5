"""Make or refresh a virtualenv holding jixiao (editable) with the given extras.

Called by scripts/run (``.venv``) and scripts/test (``.venv-test``) as
``python _venv.py VENV EXTRAS``; prints the venv's Python on stdout. Installs only when the
venv is missing or broken, or when pyproject.toml or the extras changed since the last install
(a stamp in the venv holds a hash of both). An exclusive lock (``VENV.lock``) makes a second
concurrent run wait instead of installing into the same venv at the same time. Standard
library only: it runs before anything is installed. Messages are for users, in Chinese.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import subprocess
import sys
import venv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
STAMP = ".jixiao-install.json"


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@contextlib.contextmanager
def locked(path: Path, target: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (created if needed); waits for another holder."""
    try:
        import fcntl
    except ImportError:  # Windows: no flock; concurrent first installs are rare there
        yield
        return
    with open(path, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            say(f"另一个 jixiao 脚本正在安装虚拟环境 {target}，等待其完成……")
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def venv_python(target: Path) -> Path:
    scripts = target / ("Scripts" if os.name == "nt" else "bin")
    return scripts / ("python.exe" if os.name == "nt" else "python")


def wanted(extras: list[str]) -> dict[str, Any]:
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    return {"pyproject": digest, "extras": sorted(extras), "python": sys.version.split()[0]}


def up_to_date(target: Path, want: dict[str, Any]) -> bool:
    """The stamp matches pyproject.toml and holds at least the wanted extras."""
    try:
        have = json.loads((target / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(have, dict):
        return False
    extras = have.get("extras", [])
    return (
        have.get("pyproject") == want["pyproject"]
        and have.get("python") == want["python"]
        and isinstance(extras, list)
        and set(want["extras"]).issubset(extras)
    )


def merged(target: Path, want: dict[str, Any]) -> dict[str, Any]:
    """The new stamp: extras installed earlier for the same pyproject.toml are still there."""
    try:
        have = json.loads((target / STAMP).read_text(encoding="utf-8"))
        if have.get("pyproject") == want["pyproject"]:
            extras = set(have.get("extras", [])) | set(want["extras"])
            return {**want, "extras": sorted(extras)}
    except (OSError, ValueError, AttributeError, TypeError):
        pass
    return want


def works(python: Path) -> bool:
    if not python.exists():
        return False
    result = subprocess.run([python, "-c", "import sys"], capture_output=True, check=False)
    return result.returncode == 0


def install(target: Path, extras: list[str]) -> None:
    python = venv_python(target)
    if not works(python):
        if target.exists():
            say(f"虚拟环境 {target} 已损坏（可能 Python 已升级），正在重新创建……")
            shutil.rmtree(target)
        venv.EnvBuilder(with_pip=True).create(target)
    spec = f"{ROOT}[{','.join(extras)}]" if extras else str(ROOT)
    shown = f"（含 {'、'.join(extras)}）" if extras else ""
    say(f"正在把 jixiao{shown} 安装到 {target}，首次安装约需 1–3 分钟……")
    log = target / "install.log"
    with open(log, "w", encoding="utf-8") as out:
        result = subprocess.run(
            [python, "-m", "pip", "install", "--disable-pip-version-check", "-e", spec],
            stdout=out,
            stderr=subprocess.STDOUT,
            check=False,
        )
    if result.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace").splitlines()[-15:]
        say("\n".join(tail))
        say(
            f"错误：安装失败（pip 退出状态 {result.returncode}），完整记录见 {log}。\n"
            "  请检查网络能否访问 Python 软件包索引（PyPI），或设置 PIP_INDEX_URL 使用镜像后重试。"
        )
        sys.exit(1)


def main() -> None:
    target = Path(sys.argv[1]).absolute()
    extras = [e for e in (sys.argv[2] if len(sys.argv) > 2 else "").split(",") if e]
    want = wanted(extras)
    if up_to_date(target, want) and works(venv_python(target)):  # fast path, no lock
        print(venv_python(target))
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    with locked(target.parent / f"{target.name}.lock", target):
        if not (up_to_date(target, want) and works(venv_python(target))):
            install(target, extras)
            (target / STAMP).write_text(json.dumps(merged(target, want)), encoding="utf-8")
    print(venv_python(target))


if __name__ == "__main__":
    main()
