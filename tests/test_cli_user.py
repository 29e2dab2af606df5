"""``jixiao user add|list|passwd`` as a real subprocess on a temporary SQLite database: creating
the first administrator of an installation (who can then sign in to the workbench), Chinese
errors without tracebacks, and the hidden password prompt (in process, where it can be typed)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from jixiao.cli.user import user_app
from jixiao.store.db import make_engine, make_sessionmaker
from jixiao.web import create_app
from jixiao.workbench import people
from jixiao.workbench.auth import authenticate
from tests.test_cli import run_cli


@pytest.fixture
def url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A database that does not exist yet; the data directory points into ``tmp_path`` too, so
    nothing touches the user's own database."""
    monkeypatch.setenv("JIXIAO_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("JIXIAO_DATABASE_URL", raising=False)
    return f"sqlite:///{tmp_path / 'jixiao.db'}"


def add(url: str, username: str, *options: str, password: str = "first-admin-pass") -> None:
    result = run_cli(
        "user", "add", username, *options, "--password-stdin", "--url", url,
        stdin=f"{password}\n".encode(),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert f"已创建用户 {username}" in result.stderr


def check_login(url: str, username: str, password: str) -> bool:
    engine = make_engine(url)
    try:
        with make_sessionmaker(engine)() as session:
            return authenticate(session, username, password) is not None
    finally:
        engine.dispose()


def add_unit(url: str, code: str, name: str) -> None:
    engine = make_engine(url)
    try:
        with make_sessionmaker(engine, write=True)() as session:
            people.add_unit(session, None, code=code, name=name)
    finally:
        engine.dispose()


def test_first_admin_from_password_stdin_can_sign_in(url: str) -> None:
    result = run_cli(
        "user", "add", "boss", "--role", "admin", "--name", "局长", "--password-stdin",
        "--url", url, stdin=b"first-admin-pass\n",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "已创建用户 boss（管理员，局长）" in result.stderr
    assert "first-admin-pass" not in result.stdout + result.stderr
    app = create_app(url, secret="test-secret")
    try:
        with TestClient(app) as client:
            client.headers["X-CSRF-Token"] = client.get("/api/session").json()["csrf_token"]
            signed_in = client.post(
                "/api/login", json={"username": "boss", "password": "first-admin-pass"}
            )
            assert signed_in.status_code == 200
            assert signed_in.json()["user"]["display_name"] == "局长"
            users = client.get("/api/admin/users").json()
            assert [(u["username"], u["role"], u["active"]) for u in users] == [
                ("boss", "admin", True)
            ]
    finally:
        app.state.engine.dispose()


def test_database_from_the_environment(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JIXIAO_DATABASE_URL", url)
    result = run_cli(
        "user", "add", "env.admin", "--role", "admin", "--password-stdin",
        stdin=b"env-admin-pass\r\n",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert check_login(url, "env.admin", "env-admin-pass")  # the \r\n is not part of it
    listed = run_cli("user", "list")
    assert listed.returncode == 0 and "env.admin" in listed.stdout


def test_duplicate_username_is_refused(url: str) -> None:
    add(url, "boss", "--role", "admin")
    for name in ("boss", "BOSS"):
        again = run_cli(
            "user", "add", name, "--role", "reviewer", "--password-stdin", "--url", url,
            stdin=b"another-password\n",
        )  # fmt: skip
        assert again.returncode == 1
        assert f"错误：用户名“{name}”已被使用" in again.stderr
        assert "处理建议：请换一个用户名。" in again.stderr
        assert "IntegrityError" not in again.stderr
    assert check_login(url, "boss", "first-admin-pass")
    assert not check_login(url, "boss", "another-password")


def test_user_list(url: str) -> None:
    add(url, "boss", "--role", "admin", "--name", "局长")
    add_unit(url, "483001", "乐亭县行政审批局本级")
    add_unit(url, "120001", "承德高新区行政审批局本级")
    add(
        url,
        "leting",
        "--role",
        "unit_filler",
        "--unit",
        "483001",
        "--unit",
        "承德高新区行政审批局本级",
    )
    result = run_cli("user", "list", "--url", url)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "用户（共 2 名）" in lines[0]
    for header in ("用户名", "显示名", "角色", "状态", "单位"):
        assert header in result.stdout
    boss = next(line for line in lines if " boss " in line)
    assert "局长" in boss and "管理员" in boss and "启用" in boss
    leting = next(line for line in lines if " leting " in line)
    assert "单位填报人" in leting
    assert "乐亭县行政审批局本级、承德高新区行政审批局本级" in result.stdout
    assert "argon2" not in result.stdout


def test_passwd(url: str) -> None:
    add(url, "boss", "--role", "admin")
    changed = run_cli(
        "user", "passwd", "boss", "--password-stdin", "--url", url, stdin=b"second-password\n"
    )
    assert changed.returncode == 0, changed.stderr
    assert "已重设用户 boss 的密码" in changed.stderr
    assert check_login(url, "boss", "second-password")
    assert not check_login(url, "boss", "first-admin-pass")
    short = run_cli("user", "passwd", "boss", "--password-stdin", "--url", url, stdin=b"short\n")
    assert short.returncode == 1 and "错误：密码太短：至少需要 8 个字符" in short.stderr
    nobody = run_cli(
        "user", "passwd", "nobody", "--password-stdin", "--url", url, stdin=b"second-password\n"
    )
    assert nobody.returncode == 1 and "错误：用户“nobody”不存在" in nobody.stderr
    assert check_login(url, "boss", "second-password")


@pytest.mark.parametrize(
    ("args", "stdin", "status", "message"),
    [
        (["x.y", "--role", "boss"], "good-password", 1, "角色无效：“boss”"),
        (["x.y"], "good-password", 2, "缺少选项 --role"),
        (["a b", "--role", "admin"], "good-password", 1, "用户名“a b”不符合要求"),
        (["x.y", "--role", "admin"], "short", 1, "密码太短"),
        (["x.y", "--role", "admin"], "two\nlines", 1, "标准输入中只能有一行密码"),
        (["x.y", "--role", "reviewer", "--unit", "404"], "good-password", 1, "没有编码或名称"),
    ],
)
def test_bad_input(url: str, args: list[str], stdin: str, status: int, message: str) -> None:
    add(url, "boss", "--role", "admin")
    result = run_cli(
        "user", "add", *args, "--password-stdin", "--url", url, stdin=f"{stdin}\n".encode()
    )
    assert result.returncode == status
    assert message in result.stderr and "错误：" in result.stderr
    listed = run_cli("user", "list", "--url", url)
    assert "x.y" not in listed.stdout and "用户（共 1 名）" in listed.stdout


def test_list_and_passwd_need_a_database(tmp_path: Path, url: str) -> None:
    missing = f"sqlite:///{tmp_path / 'none.db'}"
    for args in (["list"], ["passwd", "boss", "--password-stdin"]):
        result = run_cli("user", *args, "--url", missing, stdin=b"whatever-pass\n")
        assert result.returncode == 1
        assert "请先运行 jixiao db upgrade" in result.stderr


def test_help_says_how_to_create_the_first_admin() -> None:
    result = run_cli("user", "-h")
    assert result.returncode == 0
    assert "jixiao user add 用户名 --role admin" in result.stdout
    for command in ("add", "list", "passwd"):
        assert command in result.stdout


def test_hidden_prompt_asks_twice(url: str) -> None:
    """The prompt path (no --password-stdin), typed in process: a subprocess has no terminal."""
    runner = CliRunner()
    args = ["add", "boss", "--role", "admin", "--url", url]
    mismatch = runner.invoke(user_app, args, input="typed-password\nother-password\n")
    assert mismatch.exit_code == 1
    assert "两次输入的密码不一致" in mismatch.output
    assert "typed-password" not in mismatch.output  # hidden input is not echoed
    assert not check_login(url, "boss", "typed-password")
    typed = runner.invoke(user_app, args, input="typed-password\ntyped-password\n")
    assert typed.exit_code == 0, typed.output
    assert "已创建用户 boss" in typed.output
    assert check_login(url, "boss", "typed-password")
