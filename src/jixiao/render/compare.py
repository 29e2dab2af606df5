"""What a round trip through another format must preserve: everything but source locations.

``Document.source`` (file name, format, hash) and every ``source`` location (line numbers for
text, page/table/row/col for paged formats) necessarily differ between formats; all the rest —
titles, units, codes, names, exact amounts, plan, goals, every indicator field — must not.
"""

from __future__ import annotations

from typing import Any

from jixiao.model import Document

__all__ = ["comparable"]


def comparable(doc: Document) -> dict[str, Any]:
    data = doc.model_dump(mode="json")
    data.pop("source", None)
    for project in data["projects"]:
        project.pop("source", None)
        for indicator in project["indicators"]:
            indicator.pop("source", None)
    for warning in data["warnings"]:
        warning.pop("source", None)
    return data
