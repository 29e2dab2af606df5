"""The analytics pages: 统计分析 of a year (all visible units, or one) and of one unit over
the years, each number linked to the documents behind it."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import Response

from jixiao._exceptions import Forbidden
from jixiao.store.errors import NotFoundError
from jixiao.store.models import UnitRow, UserRow
from jixiao.web.deps import DB, CurrentUser, page
from jixiao.web.views.documents import form_year
from jixiao.workbench.analytics import (
    AnalyticsCache,
    Scope,
    Snapshot,
    UnitKey,
    scope_stats,
    snapshot,
)
from jixiao.workbench.search import search_documents

router = APIRouter(include_in_schema=False)

MEASURES = (("量化率", 6), ("含糊表述", 9), ("占位文字", 10))
"""The overview's percentages charted per unit (label, column of ``stats`` overview rows)."""

_DIFF_ROUTE = re.compile(r"^/documents/\{[^}]+\}/diff$")


def _paths(routes: Iterable[Any]) -> Iterator[str]:
    """Every route path of the app, also inside included routers (FastAPI keeps those as
    ``_IncludedRouter`` entries whose routes are on ``original_router``)."""
    for route in routes:
        path = getattr(route, "path", None)
        if isinstance(path, str):
            yield path
        inner = getattr(route, "original_router", None)
        if inner is not None:
            yield from _paths(inner.routes)


def diff_href(request: Request, document_id: int, against: int | None = None) -> str | None:
    """THE one place where analytics link to the year-over-year diff page.

    The 与上年对比 page (``/documents/{id}/diff?against=…``) lives in another module; the link
    is shown only when the running app has that route, so this page works with or without it.
    """
    if not any(_DIFF_ROUTE.match(path) for path in _paths(request.app.routes)):
        return None
    href = f"/documents/{document_id}/diff"
    return href if against is None else f"{href}?against={against}"


def docs_href(**params: Any) -> str:
    """The document list filtered by ``params`` (empty ones left out)."""
    query = {k: str(v) for k, v in params.items() if v is not None and v != ""}
    return "/?" + urlencode(query) if query else "/"


def _cache(request: Request) -> AnalyticsCache:
    state = request.app.state
    if not hasattr(state, "analytics"):
        state.analytics = AnalyticsCache()
    cache: AnalyticsCache = state.analytics
    return cache


def _unit(session: DB, user: UserRow, snap: Snapshot, unit_id: int) -> tuple[UnitRow, UnitKey]:
    """The unit, if ``user`` may see its statistics: a unit of a visible document (admins:
    any unit)."""
    row = session.get(UnitRow, unit_id)
    if row is None:
        raise NotFoundError(f"单位不存在（编号 {unit_id}）")
    key = snap.unit_key(unit_id)
    if key is None:
        if user.role != "admin":
            raise Forbidden("您无权查看该单位的统计")
        key = (row.code, row.name)
    return row, key


def _drift(request: Request, snap: Snapshot, rows: list[Any], keys: list[Any]) -> list[Any]:
    out = []
    for row, (d0, s0, d1, s1) in zip(rows, keys, strict=True):
        out.append(
            {
                "row": row,
                "old": snap.projects.get((d0, s0)),
                "new": snap.projects.get((d1, s1)),
                "diff": diff_href(request, int(d1), int(d0)),
            }
        )
    return out


def _chart_bar(title: str, labels: list[str], series: list[Any], links: list[str]) -> Any:
    return {
        "title": title,
        "links": links,
        "option": {
            "tooltip": {"trigger": "axis"},
            "legend": {"top": 0},
            "grid": {"top": 40, "bottom": 110, "left": 50, "right": 20},
            "xAxis": {
                "type": "category",
                "data": labels,
                "axisLabel": {"rotate": 30, "interval": 0, "width": 160, "overflow": "truncate"},
            },
            "yAxis": {"type": "value"},
            "series": series,
        },
    }


@router.get("/analytics")
def analytics_page(
    request: Request, session: DB, user: CurrentUser, year: str = "", unit: str = ""
) -> Response:
    cache = _cache(request)
    key, snap = snapshot(session, user, cache)
    chosen = form_year(year)
    if chosen is None and snap.years:
        chosen = snap.years[0]
    unit_row: UnitRow | None = None
    unit_key: UnitKey | None = None
    if unit.strip().isdigit():
        unit_row, unit_key = _unit(session, user, snap, int(unit))
    unit_id = None if unit_row is None else unit_row.id
    stats = scope_stats(key, snap, Scope(chosen, unit_key), cache)
    every_year = scope_stats(key, snap, Scope(None, unit_key), cache)

    overview: list[dict[str, Any]] = []
    for r in stats["overview"].rows:
        uid = snap.unit_id(r[1])
        overview.append(
            {
                "row": r,
                "unit_href": None if uid is None else f"/analytics/units/{uid}",
                "docs": docs_href(unit=uid, year=r[2]),
            }
        )
    findings: list[dict[str, Any]] = [
        {"row": r, "docs": docs_href(rule=r[0], year=chosen, unit=unit_id)}
        for r in stats["findings"].rows
    ]
    top_reused = [
        {"row": r, "docs": docs_href(indicator=r[0], value=r[1], year=chosen, unit=unit_id)}
        for r in stats["top_reused"].rows
    ]
    within = [
        {
            "row": r,
            "docs": docs_href(unit=snap.unit_id(r[1]), year=r[2], indicator=r[3], value=r[4]),
        }
        for r in stats["reused_within_unit"].rows
    ]
    drift_table = every_year["drift"]
    drift_pairs = [(r, k) for r, k in zip(drift_table.rows, drift_table.keys, strict=True)]
    drift_pairs = [(r, k) for r, k in drift_pairs if r[6] == chosen]
    drift = _drift(request, snap, [r for r, _ in drift_pairs], [k for _, k in drift_pairs])
    unchanged = [r for r in every_year["unchanged"].rows if r[0] == chosen]

    charts: list[Any] = []
    if overview:
        charts.append(
            _chart_bar(
                f"{chosen or ''} 年各单位：量化率、含糊表述、占位文字（%）",
                [str(o["row"][1]) for o in overview],
                [
                    {"name": name, "type": "bar", "data": [o["row"][i] for o in overview]}
                    for name, i in MEASURES
                ],
                [o["docs"] for o in overview],
            )
        )
    if findings:
        charts.append(
            _chart_bar(
                "各审核规则的意见条数",
                [str(f["row"][0]) for f in findings],
                [{"name": "意见条数", "type": "bar", "data": [f["row"][2] for f in findings]}],
                [f["docs"] for f in findings],
            )
        )
    return page(
        request,
        "analytics.html",
        user,
        years=snap.years,
        year=chosen,
        unit=unit_row,
        units=sorted(
            ((uid, k[1] or k[0] or "") for k, uid in snap.units.items()), key=lambda u: u[1]
        ),
        stats=stats,
        every_year=every_year,
        overview=overview,
        findings=findings,
        reuse=stats["reuse"].rows,
        top_reused=top_reused,
        within=within,
        drift=drift,
        unchanged=unchanged,
        charts=charts,
        all_docs=docs_href(year=chosen, unit=unit_id),
    )


@router.get("/analytics/units/{unit_id}")
def unit_analytics_page(request: Request, session: DB, user: CurrentUser, unit_id: int) -> Response:
    cache = _cache(request)
    key, snap = snapshot(session, user, cache)
    unit_row, unit_key = _unit(session, user, snap, unit_id)
    stats = scope_stats(key, snap, Scope(None, unit_key), cache)
    years = [{"row": r, "docs": docs_href(unit=unit_id, year=r[2])} for r in stats["overview"].rows]
    findings: list[dict[str, Any]] = [
        {"row": r, "docs": docs_href(rule=r[0], unit=unit_id)} for r in stats["findings"].rows
    ]
    within = [
        {"row": r, "docs": docs_href(unit=unit_id, year=r[2], indicator=r[3], value=r[4])}
        for r in stats["reused_within_unit"].rows
    ]
    drift = _drift(request, snap, stats["drift"].rows, stats["drift"].keys)
    documents: list[dict[str, Any]] = [
        {"row": d, "diff": diff_href(request, d.id)}
        for d in search_documents(session, user, unit_id=unit_id)
    ]
    documents.sort(key=lambda d: (-(d["row"].fiscal_year or 0), d["row"].id))
    charts: list[Any] = []
    if years:
        labels = [str(y["row"][2]) for y in years]
        charts.append(
            {
                "title": "各年度：量化率、含糊表述、占位文字（%）",
                "links": [y["docs"] for y in years],
                "option": {
                    "tooltip": {"trigger": "axis"},
                    "legend": {"top": 0},
                    "grid": {"top": 40, "bottom": 40, "left": 50, "right": 20},
                    "xAxis": {"type": "category", "data": labels},
                    "yAxis": {"type": "value"},
                    "series": [
                        {"name": name, "type": "line", "data": [y["row"][i] for y in years]}
                        for name, i in MEASURES
                    ],
                },
            }
        )
    return page(
        request,
        "analytics_unit.html",
        user,
        unit=unit_row,
        years=years,
        findings=findings,
        within=within,
        drift=drift,
        documents=documents,
        charts=charts,
        all_docs=docs_href(unit=unit_id),
    )
