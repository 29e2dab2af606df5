"""Progress bars: drawn on a terminal only, never with --quiet or JIXIAO_QUIET=1, never on a
pipe, never beside JSON on standard output. The terminal is a real pseudo-terminal (pty)."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SEEDS

BAR_LABELS = ("正在读取", "正在审核", "正在转换")


def _on_terminal(args: list[str], tmp_path: Path, **env: str) -> tuple[int, str, str]:
    """Run ``jixiao ARGS`` with standard error on a pty; (status, stdout, what the pty got).

    Standard output goes to a file, so a long JSON output cannot block the child while the
    pty is read."""
    master, slave = pty.openpty()
    stdout_path = tmp_path / "stdout.txt"
    chunks = []
    try:
        with stdout_path.open("wb") as stdout:
            process = subprocess.Popen(
                [sys.executable, "-m", "jixiao", *args],
                stdin=subprocess.DEVNULL,
                stdout=stdout,
                stderr=slave,
                env={**os.environ, "COLUMNS": "120", **env},
            )
        os.close(slave)
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: the child closed its end
                break
            if not data:
                break
            chunks.append(data)
        status = process.wait(timeout=300)
    finally:
        os.close(master)
    terminal = b"".join(chunks).decode("utf-8", "replace")
    return status, stdout_path.read_text(encoding="utf-8"), terminal


def _inputs() -> list[str]:
    return [str(SEEDS["000"]), str(SEEDS["002"]), str(SEEDS["003"])]


def test_bar_on_a_terminal(tmp_path: Path) -> None:
    status, _, terminal = _on_terminal(["parse", *_inputs(), "-o", str(tmp_path / "out")], tmp_path)
    assert status == 0
    assert "正在读取" in terminal and "3/3" in terminal
    assert terminal.count("已写入") == 3


@pytest.mark.parametrize("how", ["option", "environment"])
def test_quiet_is_silent(tmp_path: Path, how: str) -> None:
    out = tmp_path / "out"
    args = ["parse", *_inputs(), "-o", str(out)]
    if how == "option":
        status, _, terminal = _on_terminal([*args, "--quiet"], tmp_path)
    else:
        status, _, terminal = _on_terminal(args, tmp_path, JIXIAO_QUIET="1")
    assert status == 0
    assert terminal.strip() == ""
    assert len(list(out.glob("*.json"))) == 3


def test_no_bar_on_a_pipe(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "jixiao", "render", *_inputs(), "--to", "html", "-o", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert not any(label in result.stderr for label in BAR_LABELS)
    assert result.stderr.count("已写入") == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        Path(name).stem + ".html" for name in _inputs()
    )


def test_no_bar_beside_json_on_stdout(tmp_path: Path) -> None:
    status, stdout, terminal = _on_terminal(["review", *_inputs(), "-f", "json"], tmp_path)
    assert status in (0, 3)  # 3: some seed has error-level findings
    assert stdout.lstrip().startswith("[")
    assert not any(label in terminal for label in BAR_LABELS)


def test_review_bar_on_a_terminal(tmp_path: Path) -> None:
    out = tmp_path / "out"
    status, _, terminal = _on_terminal(
        ["review", *_inputs(), "-f", "html", "-o", str(out)], tmp_path
    )
    assert status in (0, 3)
    assert "正在审核" in terminal
    assert len(list(out.glob("*.html"))) == 3
