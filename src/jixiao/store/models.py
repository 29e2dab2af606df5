"""The tables: SQLAlchemy 2 typed ORM classes (``…Row`` to tell them from the pydantic model).

Documents and projects carry a ``version`` column used for optimistic locking
(``version_id_col``): an UPDATE that finds another version than the one it read matches no row
and raises ``StaleDataError`` (``jixiao.store.db.commit`` turns it into ``ConflictError``).
Adding, changing or removing a project's indicators touches the project (a ``before_flush``
hook below), so the project's version moves too and two people editing the same project's
indicators cannot overwrite each other either.

JSON columns are not mutation-tracked: assign a new list/dict, do not change one in place.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any, Literal, get_args

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    event,
)
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship
from sqlalchemy.orm.attributes import get_history

from jixiao.store.base import Amount, Base, JSONData, UTCDateTime, utcnow

__all__ = [
    "DOCUMENT_STATUSES",
    "ROLES",
    "ROLE_LABELS",
    "STAGES",
    "STATUS_LABELS",
    "AuditRow",
    "CommentRow",
    "DocumentRow",
    "DocumentStatus",
    "DocumentVersionRow",
    "FindingRow",
    "IndicatorRow",
    "LifecycleStageRow",
    "LoginFailureRow",
    "ProjectRow",
    "Role",
    "UnitRow",
    "UserRow",
    "UserUnitRow",
    "WebSessionRow",
]

Role = Literal["unit_filler", "reviewer", "admin"]
ROLES: tuple[Role, ...] = get_args(Role)
ROLE_LABELS: dict[Role, str] = {
    "unit_filler": "单位填报人",
    "reviewer": "审核人",
    "admin": "管理员",
}

DocumentStatus = Literal["draft", "submitted", "in_review", "returned", "approved"]
DOCUMENT_STATUSES: tuple[DocumentStatus, ...] = get_args(DocumentStatus)
STATUS_LABELS: dict[DocumentStatus, str] = {
    "draft": "草稿",
    "submitted": "已提交",
    "in_review": "审核中",
    "returned": "退回",
    "approved": "通过",
}


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class UnitRow(Base):
    """A budget unit (预算单位); the same code and name are one row across documents."""

    __tablename__ = "units"
    __table_args__ = (UniqueConstraint("code", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str | None] = mapped_column(String(64), index=True)
    name: Mapped[str | None] = mapped_column(String(200), index=True)


class UserRow(Base):
    __tablename__ = "users"
    __table_args__ = (CheckConstraint(_one_of("role", ROLES), name="role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(100), default="")
    password_hash: Mapped[str] = mapped_column(String(255), default="")
    role: Mapped[Role] = mapped_column(String(16))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    units: Mapped[list[UnitRow]] = relationship(secondary="user_units", order_by=UnitRow.id)


class UserUnitRow(Base):
    """Which units a user may fill in (unit_filler) or review (reviewer)."""

    __tablename__ = "user_units"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    unit_id: Mapped[int] = mapped_column(
        ForeignKey("units.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class DocumentRow(Base):
    """One 部门预算绩效信息 document: the source, the department goals and the workflow."""

    __tablename__ = "documents"
    __table_args__ = (CheckConstraint(_one_of("status", DOCUMENT_STATUSES), name="status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    schema_version: Mapped[str] = mapped_column(String(8), default="1")
    source_name: Mapped[str] = mapped_column(String(500))
    source_format: Mapped[str] = mapped_column(String(16))
    source_sha256: Mapped[str] = mapped_column(String(64), index=True)
    title: Mapped[str | None] = mapped_column(Text)
    fiscal_year: Mapped[int | None] = mapped_column(Integer, index=True)
    overall_goals: Mapped[list[str]] = mapped_column(JSONData, default=list)
    sub_goals: Mapped[list[str]] = mapped_column(JSONData, default=list)
    safeguards: Mapped[list[str]] = mapped_column(JSONData, default=list)
    warnings: Mapped[list[dict[str, Any]]] = mapped_column(JSONData, default=list)
    extensions: Mapped[dict[str, Any] | None] = mapped_column(JSONData, nullable=True)
    status: Mapped[DocumentStatus] = mapped_column(String(16), default="draft", index=True)
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer)
    revision: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    """Raised by every commit that changes the document or its rows (``store/revision.py``):
    the key of what pages cache about it. Never part of optimistic locking."""

    owner: Mapped[UserRow | None] = relationship()
    projects: Mapped[list[ProjectRow]] = relationship(
        back_populates="document",
        order_by="ProjectRow.position",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )
    findings: Mapped[list[FindingRow]] = relationship(
        back_populates="document",
        order_by="FindingRow.id",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )
    comments: Mapped[list[CommentRow]] = relationship(
        back_populates="document",
        order_by="CommentRow.id",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class ProjectRow(Base):
    """One 项目绩效目标表. ``position`` is the order in the document, ``seq`` the printed number."""

    __tablename__ = "projects"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(Integer)
    title: Mapped[str | None] = mapped_column(Text)
    unit_id: Mapped[int | None] = mapped_column(
        ForeignKey("units.id", ondelete="SET NULL"), index=True
    )
    code: Mapped[str | None] = mapped_column(String(64), index=True)
    name: Mapped[str] = mapped_column(String(500), index=True)
    money_unit: Mapped[str] = mapped_column(String(8), default="万元")
    budget_total: Mapped[Decimal | None] = mapped_column(Amount)
    budget_fiscal: Mapped[Decimal | None] = mapped_column(Amount)
    budget_other: Mapped[Decimal | None] = mapped_column(Amount)
    purpose: Mapped[str | None] = mapped_column(Text)
    spending_plan: Mapped[dict[str, str | None]] = mapped_column(JSONData, default=dict)
    """Month (``"3"``, ``"6"``, ``"10"``, ``"12"``) → cumulative percent as exact decimal text."""
    goals: Mapped[list[str]] = mapped_column(JSONData, default=list)
    source: Mapped[dict[str, Any]] = mapped_column(JSONData, default=dict)
    extensions: Mapped[dict[str, Any] | None] = mapped_column(JSONData, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer)

    document: Mapped[DocumentRow] = relationship(back_populates="projects")
    unit: Mapped[UnitRow | None] = relationship()
    indicators: Mapped[list[IndicatorRow]] = relationship(
        back_populates="project",
        order_by="IndicatorRow.position",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class IndicatorRow(Base):
    """One indicator row of a project table (三级指标 with its value and basis)."""

    __tablename__ = "indicators"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    level1: Mapped[str] = mapped_column(String(100))
    level2: Mapped[str] = mapped_column(String(100))
    category: Mapped[str | None] = mapped_column(String(64), index=True)
    name: Mapped[str] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    value_text: Mapped[str] = mapped_column(Text)
    value: Mapped[dict[str, Any]] = mapped_column(JSONData)
    basis: Mapped[str | None] = mapped_column(Text)
    source: Mapped[dict[str, Any]] = mapped_column(JSONData, default=dict)
    extensions: Mapped[dict[str, Any] | None] = mapped_column(JSONData, nullable=True)

    project: Mapped[ProjectRow] = relationship(back_populates="indicators")


class FindingRow(Base):
    """One review finding; ``project_id`` is empty for findings about the whole document."""

    __tablename__ = "findings"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    project_id: Mapped[int | None] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), index=True
    )
    code: Mapped[str] = mapped_column(String(32), index=True)
    severity: Mapped[str] = mapped_column(String(16))
    dimension: Mapped[str] = mapped_column(String(16))
    message: Mapped[str] = mapped_column(Text)
    field: Mapped[str | None] = mapped_column(String(200))
    indicator_index: Mapped[int | None] = mapped_column(Integer)
    text: Mapped[str | None] = mapped_column(Text)
    suggestion: Mapped[str | None] = mapped_column(Text)
    source: Mapped[dict[str, Any] | None] = mapped_column(JSONData)
    fix: Mapped[dict[str, Any] | None] = mapped_column(JSONData)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    document: Mapped[DocumentRow] = relationship(back_populates="findings")
    project: Mapped[ProjectRow | None] = relationship()


class CommentRow(Base):
    """A reviewer's comment on a document, a project field or an indicator, or an answer."""

    __tablename__ = "comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    project_id: Mapped[int | None] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), index=True
    )
    indicator_id: Mapped[int | None] = mapped_column(
        ForeignKey("indicators.id", ondelete="SET NULL"), index=True
    )
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("comments.id", ondelete="CASCADE"), index=True
    )
    field: Mapped[str | None] = mapped_column(String(200))
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    resolved: Mapped[bool] = mapped_column(Boolean, default=False)

    document: Mapped[DocumentRow] = relationship(back_populates="comments")
    author: Mapped[UserRow | None] = relationship()


class AuditRow(Base):
    """Who did what to a document, when; ``diff`` maps a field path to ``{"old", "new"}``.

    Rows outlive their document (``document_id`` becomes empty) and their user (``username``
    keeps the name as it was).
    """

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int | None] = mapped_column(
        ForeignKey("documents.id", ondelete="SET NULL"), index=True
    )
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    username: Mapped[str | None] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    action: Mapped[str] = mapped_column(String(64))
    diff: Mapped[dict[str, Any]] = mapped_column(JSONData, default=dict)

    user: Mapped[UserRow | None] = relationship()


Index("ix_findings_document_id_code", FindingRow.document_id, FindingRow.code)


class DocumentVersionRow(Base):
    """The whole document (its pydantic model as JSON) as one save left it, numbered from 1
    per document, with who saved it and a short summary of the change; ``audit_id`` is the
    audit entry of that save (empty for a baseline taken of a document imported earlier)."""

    __tablename__ = "document_versions"
    __table_args__ = (UniqueConstraint("document_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    username: Mapped[str | None] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64))
    summary: Mapped[str] = mapped_column(Text, default="")
    audit_id: Mapped[int | None] = mapped_column(
        ForeignKey("audit_log.id", ondelete="SET NULL"), index=True
    )
    content: Mapped[dict[str, Any]] = mapped_column(JSONData)


class WebSessionRow(Base):
    """A signed-in browser session. The cookie holds its id; log-out, a password change and
    deactivation delete the row, so a copied cookie stops working at once (every worker
    process sees the same table)."""

    __tablename__ = "web_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    """SHA-256 (hex) of the random token in the cookie: a database dump opens no session."""
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class LoginFailureRow(Base):
    """One failed log-in, under each key it counts against (user+address, address, all).
    Keys are SHA-256 hex digests, so a huge user name costs 64 bytes; rows older than the
    limiter's window are deleted as new failures arrive, so the table stays bounded."""

    __tablename__ = "login_failures"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


Stage = Literal["monitor", "selfeval"]
STAGES: tuple[Stage, ...] = get_args(Stage)


class LifecycleStageRow(Base):
    """Where a project's 运行监控 (of one month) or 绩效自评 stands in its own review workflow
    (填报 → 提交 → 审核 → 退回/通过), apart from the target table's. ``period`` is the
    monitoring month, 0 for the self-evaluation. No row: still being filled in (草稿)."""

    __tablename__ = "lifecycle_stages"
    __table_args__ = (
        UniqueConstraint("project_id", "stage", "period"),
        CheckConstraint(_one_of("stage", STAGES), name="stage"),
        CheckConstraint(_one_of("status", DOCUMENT_STATUSES), name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), index=True
    )
    stage: Mapped[Stage] = mapped_column(String(16))
    period: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[DocumentStatus] = mapped_column(String(16), default="draft")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


@event.listens_for(Session, "before_flush")
def _touch_projects_of_changed_indicators(session: Session, context: Any, instances: Any) -> None:
    """A project whose indicators change gets a new ``updated_at``, hence a new version."""
    touched: set[ProjectRow | None] = set()
    for row in session.dirty:
        if isinstance(row, ProjectRow) and get_history(row, "indicators").has_changes():
            touched.add(row)
        elif isinstance(row, IndicatorRow) and session.is_modified(row):
            touched.add(row.project)  # None once removed from the project's list
    for row in (*session.new, *session.deleted):
        if isinstance(row, IndicatorRow):
            touched.add(row.project)
    for project in touched:
        if project is not None and project not in session.new and project not in session.deleted:
            project.updated_at = utcnow()
