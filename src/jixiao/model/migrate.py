"""Bringing a jixiao document written by an older release to the current schema version.

``Document`` runs ``migrate_document`` on its input before validation, so every way in (a JSON
file, the database, the web API) reads old documents the same way. Each step is a function from
one version's plain data to the next one's; steps never lose information.

Version 1 → 2: version 2 only adds the optional lifecycle fields (``monitoring``,
``self_evaluation`` on projects and on the department), so a version-1 document is a valid
version-2 document once its ``schema_version`` says so. A document from a newer release is
refused with a message saying so, rather than read wrongly.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["CURRENT_VERSION", "STEPS", "migrate_document"]

CURRENT_VERSION = 2


def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    return {**data, "schema_version": "2"}


STEPS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _v1_to_v2}
"""version → the step that turns a document of that version into the next version."""


def migrate_document(data: Any) -> Any:
    """``data`` brought to the current version (anything not a dict is left to validation)."""
    if not isinstance(data, dict) or "schema_version" not in data:
        return data
    version = _version_of(data["schema_version"])
    if version > CURRENT_VERSION:
        raise ValueError(
            f"文档的数据格式版本是 {version}，比本程序支持的版本 {CURRENT_VERSION} 新，"
            "请升级 jixiao 后再读取"
        )
    while version < CURRENT_VERSION:
        data = STEPS[version](data)
        version += 1
    return data


def _version_of(value: Any) -> int:
    text = str(value).strip()
    if not text.isdigit() or int(text) < 1:
        raise ValueError(f"文档的数据格式版本“{value}”无法识别")
    return int(text)
