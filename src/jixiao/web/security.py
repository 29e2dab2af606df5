"""What protects the workbench from hostile clients: the log-in limiter shared by all worker
processes (in the database), request body limits checked before a body is read, and the
security headers on every response. Server-side sessions are ``jixiao.workbench.sessions``.
"""

from __future__ import annotations

import hashlib
import json
import os
from datetime import timedelta

from fastapi import Request
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from jixiao.reading import MAX_INPUT_BYTES
from jixiao.store.base import utcnow
from jixiao.store.models import LoginFailureRow

__all__ = [
    "HTTPS_ENV",
    "MAX_FIELD_CHARS",
    "MAX_FORM_BYTES",
    "MAX_PASSWORD_CHARS",
    "MAX_UPLOAD_BYTES",
    "BodyLimit",
    "LoginLimiter",
    "SecurityHeaders",
    "https_wanted",
]

HTTPS_ENV = "JIXIAO_HTTPS"
"""``1``: the workbench is reached over HTTPS (directly or behind a proxy): cookies get the
``Secure`` flag and responses the ``Strict-Transport-Security`` header."""

MAX_UPLOAD_BYTES = MAX_INPUT_BYTES + 1024 * 1024
"""A multipart upload: the largest file jixiao reads plus room for the form around it."""
MAX_FORM_BYTES = 2 * 1024 * 1024
"""Any other body (JSON, forms): the largest real one is a project of a few hundred KB."""
MAX_FIELD_CHARS = 64
"""A user name (the column holds 64 characters)."""
MAX_PASSWORD_CHARS = 1024


def https_wanted() -> bool:
    return os.environ.get(HTTPS_ENV, "").strip().lower() in ("1", "true", "yes", "on")


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


# -- log-in limiter ------------------------------------------------------------------------------


class LoginLimiter:
    """Failed log-ins counted in the database, so every worker process sees the same counts,
    under three keys: one user name from one address (guessing a password), one address
    (trying many user names: password spraying) and all addresses together (a spray from many
    addresses). Keys are hashed: a 4 MB user name costs one 64-character row. Failures older
    than ``window`` are deleted as new ones arrive, so the table stays small."""

    def __init__(
        self,
        *,
        per_user: int = 5,
        per_address: int = 20,
        total: int = 500,
        window: timedelta = timedelta(minutes=1),
    ) -> None:
        self.limits = (per_user, per_address, total)
        self.window = window

    @staticmethod
    def _keys(request: Request, username: str) -> tuple[str, str, str]:
        # The peer address, not X-Forwarded-For: a header the client writes itself would let
        # it rotate addresses (uvicorn rewrites the peer only for proxies it is told to trust).
        host = request.client.host if request.client else "?"
        return (_digest(f"user|{username.strip()}|{host}"), _digest(f"addr|{host}"), "all")

    def blocked(self, db: Session, request: Request, username: str) -> bool:
        since = utcnow() - self.window
        for key, limit in zip(self._keys(request, username), self.limits, strict=True):
            count = db.scalar(
                select(func.count())
                .select_from(LoginFailureRow)
                .where(LoginFailureRow.key == key, LoginFailureRow.at > since)
            )
            if (count or 0) >= limit:
                return True
        return False

    def failed(self, db: Session, request: Request, username: str) -> None:
        now = utcnow()
        db.execute(delete(LoginFailureRow).where(LoginFailureRow.at <= now - self.window))
        db.add_all(LoginFailureRow(key=key, at=now) for key in self._keys(request, username))
        db.commit()

    def succeeded(self, db: Session, request: Request, username: str) -> None:
        key = self._keys(request, username)[0]
        db.execute(delete(LoginFailureRow).where(LoginFailureRow.key == key))


# -- body limits and headers (ASGI middleware) ---------------------------------------------------


class BodyLimit:
    """Refuses a request body over its limit before the application reads it: at once when
    ``Content-Length`` says so, else while streaming (chunked bodies), with 413 and a Chinese
    message. Uploads (multipart) may be as large as the largest input file."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        kind = headers.get(b"content-type", b"").split(b";")[0].strip().lower()
        limit = MAX_UPLOAD_BYTES if kind == b"multipart/form-data" else MAX_FORM_BYTES
        declared = headers.get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            await _too_large(send, limit)
            return
        seen = 0
        refused = started = False

        async def limited() -> Message:
            # Over the limit: answer 413 now and tell the app the client went away, so it
            # stops reading; whatever it sends afterwards is dropped.
            nonlocal seen, refused, started
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    refused = True
                    if not started:
                        started = True
                        await _too_large(send, limit)
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if refused:
                return
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited, guarded_send)
        except Exception:
            if not refused:
                raise


async def _too_large(send: Send, limit: int) -> None:
    body = json.dumps(
        {"detail": f"请求内容过大（上限 {limit / 1024 / 1024:.0f} MB），已拒绝"}, ensure_ascii=False
    ).encode("utf-8")
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/json; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)
"""Scripts only from the app's own files (an injected ``<script>`` does not run); htmx sets
inline styles, hence ``'unsafe-inline'`` for styles only."""
REDOC_CSP = CSP + "; worker-src 'self' blob:"
"""ReDoc (served from local files) builds its search index in a ``blob:`` worker; the rest
of the CSP stays, which also keeps its footer logo from being fetched from redoc.ly."""


class SecurityHeaders:
    """The headers every response gets: no framing, no MIME sniffing, no referrer to other
    sites, no caching of anything but static files, the CSP, and HSTS under HTTPS."""

    def __init__(self, app: ASGIApp, *, https: bool = False) -> None:
        self.app = app
        self.https = https

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers") or [])
                present = {name.lower() for name, _ in headers}
                extra = [
                    (b"x-frame-options", b"DENY"),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"same-origin"),
                ]
                policy = REDOC_CSP if path == "/api/redoc" else CSP
                extra.append((b"content-security-policy", policy.encode()))
                if not path.startswith("/static/"):
                    extra.append((b"cache-control", b"no-store"))
                if self.https:
                    extra.append((b"strict-transport-security", b"max-age=31536000"))
                headers += [(k, v) for k, v in extra if k not in present]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)
