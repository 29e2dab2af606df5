"""The 用户管理 and 单位管理 pages (管理员 only): list, create and edit users; list and create
units. Forms post back here and redirect (303) on success; a refused form is shown again
with the message (400). The rules live in ``jixiao.workbench.people``."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session

from jixiao._exceptions import Forbidden, JixiaoError
from jixiao.store.errors import NotFoundError
from jixiao.store.models import UserRow
from jixiao.web.deps import DB, CurrentUser, page
from jixiao.workbench import people
from jixiao.workbench.auth import password_stamp

router = APIRouter(include_in_schema=False)

DONE = {
    "created": "已创建用户。",
    "saved": "已保存。",
    "unit": "已创建单位。",
}
"""Messages shown after a redirect, chosen by a fixed key (never text from the address)."""

MISMATCH = "两次输入的密码不一致"

UnitIds = Annotated[list[int] | None, Form()]


def _refused(exc: JixiaoError) -> bool:
    """Show the form again for bad input; access errors and missing rows get the error page."""
    return not isinstance(exc, Forbidden | NotFoundError)


def _users_page(
    request: Request,
    session: Session,
    user: UserRow,
    *,
    form: dict[str, Any] | None = None,
    error: JixiaoError | None = None,
    done: str = "",
) -> Response:
    return page(
        request,
        "admin_users.html",
        user,
        400 if error else 200,
        users=people.list_users(session, user),
        units=people.list_units(session, user),
        form=form or {"username": "", "display_name": "", "role": "unit_filler", "unit_ids": []},
        error=None if error is None else error.message,
        hint=None if error is None else error.hint,
        done=DONE.get(done),
    )


@router.get("/admin/users")
def users_page(request: Request, session: DB, user: CurrentUser, done: str = "") -> Response:
    people.require_admin(user)
    return _users_page(request, session, user, done=done)


@router.post("/admin/users")
def create_user(
    request: Request,
    session: DB,
    user: CurrentUser,
    username: Annotated[str, Form()] = "",
    display_name: Annotated[str, Form()] = "",
    role: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    password2: Annotated[str, Form()] = "",
    unit_id: UnitIds = None,
) -> Response:
    people.require_admin(user)
    form = {
        "username": username,
        "display_name": display_name,
        "role": role,
        "unit_ids": unit_id or [],
    }
    try:
        if password != password2:
            raise people.PeopleError(MISMATCH)
        created = people.add_user(
            session,
            user,
            username=username,
            password=password,
            role=role,
            display_name=display_name,
            unit_ids=unit_id or [],
        )
    except JixiaoError as exc:
        if not _refused(exc):
            raise
        return _users_page(request, session, user, form=form, error=exc)
    return RedirectResponse(f"/admin/users/{created.id}?done=created", status_code=303)


def _user_page(
    request: Request,
    session: Session,
    user: UserRow,
    target: UserRow,
    *,
    form: dict[str, Any] | None = None,
    error: JixiaoError | None = None,
    done: str = "",
) -> Response:
    if form is None:
        form = {
            "display_name": target.display_name,
            "role": target.role,
            "unit_ids": [u.id for u in target.units],
            "active": target.active,
        }
    return page(
        request,
        "admin_user.html",
        user,
        400 if error else 200,
        target=target,
        units=people.list_units(session, user),
        form=form,
        error=None if error is None else error.message,
        hint=None if error is None else error.hint,
        done=DONE.get(done),
    )


@router.get("/admin/users/{user_id}")
def user_page(
    request: Request, session: DB, user: CurrentUser, user_id: int, done: str = ""
) -> Response:
    target = people.user_by_id(session, user, user_id)
    return _user_page(request, session, user, target, done=done)


@router.post("/admin/users/{user_id}")
def update_user(
    request: Request,
    session: DB,
    user: CurrentUser,
    user_id: int,
    display_name: Annotated[str, Form()] = "",
    role: Annotated[str, Form()] = "",
    active: Annotated[str | None, Form()] = None,
    password: Annotated[str, Form()] = "",
    password2: Annotated[str, Form()] = "",
    unit_id: UnitIds = None,
) -> Response:
    target = people.user_by_id(session, user, user_id)
    form = {
        "display_name": display_name,
        "role": role,
        "unit_ids": unit_id or [],
        "active": active is not None,
    }
    try:
        if password != password2:
            raise people.PeopleError(MISMATCH)
        people.change_user(
            session,
            user,
            user_id,
            role=role,
            display_name=display_name,
            unit_ids=unit_id or [],
            active=active is not None,
            password=password or None,
        )
    except JixiaoError as exc:
        if not _refused(exc):
            raise
        session.rollback()  # nothing half-applied: show the user as stored, the form as sent
        return _user_page(request, session, user, target, form=form, error=exc)
    if user.id == user_id:  # a new password of one's own: this session stays signed in
        request.session["stamp"] = password_stamp(user)
    return RedirectResponse(f"/admin/users/{user_id}?done=saved", status_code=303)


@router.get("/admin/units")
def units_page(request: Request, session: DB, user: CurrentUser, done: str = "") -> Response:
    return _units_page(request, session, user, done=done)


def _units_page(
    request: Request,
    session: Session,
    user: UserRow,
    *,
    form: dict[str, str] | None = None,
    error: JixiaoError | None = None,
    done: str = "",
) -> Response:
    return page(
        request,
        "admin_units.html",
        user,
        400 if error else 200,
        units=people.list_units(session, user),
        form=form or {"code": "", "name": ""},
        error=None if error is None else error.message,
        hint=None if error is None else error.hint,
        done=DONE.get(done),
    )


@router.post("/admin/units")
def create_unit(
    request: Request,
    session: DB,
    user: CurrentUser,
    code: Annotated[str, Form()] = "",
    name: Annotated[str, Form()] = "",
) -> Response:
    people.require_admin(user)
    try:
        people.add_unit(session, user, code=code, name=name)
    except JixiaoError as exc:
        if not _refused(exc):
            raise
        return _units_page(request, session, user, form={"code": code, "name": name}, error=exc)
    return RedirectResponse("/admin/units?done=unit", status_code=303)
