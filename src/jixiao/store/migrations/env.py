"""Alembic's environment: run by ``jixiao.store.migrate`` with a connection, never from an
alembic.ini. Batch mode lets later revisions alter SQLite tables (which ALTER TABLE cannot)."""

from __future__ import annotations

from alembic import context

from jixiao.store import models  # noqa: F401  (registers the tables on Base.metadata)
from jixiao.store.base import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("jixiao 的迁移脚本须通过 jixiao.store.migrate 运行（jixiao db upgrade）")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
