"""Passwords (argon2) and users (the log-in limiter is in ``security``, in the database)."""

from __future__ import annotations

import hashlib

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from jixiao.store.models import Role, UnitRow, UserRow

__all__ = [
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
