"""The README's commands as a newcomer runs them: scripts/run from any folder (and through a
symlink), scripts/setup-system --check, and the wheel that `pip install .` builds."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import sysconfig
import time
import urllib.error
import urllib.request
import venv
from pathlib import Path

import pytest

from tests.conftest import SEEDS

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ROOT / "scripts"


def _ready_venv(tmp_path: Path) -> Path:
    """A venv scripts/_venv.py takes as up to date, whose python is the one running the tests
    (so scripts/run does not install anything here; the real install is the slow test below)."""
    target = tmp_path / "venv"
    (target / "bin").mkdir(parents=True)
    python = target / "bin" / "python"
    python.write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n', encoding="utf-8")
    python.chmod(0o755)
    helper = subprocess.run(
        [
            sys.executable,
            "-c",
            "import json, runpy, sys; g = runpy.run_path(sys.argv[1]); "
            "print(json.dumps(g['wanted']([])))",
            str(SCRIPTS / "_venv.py"),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    (target / ".jixiao-install.json").write_text(helper.stdout, encoding="utf-8")
    return target


def test_run_from_another_folder_on_a_relative_path(tmp_path: Path) -> None:
    """Paths stay relative to where the user is; -o lands there too (issue 15, item 1)."""
    work = tmp_path / "工作目录"
    work.mkdir()
    shutil.copy(SEEDS["002"], work / "绩效目标.txt")
    env = {**os.environ, "JIXIAO_VENV": str(_ready_venv(tmp_path))}
    result = subprocess.run(
        [str(SCRIPTS / "run"), "parse", "绩效目标.txt", "-o", "输出"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    written = work / "输出" / "绩效目标.json"
    assert json.loads(written.read_text(encoding="utf-8"))["projects"]
    assert not (ROOT / "输出").exists()


def test_run_through_a_symlink_shows_help(tmp_path: Path) -> None:
    link = tmp_path / "jixiao-run"
    link.symlink_to(SCRIPTS / "run")
    env = {**os.environ, "JIXIAO_VENV": str(_ready_venv(tmp_path))}
    result = subprocess.run(
        [str(link), "--help"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "用法：jixiao" in result.stdout and "render" in result.stdout


def test_venv_stamp_follows_pyproject_and_extras(tmp_path: Path) -> None:
    """The stamp logic that decides whether to reinstall: extras already installed count."""
    helper = SCRIPTS / "_venv.py"
    code = (
        "import json, runpy, sys; from pathlib import Path\n"
        "g = runpy.run_path(sys.argv[1]); target = Path(sys.argv[2])\n"
        "want = g['wanted'](['dev', 'ocr'])\n"
        "(target / g['STAMP']).write_text(json.dumps(want))\n"
        "print(g['up_to_date'](target, g['wanted']([])),"
        " g['up_to_date'](target, g['wanted'](['ocr'])),"
        " g['up_to_date'](target, {**want, 'pyproject': 'changed'}),"
        " g['up_to_date'](target, g['wanted'](['other'])))\n"
    )
    tmp_path.mkdir(exist_ok=True)
    result = subprocess.run(
        [sys.executable, "-c", code, str(helper), str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split() == ["True", "True", "False", "False"]


def _restricted_path(tmp_path: Path) -> str:
    """A PATH holding only the shell tools setup-system uses: every package looks missing."""
    folder = tmp_path / "bin"
    folder.mkdir()
    for tool in ("bash", "sed", "grep", "id", "sort", "tail", "ls", "seq", "cat", "env"):
        found = shutil.which(tool)
        assert found, tool
        (folder / tool).symlink_to(found)
    return str(folder)


def test_setup_system_check_names_what_is_missing(tmp_path: Path) -> None:
    env = {**os.environ, "PATH": _restricted_path(tmp_path)}
    result = subprocess.run(
        [str(SCRIPTS / "setup-system"), "--check"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "缺少以下系统软件包" in result.stdout
    command = next(line for line in result.stdout.splitlines() if "apt-get install -y" in line)
    for package in ("libreoffice-writer-nogui", "poppler-utils", "postgresql-client"):
        assert package in command


def test_setup_system_check_on_this_machine() -> None:
    """scripts/test ran setup-system before the suite: nothing may be missing now."""
    result = subprocess.run(
        [str(SCRIPTS / "setup-system"), "--check"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "已齐全" in result.stdout


def test_setup_system_refuses_unknown_arguments() -> None:
    result = subprocess.run(
        [str(SCRIPTS / "setup-system"), "--bogus"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2 and "未知参数" in result.stderr


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.slow
def test_wheel_installs_a_working_jixiao(tmp_path: Path) -> None:
    """`pip install .` as a wheel in a clean venv: the console script, templates, migrations,
    static files, examples and the bundled font all come with it, a PDF renders without any
    system font, and `serve --demo` serves.

    The wheel is installed without dependencies; the venv reaches the test environment's
    packages through a plain path line (no .pth processing there, so jixiao's own editable
    install stays invisible and the wheel's copy is the one imported)."""
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)],
        check=True,
        timeout=600,
        capture_output=True,
    )
    (wheel,) = wheels.glob("jixiao-*.whl")
    env = {**os.environ, "JIXIAO_DATA_DIR": str(tmp_path / "data")}
    for name in ("PYTHONPATH", "JIXIAO_DATABASE_URL", "JIXIAO_PDF_FONT"):
        env.pop(name, None)
    target = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(target)
    python = target / "bin" / "python"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--no-deps",
            "-q",
            *[str(wheel)],
        ],
        check=True,
        timeout=600,
        capture_output=True,
        env=env,
    )
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    (Path(site) / "test-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")

    where = subprocess.run(
        [
            str(python),
            "-c",
            "import jixiao, pathlib; from jixiao.render.fonts import bundled_font_path;"
            "root = pathlib.Path(jixiao.__file__).parent; print(root);"
            "print(bundled_font_path());"
            "print(len(list((root / 'store' / 'migrations').rglob('*.py'))));"
            "print(len(list((root / 'web' / 'static').iterdir())));"
            "print(len(list((root / 'examples').glob('*.txt'))))",
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
        env=env,
    ).stdout.split("\n")
    package, font, migrations, static, examples = where[:5]
    assert Path(package).is_relative_to(target), package
    assert font.endswith(".ttf")
    assert int(migrations) >= 2 and int(static) >= 1 and int(examples) == 4

    jixiao = target / "bin" / "jixiao"
    result = subprocess.run(
        [str(jixiao), "--help"], capture_output=True, text=True, timeout=60, cwd=tmp_path, env=env
    )
    assert result.returncode == 0 and "用法：jixiao" in result.stdout

    # A PDF from the wheel on a machine whose fontconfig knows no font: the bundled font.
    from tests.test_fonts import _assert_cjk_pdf, _bare_fontconfig

    pdf = tmp_path / "out.pdf"
    rendered = subprocess.run(
        [str(jixiao), "render", str(SEEDS["002"]), "--to", "pdf", "-o", str(pdf)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
        env={**env, "FONTCONFIG_FILE": str(_bare_fontconfig(tmp_path))},
    )
    assert rendered.returncode == 0, rendered.stderr
    _assert_cjk_pdf(pdf, tmp_path, "jixiao-cjk")

    port = _free_port()
    server = subprocess.Popen(
        [str(jixiao), "serve", "--demo", "--port", str(port)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        page = ""
        for _ in range(240):  # up to about two minutes on a loaded machine; no timing asserted
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/login", timeout=5) as r:
                    page = r.read().decode("utf-8")
                break
            except (urllib.error.URLError, ConnectionError):
                assert server.poll() is None, "jixiao serve --demo exited"
                time.sleep(0.5)
        assert "登录" in page
    finally:
        server.terminate()
        server.wait(timeout=60)


def test_second_install_waits_for_the_lock(tmp_path: Path) -> None:
    """While one run holds the venv's lock, another does not install into it: it waits."""
    import fcntl

    target = tmp_path / "venv"
    with (tmp_path / "venv.lock").open("a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        waiting = subprocess.Popen(
            [sys.executable, str(SCRIPTS / "_venv.py"), str(target), ""],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            assert waiting.stderr is not None
            line = waiting.stderr.readline()  # printed once the lock is found taken
            assert "正在安装虚拟环境" in line and "等待" in line
            assert waiting.poll() is None and not target.exists()
        finally:
            waiting.kill()
            waiting.communicate(timeout=60)
