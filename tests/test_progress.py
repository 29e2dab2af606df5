"""Progress bars: drawn on a terminal only, never with --quiet or JIXIAO_QUIET=1, never on a
pipe, never beside JSON on standard output. The terminal is a real pseudo-terminal (pty)."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from jixiao.activity import listening, report
from jixiao.cli.errors import EXIT_FINDINGS, EXIT_OK
from jixiao.cli.progress import set_quiet, track
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
    assert status in (EXIT_OK, EXIT_FINDINGS)  # some seeds have error-level findings
    assert stdout.lstrip().startswith("[")
    assert not any(label in terminal for label in BAR_LABELS)


def test_review_bar_on_a_terminal(tmp_path: Path) -> None:
    out = tmp_path / "out"
    status, _, terminal = _on_terminal(
        ["review", *_inputs(), "-f", "html", "-o", str(out)], tmp_path
    )
    assert status in (EXIT_OK, EXIT_FINDINGS)
    assert "正在审核" in terminal
    assert len(list(out.glob("*.html"))) == 3


class _Terminal(io.StringIO):
    """A standard error that says it is a terminal, to watch what the display writes."""

    def isatty(self) -> bool:
        return True


def _terminal(monkeypatch: pytest.MonkeyPatch) -> _Terminal:
    """Called in the test body: pytest's own capture replaces sys.stderr after fixtures."""
    fake = _Terminal()
    monkeypatch.setattr(sys, "stderr", fake)
    monkeypatch.setenv("COLUMNS", "160")
    monkeypatch.delenv("JIXIAO_QUIET", raising=False)
    set_quiet(False)
    return fake


def test_ocr_steps_show_beside_the_item(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = _terminal(monkeypatch)
    seen = []
    for item in track(["一.pdf", "二.pdf"], "正在读取"):
        report(f"文字识别：第 1 页（{item}）")
        seen.append(item)
    assert seen == ["一.pdf", "二.pdf"]
    assert "文字识别：第 1 页（二.pdf）" in terminal.getvalue()


def test_ocr_steps_of_a_single_file_show_in_a_spinner(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = _terminal(monkeypatch)
    for _ in track(["扫描件.pdf"], "正在读取"):
        report("文字识别：第 2 页")
    assert "文字识别：第 2 页" in terminal.getvalue()


def test_single_file_without_steps_prints_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = _terminal(monkeypatch)
    assert list(track(["文本.txt"], "正在读取")) == ["文本.txt"]
    assert terminal.getvalue() == ""


def test_steps_are_dropped_when_quiet(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = _terminal(monkeypatch)
    set_quiet(True)
    try:
        for _ in track(["扫描件.pdf", "另一份.pdf"], "正在读取"):
            report("文字识别：第 1 页")
    finally:
        set_quiet(False)
    assert terminal.getvalue() == ""


def test_report_without_listener_is_harmless() -> None:
    report("文字识别：第 1 页")  # nobody listens: nothing happens, nothing raised
    heard: list[str] = []
    with listening(heard.append):
        report("第 1 页")
    report("第 2 页")
    assert heard == ["第 1 页"]


@pytest.mark.slow
def test_ocr_pages_show_on_a_terminal(tmp_path: Path) -> None:
    """A scanned page read by `jixiao parse`: the OCR step is shown while it runs."""
    from jixiao import read_path
    from jixiao.render.pdf import render_pdf
    from tests.formats.test_ocr import png_of_page

    page = tmp_path / "扫描件.png"
    page.write_bytes(png_of_page(render_pdf(read_path(SEEDS["002"])), 1))
    status, stdout, terminal = _on_terminal(["parse", str(page), "-f", "table"], tmp_path)
    assert status == 0, terminal
    assert "文字识别：第 1 页" in terminal
    assert "指标数" in stdout
