"""Workbench analytics: the corpus statistics over the units a user may see.

The statistics are ``jixiao.corpus.stats`` itself (``stats_on``), run on DuckDB tables built
in memory from the stored documents instead of a corpus's Parquet files: each visible document
is loaded with its stored findings, flattened by ``corpus.records.document_rows`` and turned
into Arrow tables of the corpus schema. Administrators see every unit; reviewers and unit
users the units assigned to them (the documents with a project of those units, and only those
units' projects and indicators). ``doc_id`` is the workbench's document id (as text), so
every row leads back to its document; ``region`` is empty (workbench units carry none).

Building the tables costs a bounded number of queries (one for the visible set and its
versions, then two per ``_CHUNK`` documents); the tables are cached per visible set and its
versions, so repeated views (and other users seeing the same documents) reuse them, and any
saved change (which moves a version) or change of assignment builds them afresh. The
statistics themselves run on a fresh DuckDB connection per scope (year, unit), cached as well.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import duckdb
import pyarrow as pa
from sqlalchemy import func, select, true
from sqlalchemy.orm import Session, selectinload

from jixiao.corpus.records import SourceRef, document_rows
from jixiao.corpus.schema import TABLES
from jixiao.corpus.stats import StatTable, reused_within_units, stats_on
from jixiao.store.convert import document_from_row, load_findings_of
from jixiao.store.models import DocumentRow, ProjectRow, UserRow
from jixiao.workbench.reports import report_from_findings

__all__ = ["AnalyticsCache", "Scope", "Snapshot", "UnitKey", "scope_stats", "snapshot"]

_CHUNK = 500
"""Documents loaded per query (drivers cap the bind parameters of ``IN (…)``)."""

UnitKey = tuple[str | None, str | None]
"""A unit as the corpus tables name it: (code, name)."""

T = TypeVar("T")


@dataclass(frozen=True)
class Snapshot:
    """The corpus tables of one visible set of documents, and the ids to link back to."""

    tables: dict[str, pa.Table]
    projects: dict[tuple[str, int], int]
    """(doc_id, project seq) → the stored project's id."""
    units: dict[UnitKey, int]
    """(code, name) → the stored unit's id, for every unit of a visible document."""
    years: tuple[int, ...]
    """The fiscal years present, latest first."""

    def unit_id(self, name: str | None) -> int | None:
        """The stored unit of this name (the overview groups units by name)."""
        return next((uid for (_, n), uid in self.units.items() if n == name), None)

    def unit_key(self, unit_id: int) -> UnitKey | None:
        return next((key for key, uid in self.units.items() if uid == unit_id), None)


@dataclass(frozen=True)
class Scope:
    year: int | None
    unit: UnitKey | None


class AnalyticsCache:
    """A few snapshots and their statistics, least recently used dropped first."""

    def __init__(self, size: int = 8) -> None:
        self.size = size
        self._lock = threading.Lock()
        self._items: OrderedDict[Any, Any] = OrderedDict()

    def get(self, key: Any, make: Callable[[], T]) -> T:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                value: T = self._items[key]
                return value
        value = make()  # outside the lock: two requests may build the same, both correct
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value


def _units_of(user: UserRow) -> frozenset[int] | None:
    """The units whose figures ``user`` sees: all (``None``) for admins, else their own."""
    return None if user.role == "admin" else frozenset(u.id for u in user.units)


def _visible_versions(
    session: Session, units: frozenset[int] | None
) -> list[tuple[int, int, int, int]]:
    """(id, version, sum of project versions, projects) of every document with a project of
    ``units`` (all documents: ``None``): a saved change of the document or of any of its
    projects moves one of them. These documents are among those the user may open (the
    document list's rule), so every link leads to a page they may see."""
    visible = (
        true()
        if units is None
        else DocumentRow.id.in_(
            select(ProjectRow.document_id).where(ProjectRow.unit_id.in_(sorted(units)))
        )
    )
    stmt = (
        select(
            DocumentRow.id,
            DocumentRow.version,
            func.coalesce(func.sum(ProjectRow.version), 0),
            func.count(ProjectRow.id),
        )
        .outerjoin(ProjectRow, ProjectRow.document_id == DocumentRow.id)
        .where(visible)
        .group_by(DocumentRow.id, DocumentRow.version)
        .order_by(DocumentRow.id)
    )
    return [(int(a), int(b), int(c), int(d)) for a, b, c, d in session.execute(stmt)]


def _build(session: Session, ids: Sequence[int], units: frozenset[int] | None) -> Snapshot:
    """The corpus tables of documents ``ids``; with ``units``, only those units' projects and
    indicators (the documents' findings are kept whole: a document-level count, as the
    document list's rule filter counts them)."""
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    projects: dict[tuple[str, int], int] = {}
    unit_ids: dict[UnitKey, int] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = list(ids[start : start + _CHUNK])
        docs = session.scalars(
            select(DocumentRow)
            .where(DocumentRow.id.in_(chunk))
            .options(
                selectinload(DocumentRow.projects).selectinload(ProjectRow.indicators),
                selectinload(DocumentRow.projects).selectinload(ProjectRow.unit),
            )
            .order_by(DocumentRow.id)
        ).all()
        findings = load_findings_of(session, chunk)
        for row in docs:
            kept = [p for p in row.projects if units is None or p.unit_id in units]
            doc = document_from_row(row)
            report = report_from_findings(doc, findings[row.id])
            ref = SourceRef(key=str(row.id), path=row.source_name, sha256=row.source_sha256)
            doc_id = str(row.id)
            out = document_rows(doc, report, ref)
            if units is not None:
                seqs = {p.seq for p in kept}
                keys = {(p.unit.code, p.unit.name) for p in kept if p.unit is not None}
                out["projects"] = [r for r in out["projects"] if r["seq"] in seqs]
                out["indicators"] = [r for r in out["indicators"] if r["project_seq"] in seqs]
                out["units"] = [r for r in out["units"] if (r["unit_code"], r["unit_name"]) in keys]
            for name, table_rows in out.items():
                for r in table_rows:
                    r["doc_id"] = doc_id  # the workbench id: one file stored twice is two
                rows[name].extend(table_rows)
            rows["documents"][-1]["model_json"] = ""  # not needed here; keeps memory small
            for p in kept:
                projects.setdefault((doc_id, p.seq), p.id)
                if p.unit is not None:
                    unit_ids.setdefault((p.unit.code, p.unit.name), p.unit.id)
        for row in docs:
            session.expunge(row)
    tables = {name: pa.Table.from_pylist(rows[name], schema=TABLES[name]) for name in TABLES}
    years = sorted({r["fiscal_year"] for r in rows["documents"] if r["fiscal_year"]}, reverse=True)
    return Snapshot(tables, projects, unit_ids, tuple(years))


def snapshot(session: Session, user: UserRow, cache: AnalyticsCache) -> tuple[str, Snapshot]:
    """The tables of the documents of ``user``'s units now (from the cache when unchanged),
    and the cache key naming that state."""
    units = _units_of(user)
    versions = _visible_versions(session, units)
    state = repr((None if units is None else sorted(units), versions))
    key = "snapshot:" + hashlib.sha256(state.encode()).hexdigest()
    return key, cache.get(key, lambda: _build(session, [v[0] for v in versions], units))


def _literal(value: str | None) -> str:
    return "NULL" if value is None else "'" + value.replace("'", "''") + "'"


def _connect(snap: Snapshot, scope: Scope) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection whose corpus tables are the snapshot's, limited to ``scope``: its
    year, and (for a unit) the unit's projects and the documents that have one."""
    con = duckdb.connect()
    for name, table in snap.tables.items():
        con.register(f"all_{name}", table)
    year = "TRUE" if scope.year is None else f"fiscal_year = {int(scope.year)}"
    unit = "TRUE"
    docs = "TRUE"
    if scope.unit is not None:
        code, unit_name = scope.unit
        unit = (
            f"unit_code IS NOT DISTINCT FROM {_literal(code)} "
            f"AND unit_name IS NOT DISTINCT FROM {_literal(unit_name)}"
        )
        docs = f"doc_id IN (SELECT doc_id FROM all_projects WHERE {unit})"
    for name in ("units", "projects", "indicators"):
        con.execute(f"CREATE VIEW {name} AS SELECT * FROM all_{name} WHERE {year} AND {unit}")
    for name in ("documents", "findings"):
        con.execute(f"CREATE VIEW {name} AS SELECT * FROM all_{name} WHERE {year} AND {docs}")
    con.execute("CREATE VIEW failures AS SELECT * FROM all_failures")
    return con


def scope_stats(
    snap_key: str, snap: Snapshot, scope: Scope, cache: AnalyticsCache
) -> dict[str, StatTable]:
    """``stats_on`` (plus the within-unit reuse rows) over the snapshot limited to ``scope``."""

    def compute() -> dict[str, StatTable]:
        con = _connect(snap, scope)
        try:
            tables = {t.key: t for t in stats_on(con)}
            tables["reused_within_unit"] = reused_within_units(con)
            return tables
        finally:
            con.close()

    return cache.get((snap_key, scope), compute)
