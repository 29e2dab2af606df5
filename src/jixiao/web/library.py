"""The indicator library in the workbench: suggestions while a 三级指标 is typed.

The library is the file named by ``JIXIAO_LIBRARY`` (made by ``jixiao library build``) or,
without one, built from every indicator in the database — one query, rebuilt when the stored
indicators change (their count or newest id). Suggestions carry only names and value
statistics (never which units wrote them), so every signed-in user may ask.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jixiao.library.build import build_library
from jixiao.library.model import Library, load_library
from jixiao.library.peers import hint
from jixiao.library.sources import records_from_store
from jixiao.store.models import IndicatorRow
from jixiao.web.deps import DB, CurrentUser

__all__ = ["router", "workbench_library"]

router = APIRouter(prefix="/api/library", tags=["api"])

_lock = threading.Lock()
_cached: dict[str, Any] = {}


def workbench_library(session: Session) -> Library:
    """The configured library file, or the one built from the database (cached)."""
    configured = os.environ.get("JIXIAO_LIBRARY", "").strip()
    if configured:
        try:
            stamp_file: int | None = Path(configured).stat().st_mtime_ns
        except OSError:
            stamp_file = None  # load_library says what is wrong, in Chinese
        key: tuple[Any, ...] = ("file", configured, stamp_file)
    else:
        stamp = session.execute(
            select(func.count(IndicatorRow.id), func.max(IndicatorRow.id))
        ).one()
        key = ("db", str(session.get_bind().engine.url), *stamp)
    with _lock:
        cached_key = _cached.get("key")
        if cached_key == key and key[-1] is not None:
            library: Library = _cached["library"]
            return library
    if configured:
        library = load_library(Path(configured))
    else:
        library = build_library(records_from_store(session), sources=["工作台数据库"])
    with _lock:
        _cached.update(key=key, library=library)
    return library


class Suggestion(BaseModel):
    name: str
    variants: list[str]
    """Every spelling counted with it (the first is ``name``)."""
    level1: str
    level2: str
    count: int
    units: int
    typical: str | None
    hint: str


class Suggestions(BaseModel):
    items: list[Suggestion]


@router.get("/suggest", response_model=Suggestions)
def suggest(
    session: DB,
    user: CurrentUser,
    q: Annotated[str, Query(max_length=100, description="已输入的三级指标名称")] = "",
    limit: Annotated[int, Query(ge=1, le=20)] = 8,
) -> Suggestions:
    library = workbench_library(session)
    exact = library.lookup(q) if q.strip() else None
    entries = library.search(q, limit)
    if exact is not None and exact not in entries:
        entries = [exact, *entries][:limit]
    return Suggestions(
        items=[
            Suggestion(
                name=e.name,
                variants=list(e.variants),
                level1=e.level1,
                level2=e.level2,
                count=e.count,
                units=e.units,
                typical=e.values[0].typical if e.values else None,
                hint=hint(e),
            )
            for e in entries
        ]
    )
