"""A ``revision`` counter on documents, raised by every commit that changes the document or a
row that belongs to it (projects, indicators, findings, comments, audit entries): pages cache
what they build from a document keyed by it, in every worker process (see
``jixiao.store.revision``; it grows with the clock, hence 64 bits). Not the optimistic-locking
``version``: raising it never conflicts.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("revision", sa.BigInteger(), nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("revision")
