"""The application factory."""

from __future__ import annotations

import asyncio
import os
import secrets
from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.sessions import SessionMiddleware

from jixiao._exceptions import JixiaoError
from jixiao.store.db import (
    data_dir,
    make_engine,
    make_page_sessionmaker,
    make_sessionmaker,
    readers_never_wait,
)
from jixiao.web.api_docs import docs_assets
from jixiao.web.deps import LoginRequired, csrf_dep, page, signed_in_user
from jixiao.web.security import BodyLimit, LoginLimiter, SecurityHeaders, https_wanted

__all__ = ["SECRET_ENV", "create_app", "secret_key"]

SECRET_ENV = "JIXIAO_SECRET_KEY"
STATIC = Path(__file__).parent / "static"

HTTP_MESSAGES = {
    404: ("页面不存在", "地址可能输错了，或者该内容已被删除。"),
    405: ("不支持这种访问方式", "请从工作台的页面上进入。"),
}
"""Browser pages for the errors Starlette raises with English text ("Not Found")."""


def secret_key() -> str:
    """``$JIXIAO_SECRET_KEY``, else a random key kept in the data directory (made once)."""
    configured = os.environ.get(SECRET_ENV, "").strip()
    if configured:
        return configured
    path = data_dir() / "secret_key"
    if path.is_file():
        return path.read_text(encoding="utf-8").strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(key)
    return key


def create_app(
    url: str | None = None, *, secret: str | None = None, https: bool | None = None
) -> FastAPI:
    """The workbench on the database at ``url`` (default: ``$JIXIAO_DATABASE_URL`` or the
    SQLite file in the data directory). The schema must be current (``jixiao db upgrade``).
    ``https`` (default: ``$JIXIAO_HTTPS``): cookies only over HTTPS, and HSTS."""
    https = https_wanted() if https is None else https
    from jixiao.web import (
        api,
        api_admin,
        api_docs,
        api_lifecycle,
        api_search,
        api_workbench,
        library,
    )
    from jixiao.web.views import (
        admin,
        analytics,
        authoring,
        department,
        diff,
        document,
        documents,
        editor,
        lifecycle_stage,
        login,
        monitoring,
        overview,
        search,
        selfeval,
        versions,
    )

    app = FastAPI(
        title="jixiao 绩效目标工作台",
        version="1",
        dependencies=[Depends(csrf_dep)],
        docs_url=None,  # served from local files below (an intranet has no CDN)
        redoc_url=None,
    )
    engine = make_engine(url)
    app.state.engine = engine
    app.state.sessions = (make_sessionmaker(engine), make_sessionmaker(engine, write=True))
    app.state.page_sessions = make_page_sessionmaker(engine)  # deps.read_page
    app.state.pages_on_loop = readers_never_wait(engine)  # deps.read_page
    app.state.write_lock = asyncio.Lock() if engine.dialect.name == "sqlite" else None
    app.state.login_limiter = LoginLimiter()
    app.add_middleware(
        SessionMiddleware,
        secret_key=secret or secret_key(),
        session_cookie="jixiao_session",
        same_site="lax",
        https_only=https,
        max_age=12 * 3600,
    )
    app.add_middleware(BodyLimit)
    app.add_middleware(SecurityHeaders, https=https)  # outermost: on every response
    app.mount("/static/docs", StaticFiles(directory=str(docs_assets())), name="docs-static")
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    app.include_router(api_docs.router)

    @app.get("/favicon.ico", include_in_schema=False)
    def _favicon() -> Response:
        # Browsers ask for /favicon.ico whatever the page links to.
        return FileResponse(STATIC / "favicon.svg", media_type="image/svg+xml")

    for module in (
        login,
        authoring,  # before documents: /documents/new is not /documents/{id}
        documents,
        document,
        diff,
        versions,
        department,
        editor,
        monitoring,
        selfeval,
        lifecycle_stage,
        overview,
        admin,
        search,
        analytics,
    ):
        app.include_router(module.router)
    app.include_router(api_workbench.router)  # before api: /api/documents/new
    app.include_router(api.router)
    app.include_router(api_lifecycle.router)
    app.include_router(api_search.router)
    app.include_router(api_admin.router)
    app.include_router(library.router)

    @app.exception_handler(LoginRequired)
    async def _login(request: Request, exc: LoginRequired) -> Response:
        if request.headers.get("HX-Request"):
            return Response(status_code=401, headers={"HX-Redirect": "/login"})
        return RedirectResponse("/login", status_code=303)

    @app.exception_handler(JixiaoError)
    async def _error(request: Request, exc: JixiaoError) -> Response:
        # The one place an error becomes a response: its class says the status; the message
        # and the hint travel apart (``detail`` leaves the hint out), so each shows once.
        if request.url.path.startswith("/api/"):
            return JSONResponse(
                {"detail": exc.detail, "hint": exc.hint}, status_code=exc.http_status
            )
        return _error_page(request, exc.http_status, exc.detail, exc.hint)

    @app.exception_handler(Exception)
    async def _internal(request: Request, exc: Exception) -> Response:
        # Starlette's last resort answers a plain English "Internal Server Error"; the error
        # itself is still raised afterwards, so it reaches the server log.
        message = "服务器内部错误（这是 jixiao 的缺陷），操作没有完成"
        hint = "请稍后重试；如果再次出现，请把操作步骤和时间报告给管理员。"
        if request.url.path.startswith("/api/") or request.headers.get("HX-Request"):
            return JSONResponse({"detail": message, "hint": hint}, status_code=500)
        return _error_page(request, 500, message, hint)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        # Where and what, never the input itself: echoing a 2 MB field back doubles the cost
        # of a hostile request (and shows it to whoever reads the response).
        errors = [
            {"loc": list(e.get("loc", ())), "type": e.get("type"), "msg": e.get("msg")}
            for e in exc.errors()[:20]
        ]
        return JSONResponse({"detail": "请求内容有误", "errors": errors}, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        api_call = request.url.path.startswith(("/api/", "/openapi.json"))
        if api_call or request.headers.get("HX-Request"):
            return JSONResponse(
                {"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers
            )
        message, hint = str(exc.detail), None
        if exc.status_code in HTTP_MESSAGES and not _is_chinese(message):
            message, hint = HTTP_MESSAGES[exc.status_code]
        return _error_page(request, exc.status_code, message, hint)

    return app


def _is_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def _error_page(request: Request, status: int, message: str, hint: Any) -> Response:
    return page(
        request,
        "error.html",
        _signed_in(request),
        status_code=status,
        message=message,
        hint=hint,
        status=status,
    )


def _signed_in(request: Request) -> Any:
    """The signed-in user for the error page's header, if the database can still say."""
    try:
        read = request.app.state.sessions[0]
        with read() as session:
            user = signed_in_user(request, session)
            if user is not None:
                session.expunge(user)
            return user
    except Exception:  # the page for a broken database must still render
        return None
