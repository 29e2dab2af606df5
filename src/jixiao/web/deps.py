"""Request dependencies: the database session, the signed-in user, templates."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates
from sqlalchemy.orm import Session, sessionmaker

from jixiao.review.output.labels import code_label
from jixiao.store.models import ROLE_LABELS, STATUS_LABELS, UserRow
from jixiao.web.csrf import check_csrf, csrf_token
from jixiao.web.display import (
    document_title,
    field_label,
    local_time,
    row_title,
    zone_label,
)
from jixiao.web.level_options import level1_options, level2_options
from jixiao.workbench.auth import password_stamp
from jixiao.workbench.sessions import session_user
from jixiao.workbench.snapshot import NO_BUILD, SnapshotMissing
from jixiao.workbench.versions import SAVE_ACTIONS

__all__ = ["DB", "CurrentUser", "LoginRequired", "read_page", "signed_in_user", "templates"]

templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
templates.env.globals["STATUS_LABELS"] = STATUS_LABELS
templates.env.globals["ROLE_LABELS"] = ROLE_LABELS


def show_value(value: Any) -> str:
    """An audit log value for people: empty → （空）, lists joined with 、."""
    if value is None or value == "" or value == [] or value == {}:
        return "（空）"
    if isinstance(value, list):
        return "、".join(show_value(v) for v in value)
    if isinstance(value, dict):
        return "；".join(f"{k}：{show_value(v)}" for k, v in value.items())
    return str(value)


templates.env.filters["show"] = show_value
templates.env.filters["localtime"] = local_time
templates.env.filters["row_title"] = row_title
templates.env.filters["doc_title"] = document_title
templates.env.filters["field_label"] = field_label
templates.env.filters["finding_codes"] = code_label
templates.env.globals["zone_label"] = zone_label
templates.env.globals["SAVE_ACTIONS"] = SAVE_ACTIONS
templates.env.globals["level1_options"] = level1_options
templates.env.globals["level2_options"] = level2_options


def flash(request: Request, message: str, *, error: bool = False) -> None:
    """A message for the next page the user sees (“已提交审核”), after a redirect."""
    request.session["flash_error" if error else "flash"] = message


class LoginRequired(Exception):
    """A page was asked for without a signed-in user (pages redirect, the API answers 401)."""


async def write_gate(request: Request) -> AsyncIterator[None]:
    """On SQLite, one writing request at a time per process, queued in the event loop.

    SQLite has one writer; left to its busy handler, twenty waiting writers poll and one may
    starve past the busy timeout. Waiting here costs no worker thread, so the request holding
    the database can always finish.
    """
    lock: asyncio.Lock | None = request.app.state.write_lock
    if lock is None or request.method in ("GET", "HEAD"):
        yield
        return
    async with lock:
        yield


def get_db(request: Request, _gate: Annotated[None, Depends(write_gate)]) -> Iterator[Session]:
    makers: tuple[sessionmaker[Session], sessionmaker[Session]] = request.app.state.sessions
    read, write = makers
    maker = read if request.method in ("GET", "HEAD") else write
    with maker() as session:
        yield session


DB = Annotated[Session, Depends(get_db)]


def signed_in_user(request: Request, session: Session) -> UserRow | None:
    """The session's user, if the session is still open on the server (not logged out), the
    user still active and still on the password they signed in with."""
    uid = request.session.get("uid")
    if not isinstance(uid, int):
        return None
    user = session_user(session, request, uid)
    if user is None or not user.active or request.session.get("stamp") != password_stamp(user):
        return None
    return user


def get_user(request: Request, session: DB) -> UserRow:
    user = signed_in_user(request, session)
    if user is None:
        if request.url.path.startswith("/api/"):
            raise HTTPException(status_code=401, detail="请先登录")
        raise LoginRequired
    return user


async def csrf_dep(request: Request) -> None:
    await check_csrf(request)


CurrentUser = Annotated[UserRow, Depends(get_user)]

PageView = Callable[[Session, UserRow], Response]


async def read_page(request: Request, view: PageView) -> Response:
    """A GET page whose session, user and view run in one call: on the event loop when the
    document's snapshot is cached, else in a worker thread.

    A cached page is a few queries and a template (2–3 ms); a hop to the thread pool cost about
    as much again, and threads taking turns on the GIL drew out the slowest requests
    (docs/performance.md). Building a snapshot takes long enough to hold up every other
    request, so a miss gives up (before anything is shown or changed) and the whole view runs
    again in a thread. On the loop only where reading never waits for a writer
    (``store.db.readers_never_wait``). Sessions that only read
    (``store.db.make_page_sessionmaker``: no transaction on PostgreSQL), the same sign-in
    check as ``get_user``.
    """

    def run(on_loop: bool) -> Response:
        read: sessionmaker[Session] = request.app.state.page_sessions
        with read() as session:
            session.info[NO_BUILD] = on_loop
            return view(session, get_user(request, session))

    if request.app.state.pages_on_loop:
        try:
            return run(True)
        except SnapshotMissing:
            pass
    return await run_in_threadpool(run, False)


def page(
    request: Request, name: str, user: UserRow | None, status_code: int = 200, **context: Any
) -> Response:
    """A rendered template with the user, the CSRF token and the flash message (set by the
    step that redirected here, shown once) in its context."""
    said: dict[str, Any] = {"flash": None, "flash_error": None}
    if "session" in request.scope:
        said = {key: request.session.pop(key, None) for key in said}
    response: Response = templates.TemplateResponse(
        request,
        name,
        {"user": user, "csrf": csrf_token(request), **said, **context},
        status_code=status_code,
    )
    return response
