"""Storage for the workbench: SQLAlchemy 2 tables, Alembic migrations, backup and restore.

SQLite (a file in the user's data directory) is the embedded default; PostgreSQL is selected by
a URL (``JIXIAO_DATABASE_URL``). See docs/storage.md.
"""

import jixiao.store.revision  # noqa: F401  (registers the revision hook on every session)
from jixiao.store.audit import diff_fields as diff_fields
from jixiao.store.audit import record_change as record_change
from jixiao.store.convert import load_document as load_document
from jixiao.store.convert import load_findings as load_findings
from jixiao.store.convert import save_review as save_review
from jixiao.store.convert import store_document as store_document
from jixiao.store.db import commit as commit
from jixiao.store.db import make_engine as make_engine
from jixiao.store.db import make_sessionmaker as make_sessionmaker
from jixiao.store.errors import ConflictError as ConflictError
from jixiao.store.errors import NotFoundError as NotFoundError
from jixiao.store.errors import StoreError as StoreError
