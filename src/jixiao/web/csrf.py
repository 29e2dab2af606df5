"""CSRF: one random token per session, required on every unsafe request.

Forms send it as the ``csrf_token`` field, htmx and API clients as the ``X-CSRF-Token`` header
(the base template sets it for every htmx request).
"""

from __future__ import annotations

import hmac
import secrets

from fastapi import HTTPException, Request

__all__ = ["HEADER", "SAFE_METHODS", "check_csrf", "csrf_token"]

HEADER = "X-CSRF-Token"
FIELD = "csrf_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def csrf_token(request: Request) -> str:
    token = request.session.get("csrf")
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return token


async def check_csrf(request: Request) -> None:
    """Refuse an unsafe request without the session's token (403)."""
    if request.method in SAFE_METHODS:
        return
    expected = request.session.get("csrf")
    sent = request.headers.get(HEADER)
    if sent is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        form = await request.form()
        value = form.get(FIELD)
        sent = value if isinstance(value, str) else None
    if not isinstance(expected, str) or not sent or not hmac.compare_digest(expected, sent):
        raise HTTPException(
            status_code=403, detail="请求缺少有效的安全令牌（CSRF），请刷新页面后重试"
        )
