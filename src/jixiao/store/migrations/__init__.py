"""Alembic migration scripts of the jixiao database (run by ``jixiao.store.migrate``)."""
