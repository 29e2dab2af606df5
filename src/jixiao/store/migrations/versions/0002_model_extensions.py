"""Optional model fields of the other provinces' templates: an ``extensions`` JSON column on
documents (department-wide table), projects (mid-term budget and goals, extra header fields)
and indicators (split value parts, weight, direction, core, scoring, mid-term target, extra
columns). NULL when a row has none of them.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-05
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TABLES = ("documents", "projects", "indicators")


def upgrade() -> None:
    for table in _TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("extensions", sa.JSON(none_as_null=True), nullable=True))


def downgrade() -> None:
    for table in _TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("extensions")
