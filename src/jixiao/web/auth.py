"""Passwords (argon2), users and a log-in rate limit (in memory, per username and address)."""

from __future__ import annotations

import hashlib
import threading
import time
from collections import deque

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from jixiao.store.models import Role, UnitRow, UserRow

__all__ = [
    "RateLimiter",
    "authenticate",
    "create_user",
    "hash_password",
    "password_stamp",
    "verify_password",
]

_HASHER = PasswordHasher()


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _HASHER.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def password_stamp(user: UserRow) -> str:
    """A short fingerprint of the user's password hash, kept in the session cookie.

    A session whose stamp no longer matches (the password was reset) is signed out, so a
    reset password also ends the sessions opened with the old one.
    """
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:16]


def authenticate(session: Session, username: str, password: str) -> UserRow | None:
    """The active user with this name and password, else ``None``."""
    user = session.scalars(select(UserRow).where(UserRow.username == username)).first()
    if user is None or not user.active or not user.password_hash:
        hash_password(password)  # same work either way: no timing hint that the name exists
        return None
    return user if verify_password(user.password_hash, password) else None


def create_user(
    session: Session,
    username: str,
    password: str,
    role: Role,
    *,
    display_name: str = "",
    units: list[UnitRow] | None = None,
) -> UserRow:
    user = UserRow(
        username=username,
        display_name=display_name or username,
        password_hash=hash_password(password),
        role=role,
        units=list(units or []),
    )
    session.add(user)
    session.flush()
    return user


class RateLimiter:
    """At most ``limit`` failed attempts per ``window`` seconds for one key; then refused
    until the oldest failure is ``window`` seconds old. A success clears the key."""

    def __init__(self, limit: int = 5, window: float = 60.0) -> None:
        self.limit = limit
        self.window = window
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        failures = self._failures.setdefault(key, deque())
        while failures and now - failures[0] > self.window:
            failures.popleft()
        return failures

    def blocked(self, key: str) -> bool:
        with self._lock:
            return len(self._recent(key, time.monotonic())) >= self.limit

    def failed(self, key: str) -> None:
        with self._lock:
            now = time.monotonic()
            self._recent(key, now).append(now)

    def reset(self, key: str) -> None:
        with self._lock:
            self._failures.pop(key, None)
