"""The demo: the four seed documents and two demo users (a unit user and a reviewer).

A seed with shipped example actuals (``000_运行监控填报.xlsx``, ``000_绩效自评填报.xlsx``) is
stored with them attached, so the demo shows monitoring lights and self-evaluation scores."""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files

from sqlalchemy import select
from sqlalchemy.orm import Session

from jixiao.model import Document
from jixiao.reading import read_bytes
from jixiao.review import review
from jixiao.store.audit import record_change
from jixiao.store.convert import save_review, store_document, unit_row
from jixiao.store.db import commit
from jixiao.store.models import DocumentRow, Role, UnitRow, UserRow
from jixiao.workbench.auth import create_user

__all__ = ["DEMO_USERS", "DemoUser", "seed_documents", "setup_demo", "with_example_actuals"]

ACTUALS = ("运行监控填报.xlsx", "绩效自评填报.xlsx")


@dataclass(frozen=True)
class DemoUser:
    username: str
    password: str
    role: Role
    display_name: str


DEMO_USERS = (
    DemoUser("danwei", "danwei-demo", "unit_filler", "示例单位填报人"),
    DemoUser("shenhe", "shenhe-demo", "reviewer", "示例审核人"),
    DemoUser("admin", "admin-demo", "admin", "示例管理员"),
)


def seed_documents() -> list[tuple[str, bytes, Document]]:
    """The built-in example files: name, bytes and the read document."""
    examples = files("jixiao") / "examples"
    out = []
    for entry in sorted(examples.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".txt"):
            data = entry.read_bytes()
            out.append((entry.name, data, read_bytes(data, name=entry.name)))
    return out


def with_example_actuals(name: str, doc: Document) -> Document:
    """``doc`` with the example actuals shipped for its seed (same prefix), if any, read by
    the same reader as ``jixiao monitor --actuals``."""
    from jixiao.lifecycle.actuals import apply_actuals

    examples = files("jixiao") / "examples"
    prefix = name.split("_", 1)[0]
    for suffix in ACTUALS:
        entry = examples / f"{prefix}_{suffix}"
        if entry.is_file():
            doc, _, _ = apply_actuals(doc, entry.read_bytes(), entry.name)
    return doc


def setup_demo(session: Session, *, load_seeds: bool = True) -> list[DemoUser]:
    """Load the seeds (once: a seed already stored is skipped) and create the demo users
    (once), assigned to the seeds' units. Committed; returns the demo users created now."""
    seeds = seed_documents()
    units: list[UnitRow] = []
    for name, _, doc in seeds:
        for project in doc.projects:
            unit = unit_row(session, project.unit)
            if unit is not None and unit not in units:
                units.append(unit)
        if load_seeds:
            known = session.scalars(
                select(DocumentRow.id).where(DocumentRow.source_sha256 == doc.source.sha256)
            ).first()
            if known is None:
                row = store_document(session, with_example_actuals(name, doc))
                save_review(session, row.id, review(doc))
                record_change(
                    session, row, None, "载入示例", {"source_name": {"old": None, "new": name}}
                )
    session.flush()
    created = []
    for demo in DEMO_USERS:
        exists = session.scalars(select(UserRow).where(UserRow.username == demo.username)).first()
        if exists is None:
            create_user(
                session,
                demo.username,
                demo.password,
                demo.role,
                display_name=demo.display_name,
                units=[] if demo.role == "admin" else units,
            )
            created.append(demo)
    commit(session)
    return created
