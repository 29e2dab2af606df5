"""The warning codes registry (``model/warning_codes.py``) is every code the readers and the
assembler emit, no more, and ``docs/document-model.md`` shows it as it is."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from jixiao.model.warning_codes import WARNING_CODES, warning_table

ROOT = Path(__file__).parent.parent
SOURCES = ROOT / "src" / "jixiao"
DOC = ROOT / "docs" / "document-model.md"
_CODE = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)+")
_WARNING_CALLS = {"LayoutWarning", "DocumentWarning", "_warn", "warn"}


def _emitted() -> dict[str, str]:
    """Each literal warning code in the sources, with where it first appears."""
    found: dict[str, str] = {}
    for path in sorted(SOURCES.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name not in _WARNING_CALLS:
                continue
            code = next((k.value for k in node.keywords if k.arg == "code"), None)
            if code is None and node.args:
                code = node.args[0]
            literal = isinstance(code, ast.Constant) and isinstance(code.value, str)
            if literal and _CODE.fullmatch(code.value):  # not a message passed first
                found.setdefault(code.value, f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_every_emitted_code_is_registered() -> None:
    emitted = _emitted()
    missing = {code: where for code, where in emitted.items() if code not in WARNING_CODES}
    assert not missing, f"add these to model/warning_codes.py: {missing}"
    assert set(WARNING_CODES) == set(emitted), "registered but never emitted"


def test_codes_are_snake_case_with_chinese_meanings() -> None:
    for code, meaning in WARNING_CODES.items():
        assert _CODE.fullmatch(code)
        assert re.search(r"[\u4e00-\u9fff]", meaning), code


def test_the_model_docs_show_the_registry() -> None:
    text = DOC.read_text(encoding="utf-8")
    shown = text.split("<!-- warning-codes -->\n", 1)[1].split("<!-- /warning-codes -->", 1)[0]
    assert shown == warning_table(), (
        "docs/document-model.md is stale: paste `python -m jixiao.model.warning_codes` "
        "between the warning-codes markers"
    )
