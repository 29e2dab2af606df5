"""People management: users, their roles and units, and the units themselves.

Only 管理员 may do any of this (``Forbidden`` otherwise). The command line passes ``actor=None``:
whoever can reach the database is trusted there, which is how the first administrator of a
real installation is created (``jixiao user add 用户名 --role admin``).

Bad input raises ``PeopleError`` (HTTP 400) with a Chinese message, so pages, the API and the
CLI can show it as is. Every change is written to the audit log as an action on no document
(like log-ins), with field paths such as ``用户zhang.role``; passwords never appear in it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from jixiao._exceptions import Forbidden, InvalidInput
from jixiao.store.audit import record_change
from jixiao.store.db import commit
from jixiao.store.errors import NotFoundError
from jixiao.store.models import (
    ROLE_LABELS,
    ROLES,
    ProjectRow,
    Role,
    UnitRow,
    UserRow,
    UserUnitRow,
)
from jixiao.workbench import auth
from jixiao.workbench.sessions import end_sessions_of

__all__ = [
    "MIN_PASSWORD",
    "PeopleError",
    "UnitSummary",
    "add_unit",
    "add_user",
    "change_user",
    "check_new_username",
    "check_password",
    "check_username",
    "find_units",
    "list_units",
    "list_users",
    "parse_role",
    "require_admin",
    "user_by_id",
    "user_by_name",
]

MIN_PASSWORD = 8
MAX_PASSWORD = 256
"""Long enough for any passphrase; a form cannot make the server hash megabytes."""
_USERNAME = re.compile(r"[A-Za-z0-9._-]{3,64}")
_ROLE_CHOICES = "、".join(f"{role}（{ROLE_LABELS[role]}）" for role in ROLES)
_UNIT_HINT = "单位在导入文档时自动创建，也可以由管理员在“单位管理”页面（/admin/units）添加。"


class PeopleError(InvalidInput):
    """A user or unit could not be created or changed as asked (bad or duplicate input)."""


@dataclass(frozen=True)
class UnitSummary:
    """A unit with how much hangs on it: its projects (from imports) and its users."""

    unit: UnitRow
    projects: int
    users: int


def require_admin(actor: UserRow | None) -> None:
    """Refuse everyone but 管理员 (``None``, the command line, is trusted)."""
    if actor is not None and actor.role != "admin":
        raise Forbidden("只有管理员可以管理用户和单位")


# -- checks -----------------------------------------------------------------------------------


def parse_role(text: str) -> Role:
    """The role named by its code (``admin``) or its label (管理员)."""
    text = text.strip()
    for role in ROLES:
        if text in (role, ROLE_LABELS[role]):
            return role
    raise PeopleError(f"角色无效：“{text}”", hint=f"可选的角色：{_ROLE_CHOICES}。")


def check_username(text: str) -> str:
    """The name, stripped, if it is ASCII letters, digits and ``._-``: typed at every log-in,
    so it must look the same on every keyboard and input method."""
    username = text.strip()
    if not _USERNAME.fullmatch(username):
        raise PeopleError(
            f"用户名“{username}”不符合要求",
            hint="用户名由 3 至 64 个英文字母、数字或 . _ - 组成，例如 zhang.san。",
        )
    return username


def check_password(password: str) -> str:
    """The password as given, if long enough (never stripped: spaces are characters too)."""
    if len(password) < MIN_PASSWORD:
        raise PeopleError(f"密码太短：至少需要 {MIN_PASSWORD} 个字符")
    if len(password) > MAX_PASSWORD:
        raise PeopleError(f"密码太长：最多 {MAX_PASSWORD} 个字符")
    return password


def _display_name(text: str, username: str) -> str:
    """The name pages show (the column holds 100 characters); empty means the user name."""
    name = text.strip()
    if len(name) > 100:
        raise PeopleError("显示名太长：最多 100 个字符")
    return name or username


def _units(session: Session, unit_ids: Sequence[int]) -> list[UnitRow]:
    wanted = set(unit_ids)
    if not wanted:
        return []
    rows = list(
        session.scalars(select(UnitRow).where(UnitRow.id.in_(sorted(wanted))).order_by(UnitRow.id))
    )
    missing = sorted(wanted - {row.id for row in rows})
    if missing:
        shown = "、".join(str(i) for i in missing)
        raise PeopleError(f"单位不存在（编号 {shown}）", hint=_UNIT_HINT)
    return rows


def _unit_label(unit: UnitRow) -> str:
    return " ".join(part for part in (unit.code, unit.name) if part) or f"单位{unit.id}"


# -- users ------------------------------------------------------------------------------------


def list_users(session: Session, actor: UserRow | None) -> list[UserRow]:
    """Every user (active or not) with their units, oldest first."""
    require_admin(actor)
    return list(
        session.scalars(select(UserRow).options(selectinload(UserRow.units)).order_by(UserRow.id))
    )


def user_by_id(session: Session, actor: UserRow | None, user_id: int) -> UserRow:
    require_admin(actor)
    user = session.get(UserRow, user_id, options=[selectinload(UserRow.units)])
    if user is None:
        raise NotFoundError(f"用户不存在（编号 {user_id}）")
    return user


def user_by_name(session: Session, actor: UserRow | None, username: str) -> UserRow:
    require_admin(actor)
    user = session.scalars(select(UserRow).where(UserRow.username == username.strip())).first()
    if user is None:
        raise NotFoundError(f"用户“{username.strip()}”不存在")
    return user


def check_new_username(session: Session, username: str) -> str:
    """The name, if well formed and not used yet. Case does not count (Zhang and zhang would
    be taken for the same person)."""
    name = check_username(username)
    stmt = select(UserRow.username).where(func.lower(UserRow.username) == name.lower())
    existing = session.scalars(stmt).first()
    if existing is not None:
        raise _duplicate(name, existing)
    return name


def _duplicate(username: str, existing: str | None = None) -> PeopleError:
    if existing is not None and existing != username:
        return PeopleError(
            f"用户名“{username}”已被使用（已有用户“{existing}”，用户名不区分大小写）",
            hint="请换一个用户名。",
        )
    return PeopleError(f"用户名“{username}”已被使用", hint="请换一个用户名。")


def add_user(
    session: Session,
    actor: UserRow | None,
    *,
    username: str,
    password: str,
    role: str,
    display_name: str = "",
    unit_ids: Sequence[int] = (),
) -> UserRow:
    """Create an active user; committed."""
    require_admin(actor)
    name = check_new_username(session, username)
    check_password(password)
    role_code = parse_role(role)
    shown = _display_name(display_name, name)
    units = _units(session, unit_ids)
    try:
        user = auth.create_user(session, name, password, role_code, display_name=shown, units=units)
    except IntegrityError:  # created by someone else between the check and the insert
        session.rollback()
        raise _duplicate(name) from None
    record_change(
        session,
        None,
        actor,
        "创建用户",
        {
            f"用户{name}.role": {"old": None, "new": ROLE_LABELS[role_code]},
            f"用户{name}.display_name": {"old": None, "new": shown},
            f"用户{name}.units": {"old": None, "new": [_unit_label(u) for u in units]},
        },
    )
    commit(session)
    return user


def _still_an_admin(session: Session, target: UserRow) -> None:
    """Refuse to leave the installation without an active administrator.

    The other active admins are locked (PostgreSQL), so two admins demoting each other at the
    same time cannot both succeed; SQLite writers are serialized anyway.
    """
    others = session.scalars(
        select(UserRow.id)
        .where(UserRow.role == "admin", UserRow.active.is_(True), UserRow.id != target.id)
        .with_for_update()
    ).all()
    if not others:
        raise PeopleError(
            "不能停用或降级最后一名管理员",
            hint="请先创建或启用另一名管理员。",
        )


def change_user(
    session: Session,
    actor: UserRow | None,
    user_id: int,
    *,
    role: str | None = None,
    display_name: str | None = None,
    unit_ids: Sequence[int] | None = None,
    active: bool | None = None,
    password: str | None = None,
) -> UserRow:
    """Change what is given (``None``: keep); committed when anything changed.

    An admin may not deactivate or demote themselves, and the last active admin stays one.
    A deactivated user cannot log in, and their open sessions stop working at once (every
    request checks ``active``).
    """
    user = user_by_id(session, actor, user_id)
    # Check everything first, so a refused change leaves the user untouched.
    new_role = user.role if role is None else parse_role(role)
    new_active = user.active if active is None else active
    shown = None if display_name is None else _display_name(display_name, user.username)
    units = None if unit_ids is None else _units(session, unit_ids)
    if password is not None:
        check_password(password)
    if actor is not None and actor.id == user.id:
        if not new_active:
            raise PeopleError("不能停用自己的账号", hint="请由另一名管理员停用。")
        if new_role != "admin":
            raise PeopleError("不能更改自己的角色", hint="请由另一名管理员更改。")
    if user.role == "admin" and user.active and (new_role != "admin" or not new_active):
        _still_an_admin(session, user)

    diff: dict[str, dict[str, Any]] = {}
    prefix = f"用户{user.username}."
    if new_role != user.role:
        diff[prefix + "role"] = {"old": ROLE_LABELS[user.role], "new": ROLE_LABELS[new_role]}
        user.role = new_role
    if shown is not None and shown != user.display_name:
        diff[prefix + "display_name"] = {"old": user.display_name, "new": shown}
        user.display_name = shown
    if units is not None and {u.id for u in units} != {u.id for u in user.units}:
        diff[prefix + "units"] = {
            "old": [_unit_label(u) for u in user.units],
            "new": [_unit_label(u) for u in units],
        }
        user.units = units
    if new_active != user.active:
        labels = {True: "启用", False: "停用"}
        diff[prefix + "active"] = {"old": labels[user.active], "new": labels[new_active]}
        user.active = new_active
        if not new_active:
            end_sessions_of(session, user.id)  # signed out everywhere, at once
    if password is not None:
        user.password_hash = auth.hash_password(password)
        diff[prefix + "password"] = {"old": "（不显示）", "new": "（已重设）"}
        if actor is None or actor.id != user.id:  # one's own: the current session stays
            end_sessions_of(session, user.id)
    if diff:
        record_change(session, None, actor, "修改用户", diff)
        commit(session)
    return user


# -- units ------------------------------------------------------------------------------------


def list_units(session: Session, actor: UserRow | None) -> list[UnitSummary]:
    """Every unit with its number of projects and of users, by code."""
    require_admin(actor)
    projects = (
        select(func.count(ProjectRow.id))
        .where(ProjectRow.unit_id == UnitRow.id)
        .correlate(UnitRow)
        .scalar_subquery()
    )
    users = (
        select(func.count(UserUnitRow.user_id))
        .where(UserUnitRow.unit_id == UnitRow.id)
        .correlate(UnitRow)
        .scalar_subquery()
    )
    stmt = select(UnitRow, projects, users).order_by(
        UnitRow.code.is_(None), UnitRow.code, UnitRow.name, UnitRow.id
    )
    return [
        UnitSummary(unit, n_projects, n_users)
        for unit, n_projects, n_users in session.execute(stmt)
    ]


def add_unit(session: Session, actor: UserRow | None, *, code: str, name: str) -> UnitRow:
    """Create a unit before any of its documents is imported (to assign users to it);
    committed. Imports of documents naming the same code and name use this row."""
    require_admin(actor)
    code, name = code.strip(), name.strip()
    if not code or not name:
        raise PeopleError("请填写单位编码和单位名称")
    if len(code) > 64:
        raise PeopleError("单位编码太长：最多 64 个字符")
    if len(name) > 200:
        raise PeopleError("单位名称太长：最多 200 个字符")
    same = session.scalars(select(UnitRow).where(UnitRow.code == code)).first()
    if same is not None:
        raise PeopleError(f"单位编码 {code} 已被“{same.name or ''}”使用")
    unit = UnitRow(code=code, name=name)
    session.add(unit)
    try:
        session.flush()
    except IntegrityError:  # the same unit imported meanwhile
        session.rollback()
        raise PeopleError(f"单位编码 {code} 已被“{name}”使用") from None
    record_change(
        session, None, actor, "创建单位", {f"单位{code}.name": {"old": None, "new": name}}
    )
    commit(session)
    return unit


def find_units(session: Session, keys: Sequence[str]) -> list[UnitRow]:
    """The units named on the command line, each by its code or else by its exact name."""
    found: list[UnitRow] = []
    for key in keys:
        key = key.strip()
        rows = list(
            session.scalars(select(UnitRow).where(UnitRow.code == key).order_by(UnitRow.id))
        )
        if not rows:
            rows = list(
                session.scalars(select(UnitRow).where(UnitRow.name == key).order_by(UnitRow.id))
            )
        if not rows:
            raise PeopleError(f"没有编码或名称为“{key}”的单位", hint=_UNIT_HINT)
        if len(rows) > 1:
            shown = "；".join(_unit_label(u) for u in rows)
            raise PeopleError(
                f"“{key}”对应多个单位：{shown}",
                hint="请改用单位名称，或在“单位管理”页面查看各单位。",
            )
        if rows[0] not in found:
            found.append(rows[0])
    return found
