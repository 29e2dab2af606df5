"""The store's database fixtures (SQLite and PostgreSQL), for ``corpus import``."""

from tests.store.conftest import backend, db_url, postgres_database

__all__ = ["backend", "db_url", "postgres_database"]
