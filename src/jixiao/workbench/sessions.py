"""Server-side sessions of the workbench: a random token in the signed cookie, its digest in
the database, so log-out and a changed password end a session everywhere.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any, Protocol

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, joinedload

from jixiao.store.base import utcnow
from jixiao.store.models import UserRow, WebSessionRow

__all__ = [
    "SESSION_HOURS",
    "HasSession",
    "close_session",
    "end_sessions_of",
    "open_session",
    "session_user",
]

SESSION_HOURS = 12


class HasSession(Protocol):
    """A request with a (cookie-backed) session, as Starlette's ``Request`` has."""

    @property
    def session(self) -> dict[str, Any]: ...


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def open_session(db: Session, request: HasSession, user: UserRow) -> None:
    """A new server-side session for ``user``, its token in the (signed) cookie; expired rows
    of everyone are removed on the way (the table holds live sessions only)."""
    now = utcnow()
    db.execute(delete(WebSessionRow).where(WebSessionRow.expires_at < now))
    token = secrets.token_urlsafe(32)
    db.add(
        WebSessionRow(
            id=_digest(token),
            user_id=user.id,
            created_at=now,
            expires_at=now + timedelta(hours=SESSION_HOURS),
        )
    )
    request.session["sid"] = token


def session_user(db: Session, request: HasSession, user_id: int) -> UserRow | None:
    """The user ``user_id`` with their units, if the request's server-side session is theirs
    and still open. One query: every signed-in request pays it."""
    token = request.session.get("sid")
    if not isinstance(token, str) or len(token) > 100:
        return None
    found = db.scalars(
        select(UserRow)
        .join(WebSessionRow, WebSessionRow.user_id == UserRow.id)
        .where(
            UserRow.id == user_id,
            WebSessionRow.id == _digest(token),
            WebSessionRow.expires_at > utcnow(),
        )
        .options(joinedload(UserRow.units))
    )
    return found.unique().first()


def close_session(db: Session, request: HasSession) -> None:
    """Log-out: the row goes, so a copy of the cookie opens nothing any more."""
    token = request.session.get("sid")
    if isinstance(token, str) and len(token) <= 100:
        db.execute(delete(WebSessionRow).where(WebSessionRow.id == _digest(token)))
    request.session.clear()


def end_sessions_of(db: Session, user_id: int, *, keep: HasSession | None = None) -> None:
    """Every session of a user (deactivated, or a new password) except ``keep``'s own."""
    query = delete(WebSessionRow).where(WebSessionRow.user_id == user_id)
    token = keep.session.get("sid") if keep is not None else None
    if isinstance(token, str):
        query = query.where(WebSessionRow.id != _digest(token))
    db.execute(query)
