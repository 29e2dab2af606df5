"""Alembic migrations, run from code: the scripts ship inside the package (``migrations/``).

``upgrade(url)`` brings any database — empty or older — to the current schema; it is safe to
run on every start. Developers add a revision with ``new_revision(message)`` after changing
``models.py`` (see docs/storage.md).
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection

from jixiao.store.db import make_engine, translate_errors

__all__ = [
    "MIGRATIONS",
    "alembic_config",
    "current_revision",
    "head_revision",
    "new_revision",
    "upgrade",
]

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic configuration without an alembic.ini: the scripts are found in the package
    and env.py uses ``connection`` when given."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def upgrade(url: str | None = None, revision: str = "head") -> None:
    """Migrate the database at ``url`` (see ``db.database_url``) to ``revision``."""
    engine = make_engine(url)
    try:
        with translate_errors(engine.url, any_error=True), engine.begin() as connection:
            command.upgrade(alembic_config(connection), revision)
    finally:
        engine.dispose()


def current_revision(url: str | None = None) -> str | None:
    """The revision the database is at; ``None`` for a database never migrated."""
    engine = make_engine(url)
    try:
        with translate_errors(engine.url, any_error=True), engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    finally:
        engine.dispose()


def new_revision(message: str, url: str) -> None:
    """Developers only: write ``versions/NNNN_<message>.py`` with what ``models.py`` has and the
    database at ``url`` (migrated to the current head) lacks. Review and edit the file (see
    docs/storage.md) before committing it."""
    upgrade(url)
    config = alembic_config()
    config.set_main_option("file_template", "%%(rev)s_%%(slug)s")
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            rev_id = f"{int(head_revision()) + 1:04d}"
            command.revision(config, message, autogenerate=True, rev_id=rev_id)
    finally:
        engine.dispose()
