"""Log-in and log-out."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from jixiao.store.audit import record_change
from jixiao.store.db import commit
from jixiao.store.models import UserRow
from jixiao.web.deps import DB, page
from jixiao.web.security import MAX_FIELD_CHARS, MAX_PASSWORD_CHARS, LoginLimiter
from jixiao.workbench.auth import authenticate, password_stamp
from jixiao.workbench.sessions import close_session, open_session

router = APIRouter(include_in_schema=False)

TOO_MANY = "登录尝试过于频繁，请一分钟后再试"
WRONG = "用户名或密码错误"


def start_session(db: DB, request: Request, user: UserRow) -> None:
    """A fresh session for a user who just logged in (the old cookie's content is dropped)."""
    request.session.clear()
    open_session(db, request, user)
    request.session["uid"] = user.id
    request.session["stamp"] = password_stamp(user)


@router.get("/login")
def login_form(request: Request) -> Response:
    return page(request, "login.html", None, error=None, username="")


@router.post("/login")
def login(
    request: Request,
    session: DB,
    username: Annotated[str, Form()],
    password: Annotated[str, Form()],
) -> Response:
    if len(username) > MAX_FIELD_CHARS or len(password) > MAX_PASSWORD_CHARS:
        # Not a name or password anyone has: the log-in page again, before any hashing.
        return page(request, "login.html", None, 401, error=WRONG, username="")
    limiter: LoginLimiter = request.app.state.login_limiter
    if limiter.blocked(session, request, username):
        return page(request, "login.html", None, 429, error=TOO_MANY, username=username)
    user = authenticate(session, username.strip(), password)
    if user is None:
        limiter.failed(session, request, username)
        return page(request, "login.html", None, 401, error=WRONG, username=username)
    limiter.succeeded(session, request, username)
    start_session(session, request, user)
    record_change(session, None, user, "登录")
    commit(session)
    return RedirectResponse("/", status_code=303)


@router.post("/logout")
def logout(request: Request, session: DB) -> Response:
    close_session(session, request)
    commit(session)
    return RedirectResponse("/login", status_code=303)
