"""Issue 9, item 6: ``jixiao.readers`` has one subpackage per input form, the layout building
blocks shared by the paged readers beside them, and no import circle between PDF and OCR
(the PDF reader hands scanned pages to OCR; OCR and the shared blocks never import the PDF
reader). Checked from the source, so a later import that closes the circle fails here."""

from __future__ import annotations

import ast
from pathlib import Path

import jixiao.readers

READERS = Path(jixiao.readers.__file__).parent
FORMS = ("text", "html", "docx", "xlsx", "pdf", "ocr", "office")


def _imports(package: str) -> set[str]:
    """Every ``jixiao.readers.*`` module imported anywhere in a subpackage (also inside
    functions and ``TYPE_CHECKING`` blocks)."""
    found: set[str] = set()
    for path in (READERS / package).glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                found.add(node.module)
            elif isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
    return {name for name in found if name.startswith("jixiao.readers.")}


def _subpackage(module: str) -> str:
    return module.split(".")[2]


def test_one_subpackage_per_form_and_the_shared_blocks() -> None:
    for name in (*FORMS, "paged"):
        assert (READERS / name / "__init__.py").is_file(), name
        assert not (READERS / f"{name}.py").exists(), f"readers/{name}.py beside readers/{name}/"


def test_no_import_circle_between_pdf_and_ocr() -> None:
    assert "pdf" not in {_subpackage(m) for m in _imports("ocr")}
    assert {_subpackage(m) for m in _imports("paged")} <= {"paged"}
    graph = {name: {_subpackage(m) for m in _imports(name)} - {name} for name in (*FORMS, "paged")}
    for start in graph:  # no subpackage reaches itself through the others
        seen: set[str] = set()
        todo = list(graph[start])
        while todo:
            here = todo.pop()
            assert here != start, f"import circle through readers.{start}"
            if here not in seen and here in graph:
                seen.add(here)
                todo += graph[here]
