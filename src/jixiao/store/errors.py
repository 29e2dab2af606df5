"""Errors of the storage layer; like every ``JixiaoError`` their message is Chinese."""

from __future__ import annotations

from jixiao._exceptions import JixiaoError

__all__ = ["ConflictError", "NotFoundError", "StoreError"]


class StoreError(JixiaoError):
    """The database could not do what was asked (unreachable, bad backup, constraint…)."""


class ConflictError(StoreError):
    """Optimistic locking: the row was changed by someone else since it was read."""

    http_status = 409


class NotFoundError(StoreError):
    """No row with the requested id."""

    http_status = 404
