"""Where the edits of a fix point: paths into the document (``projects[0].indicators[3].level1``).

Not a rule module: it defines no ``Rule`` class, so the registry imports it and finds nothing.
The paths are those ``jixiao.review.fixes`` applies edits at; a finding's own ``field`` is
relative to its project (``indicators[3].level1``) and does not use these.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from jixiao.model import Document, Indicator, Project

__all__ = ["indicator_path", "indicator_rows", "project_position"]


def project_position(
    doc: Document, project: Project, cache: dict[str, Any] | None = None
) -> int | None:
    """The project's index in ``doc.projects`` (``None`` if it is not one of them).

    With a ``cache`` (a rule's ``ReviewContext.cache``) the positions are indexed once per
    document, so a rule asking for every project stays linear; a stale entry is never trusted.
    """
    if cache is not None:
        known = cache.get("project_positions")
        if known is None or known[0] is not doc:
            known = (doc, {id(p): i for i, p in enumerate(doc.projects)})
            cache["project_positions"] = known
        position = known[1].get(id(project))
        projects = doc.projects
        if position is not None and position < len(projects) and projects[position] is project:
            return position
    return next((i for i, p in enumerate(doc.projects) if p is project), None)


def indicator_path(position: int, index: int, field: str | None = None) -> str:
    """The path of row ``index`` of project ``position`` (``projects[0].indicators[3]``), or of
    one of its fields (``projects[0].indicators[3].value_text``)."""
    path = f"projects[{position}].indicators[{index}]"
    return f"{path}.{field}" if field else path


def indicator_rows(doc: Document) -> Iterator[tuple[int, Project, int, Indicator]]:
    """Every indicator row as (project position, project, row index, indicator)."""
    for position, project in enumerate(doc.projects):
        for index, indicator in enumerate(project.indicators):
            yield position, project, index, indicator
