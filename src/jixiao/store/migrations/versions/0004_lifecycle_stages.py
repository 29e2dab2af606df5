"""Review workflow status of each project's 运行监控 (per month) and 绩效自评.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "lifecycle_stages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("stage", sa.String(length=16), nullable=False),
        sa.Column("period", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "stage IN ('monitor', 'selfeval')", name=op.f("ck_lifecycle_stages_stage")
        ),
        sa.CheckConstraint(
            "status IN ('draft', 'submitted', 'in_review', 'returned', 'approved')",
            name=op.f("ck_lifecycle_stages_status"),
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name=op.f("fk_lifecycle_stages_project_id_projects"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lifecycle_stages")),
        sa.UniqueConstraint(
            "project_id",
            "stage",
            "period",
            name=op.f("uq_lifecycle_stages_project_id_stage_period"),
        ),
    )
    op.create_index(op.f("ix_lifecycle_stages_project_id"), "lifecycle_stages", ["project_id"])


def downgrade() -> None:
    op.drop_table("lifecycle_stages")
