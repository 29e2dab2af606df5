"""The JSON API for people management, under ``/api/admin/`` (管理员 only).

Same rules and messages as the 用户管理 pages (``jixiao.workbench.people``). Fields are checked
there, not by pydantic, so a bad role or a short password is a 400 with a Chinese message
rather than a 422 in English. Password hashes are never sent.
"""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from jixiao.store.models import ROLE_LABELS, UnitRow, UserRow
from jixiao.web.deps import DB, CurrentUser
from jixiao.workbench import people
from jixiao.workbench.auth import password_stamp

__all__ = ["router"]

router = APIRouter(prefix="/api", tags=["api"])


class UnitRef(BaseModel):
    id: int
    code: str | None
    name: str | None


class UnitOut(UnitRef):
    projects: int
    users: int


class AdminUserOut(BaseModel):
    id: int
    username: str
    display_name: str
    role: str
    role_label: str
    active: bool
    created_at: datetime
    units: list[UnitRef]


class UserCreateIn(BaseModel):
    username: str
    password: str
    role: str
    display_name: str = ""
    unit_ids: list[int] = Field(default_factory=list)


class UserPatchIn(BaseModel):
    """Only the fields sent are changed."""

    role: str | None = None
    display_name: str | None = None
    unit_ids: list[int] | None = None
    active: bool | None = None
    password: str | None = None


class UnitIn(BaseModel):
    code: str
    name: str


def _ref(unit: UnitRow) -> UnitRef:
    return UnitRef(id=unit.id, code=unit.code, name=unit.name)


def _user(user: UserRow) -> AdminUserOut:
    return AdminUserOut(
        id=user.id,
        username=user.username,
        display_name=user.display_name,
        role=user.role,
        role_label=ROLE_LABELS[user.role],
        active=user.active,
        created_at=user.created_at,
        units=[_ref(u) for u in user.units],
    )


@router.get("/admin/users", response_model=list[AdminUserOut])
def users(session: DB, user: CurrentUser) -> list[AdminUserOut]:
    """Every user, active or not, with their units."""
    return [_user(u) for u in people.list_users(session, user)]


@router.post("/admin/users", response_model=AdminUserOut, status_code=201)
def create_user(session: DB, user: CurrentUser, body: UserCreateIn) -> AdminUserOut:
    created = people.add_user(
        session,
        user,
        username=body.username,
        password=body.password,
        role=body.role,
        display_name=body.display_name,
        unit_ids=body.unit_ids,
    )
    return _user(created)


@router.get("/admin/users/{user_id}", response_model=AdminUserOut)
def get_user(session: DB, user: CurrentUser, user_id: int) -> AdminUserOut:
    return _user(people.user_by_id(session, user, user_id))


@router.patch("/admin/users/{user_id}", response_model=AdminUserOut)
def update_user(
    request: Request, session: DB, user: CurrentUser, user_id: int, body: UserPatchIn
) -> AdminUserOut:
    """Change role, display name, units, active or password (deactivating ends the user's
    sessions; an admin cannot deactivate or demote themselves)."""
    changed = people.change_user(
        session,
        user,
        user_id,
        role=body.role,
        display_name=body.display_name,
        unit_ids=body.unit_ids,
        active=body.active,
        password=body.password,
    )
    if changed.id == user.id:  # a new password of one's own: this session stays signed in
        request.session["stamp"] = password_stamp(changed)
    return _user(changed)


@router.get("/admin/units", response_model=list[UnitOut])
def units(session: DB, user: CurrentUser) -> list[UnitOut]:
    """Every unit with its number of projects and users."""
    return [
        UnitOut(**_ref(s.unit).model_dump(), projects=s.projects, users=s.users)
        for s in people.list_units(session, user)
    ]


@router.post("/admin/units", response_model=UnitOut, status_code=201)
def create_unit(session: DB, user: CurrentUser, body: UnitIn) -> UnitOut:
    unit = people.add_unit(session, user, code=body.code, name=body.name)
    return UnitOut(**_ref(unit).model_dump(), projects=0, users=0)
