"""Where the edits of a fix point: paths into the document (``projects[0].indicators[3].level1``).

Not a rule module: it defines no ``Rule`` class, so the registry imports it and finds nothing.
The paths are those ``jixiao.review.fixes`` applies edits at; a finding's own ``field`` is
relative to its project (``indicators[3].level1``) and does not use these.
"""

from __future__ import annotations

__all__ = ["indicator_path"]


def indicator_path(position: int, index: int, field: str | None = None) -> str:
    """The path of row ``index`` of project ``position`` (``projects[0].indicators[3]``), or of
    one of its fields (``projects[0].indicators[3].value_text``)."""
    path = f"projects[{position}].indicators[{index}]"
    return f"{path}.{field}" if field else path
