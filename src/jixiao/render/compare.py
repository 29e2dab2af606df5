"""What a round trip through another format must preserve: everything but the source.

``Document.source`` (file name, format, hash), every ``source`` location (line numbers for
text, page/table/row/col for paged formats) and ``form_lacks`` (the parts the source form
has no place for: a renderer leaves an empty part out) necessarily differ between formats; all
the rest — titles, units, codes, names, exact amounts, plan, goals, every indicator field —
must not.
"""

from __future__ import annotations

from typing import Any

from jixiao.model import Document

__all__ = ["comparable"]


def comparable(doc: Document) -> dict[str, Any]:
    data = doc.model_dump(mode="json")
    data.pop("source", None)
    data["department"].pop("form_lacks", None)
    for project in data["projects"]:
        project.pop("source", None)
        project.pop("form_lacks", None)
        for indicator in project["indicators"]:
            indicator.pop("source", None)
    for warning in data["warnings"]:
        warning.pop("source", None)
    return data
