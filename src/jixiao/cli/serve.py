"""``jixiao serve``: run the workbench (uvicorn); ``--demo`` loads the seeds and demo users.

Registered in the main command with
``app.command("serve", cls=_Command, options_metavar="[选项]", help=SERVE_HELP,
short_help=SERVE_SHORT_HELP)(serve_command)``. The web stack is imported only when it runs.
"""

from __future__ import annotations

from typing import Annotated

import typer

from jixiao.cli._common import EXIT_FAILED, error, say

__all__ = ["SERVE_HELP", "SERVE_SHORT_HELP", "port_problem", "serve_command"]

SERVE_SHORT_HELP = "启动绩效目标工作台（网页）。"
SERVE_HELP = (
    "启动绩效目标工作台：在浏览器中导入、编辑、审核绩效目标表。\n"
    "\n"
    "数据库默认是数据目录中的 SQLite 文件（环境变量 JIXIAO_DATABASE_URL 可改用\n"
    "PostgreSQL），启动时自动创建或升级。加 --demo 载入四份示例文件并创建示例用户。"
)


def serve_command(
    demo: Annotated[bool, typer.Option("--demo", help="载入示例文件并创建示例用户。")] = False,
    host: Annotated[str, typer.Option("--host", metavar="地址", help="监听地址。")] = "127.0.0.1",
    port: Annotated[
        int, typer.Option("--port", metavar="端口", min=1, max=65535, help="监听端口。")
    ] = 8000,
    url: Annotated[
        str | None,
        typer.Option("--url", metavar="地址", help="数据库地址。", show_default=False),
    ] = None,
    workers: Annotated[
        int,
        typer.Option(
            "--workers",
            metavar="进程数",
            min=1,
            max=64,
            help="工作进程数（多核服务器可设为核数）。",
        ),
    ] = 1,
    https: Annotated[
        bool,
        typer.Option(
            "--https",
            help="网站经 HTTPS 访问（直接或经反向代理）时使用：登录 Cookie 只经 HTTPS 发送。",
        ),
    ] = False,
) -> None:
    import os

    import uvicorn

    from jixiao._exceptions import JixiaoError
    from jixiao.store.db import (
        DATABASE_URL_ENV,
        database_url,
        display_url,
        make_engine,
        make_sessionmaker,
    )
    from jixiao.store.migrate import upgrade
    from jixiao.web.app import SECRET_ENV, create_app, secret_key
    from jixiao.web.security import HTTPS_ENV
    from jixiao.workbench.demo import DEMO_USERS, setup_demo

    if https:
        os.environ[HTTPS_ENV] = "1"  # read by every worker process's app
    problem = port_problem(host, port)
    if problem is not None:
        error(problem)
        raise typer.Exit(EXIT_FAILED)
    try:
        upgrade(url)
        if demo:
            engine = make_engine(url)
            with make_sessionmaker(engine, write=True)() as session:
                setup_demo(session)
            engine.dispose()
        app = create_app(url) if workers == 1 else None
        where = display_url(url)
    except JixiaoError as err:
        error(str(err))
        raise typer.Exit(EXIT_FAILED) from None
    shown = f"[{host}]" if ":" in host else host
    say(f"绩效目标工作台：{'https' if https else 'http'}://{shown}:{port}/")
    say(f"数据库：{where}")
    if demo:
        say("示例用户（用户名 / 密码）：")
        labels = {"unit_filler": "单位填报人", "reviewer": "审核人", "admin": "管理员"}
        for user in DEMO_USERS:
            say(f"  {labels[user.role]}：{user.username} / {user.password}")
    if workers > 1:
        say(f"工作进程：{workers} 个")
    say("按 Ctrl+C 停止。")
    from jixiao.store.serving import serving

    with serving(url):  # jixiao db restore refuses the database while this runs
        if app is not None:
            # proxy_headers=False: uvicorn would otherwise take the client's address from
            # X-Forwarded-For whenever the peer is 127.0.0.1, and a client on this machine
            # could rotate it to sidestep the log-in limiter's per-address count.
            uvicorn.run(app, host=host, port=port, log_level="warning", proxy_headers=False)
            return
        # Several processes: each builds its own app from the environment, so they must all
        # be told the same database and the same session key (cookies signed by one are read
        # by all).
        os.environ[DATABASE_URL_ENV] = database_url(url)
        os.environ[SECRET_ENV] = secret_key()
        from jixiao.web.processes import run_workers

        run_workers(host=host, port=port, workers=workers)


def port_problem(host: str, port: int) -> str | None:
    """Why the workbench cannot listen on ``host:port`` (in Chinese), or ``None``: checked
    before the banner, so a busy port is never announced as a running server."""
    import errno
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return f"无法识别监听地址“{host}”，请检查 --host。"
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(address)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                return (
                    f"端口 {port} 已被其他程序占用，请用 --port 换一个端口，或先停止占用它的程序。"
                )
            if exc.errno in (errno.EACCES, errno.EPERM):
                return f"没有权限监听端口 {port}（1024 以下的端口需要管理员权限），请换一个端口。"
            if exc.errno == errno.EADDRNOTAVAIL:
                return f"本机没有地址“{host}”，请检查 --host。"
            return f"无法监听 {host}:{port}（系统错误 {exc.errno}）。"
    return None
