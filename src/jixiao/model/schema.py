"""The published JSON Schema of the jixiao document (``schemas/document.schema.json``).

Regenerate with ``python -m jixiao.model.schema > schemas/document.schema.json``; a test fails
when the committed file and the model disagree.
"""

from __future__ import annotations

import json
from typing import Any

from jixiao.model.document import SCHEMA_VERSION, Document

__all__ = ["document_schema", "document_schema_text"]

SCHEMA_ID = f"https://jixiao.org/schemas/document-v{SCHEMA_VERSION}.schema.json"


_DEF_NAMES = {"DocumentWarning": "Warning"}
"""Python names changed since the schema was published, mapped to their published names."""


def _published_names(node: Any) -> Any:
    if isinstance(node, dict):
        out: dict[str, Any] = {}
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                prefix, _, name = value.rpartition("/")
                value = f"{prefix}/{_DEF_NAMES.get(name, name)}"
            out[key] = _published_names(value)
        return out
    if isinstance(node, list):
        return [_published_names(item) for item in node]
    return node


def document_schema() -> dict[str, Any]:
    schema = Document.model_json_schema(mode="serialization")
    schema["$defs"] = {_DEF_NAMES.get(k, k): v for k, v in schema["$defs"].items()}
    schema = _published_names(schema)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "jixiao document",
        "description": "部门预算绩效信息（绩效目标）的开放数据格式，版本 " + SCHEMA_VERSION,
        **{k: v for k, v in schema.items() if k not in ("title", "description")},
    }


def document_schema_text() -> str:
    return json.dumps(document_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


if __name__ == "__main__":
    print(document_schema_text(), end="")
