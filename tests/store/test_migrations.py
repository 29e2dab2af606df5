"""Migrations create the schema the ORM describes, on both databases."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from jixiao.store.base import Base
from jixiao.store.db import make_engine
from jixiao.store.migrate import MIGRATIONS, alembic_config, current_revision, head_revision
from jixiao.store.migrate import upgrade as migrate_upgrade

TABLES = {
    "alembic_version",
    "audit_log",
    "comments",
    "document_versions",
    "documents",
    "findings",
    "indicators",
    "lifecycle_stages",
    "login_failures",
    "projects",
    "units",
    "user_units",
    "users",
    "web_sessions",
}


def _diff(url: str) -> list[object]:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            return list(compare_metadata(context, Base.metadata))
    finally:
        engine.dispose()


def test_upgrade_from_empty_matches_the_models(db_url: str) -> None:
    assert current_revision(db_url) is None
    migrate_upgrade(db_url)
    assert current_revision(db_url) == head_revision()
    assert _diff(db_url) == []
    engine = make_engine(db_url)
    try:
        assert set(inspect(engine).get_table_names()) == TABLES
    finally:
        engine.dispose()


def test_upgrade_is_idempotent_and_downgrade_works(db_url: str) -> None:
    migrate_upgrade(db_url)
    migrate_upgrade(db_url)
    engine = make_engine(db_url)
    try:
        with engine.begin() as connection:
            command.downgrade(alembic_config(connection), "base")
        assert set(inspect(engine).get_table_names()) == {"alembic_version"}
    finally:
        engine.dispose()
    assert current_revision(db_url) is None
    migrate_upgrade(db_url)
    assert _diff(db_url) == []


def test_migrations_ship_in_the_package() -> None:
    assert (MIGRATIONS / "env.py").is_file()
    assert (MIGRATIONS / "script.py.mako").is_file()
    assert sorted(p.name for p in (MIGRATIONS / "versions").glob("0*.py"))[0].startswith("0001")
