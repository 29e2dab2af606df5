"""Log-in and log-out."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from jixiao.store.audit import record_change
from jixiao.store.db import commit
from jixiao.web.auth import RateLimiter, authenticate, password_stamp
from jixiao.web.deps import DB, page

router = APIRouter(include_in_schema=False)

TOO_MANY = "登录尝试过于频繁，请一分钟后再试"
WRONG = "用户名或密码错误"


def attempt_key(request: Request, username: str) -> str:
    host = request.client.host if request.client else "?"
    return f"{username.strip()}|{host}"


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
    limiter: RateLimiter = request.app.state.login_limiter
    key = attempt_key(request, username)
    if limiter.blocked(key):
        return page(request, "login.html", None, 429, error=TOO_MANY, username=username)
    user = authenticate(session, username.strip(), password)
    if user is None:
        limiter.failed(key)
        return page(request, "login.html", None, 401, error=WRONG, username=username)
    limiter.reset(key)
    request.session.clear()
    request.session["uid"] = user.id
    request.session["stamp"] = password_stamp(user)
    record_change(session, None, user, "登录")
    commit(session)
    return RedirectResponse("/", status_code=303)


@router.post("/logout")
def logout(request: Request) -> Response:
    request.session.clear()
    return RedirectResponse("/login", status_code=303)
