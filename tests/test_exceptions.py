"""The exception tree is written down twice (the top of ``_exceptions.py`` and
``docs/errors.md``) and both must be the classes as they are, with the status and exit code
each carries (like httpx's test of its exported members)."""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

import jixiao
from jixiao import _exceptions
from jixiao._exceptions import JixiaoError

DOC = Path(__file__).parent.parent / "docs" / "errors.md"
_TREE_LINE = re.compile(r"^(?P<prefix>(?:[│ ] {3})*(?:[├└]── )?)(?P<name>[A-Z]\w+)\b")


def _all_error_classes() -> dict[str, type[JixiaoError]]:
    for info in pkgutil.walk_packages(jixiao.__path__, "jixiao."):
        if not info.name.endswith("__main__") and ".migrations" not in info.name:
            importlib.import_module(info.name)
    found: dict[str, type[JixiaoError]] = {}
    todo: list[type[JixiaoError]] = [JixiaoError]
    while todo:
        cls = todo.pop()
        assert cls.__name__ not in found, f"two error classes named {cls.__name__}"
        found[cls.__name__] = cls
        todo.extend(cls.__subclasses__())
    return found


def _tree(text: str) -> dict[str, str | None]:
    """Each class of a drawn tree with its parent (``None`` for the root)."""
    block = text.split("    JixiaoError", 1)[1].split("\n\n", 1)[0]
    parents: dict[str, str | None] = {}
    stack: list[str] = []
    for line in ("    JixiaoError" + block).splitlines():
        found = _TREE_LINE.match(line[4:])
        assert found, f"not a tree line: {line!r}"
        depth = len(found["prefix"]) // 4
        del stack[depth:]
        parents[found["name"]] = stack[-1] if stack else None
        stack.append(found["name"])
    return parents


def test_the_tree_in_the_module_is_the_classes() -> None:
    classes = _all_error_classes()
    actual = {
        name: (None if cls is JixiaoError else cls.__bases__[0].__name__)
        for name, cls in classes.items()
    }
    assert _tree(_exceptions.__doc__ or "") == actual


def test_the_docs_show_the_same_tree_and_each_status() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert _tree(text) == _tree(_exceptions.__doc__ or "")
    rows = {
        found[1]: (int(found[2]), int(found[3]))
        for found in re.finditer(r"^\| `(\w+)` \| (\d+) \| (\d+) \|", text, re.M)
    }
    assert rows == {
        name: (cls.http_status, cls.exit_code) for name, cls in _all_error_classes().items()
    }


def test_statuses_are_the_contract() -> None:
    classes = _all_error_classes()
    assert classes["Forbidden"].http_status == 403
    assert classes["InvalidInput"].http_status == 400
    assert classes["StatusConflict"].http_status == 409
    assert classes["ConflictError"].http_status == 409
    assert classes["NotFoundError"].http_status == 404
    assert {cls.exit_code for cls in classes.values()} <= {1, 2}  # 3: findings, 4: internal


def test_exported_members() -> None:
    defined = {
        name
        for name, value in vars(_exceptions).items()
        if not name.startswith("_") and getattr(value, "__module__", None) == _exceptions.__name__
    }
    assert set(_exceptions.__all__) == defined


def test_message_and_hint_once() -> None:
    err = JixiaoError("无法读取", source="a.docx", hint="请检查文件。")
    assert err.detail == "a.docx：无法读取"
    assert str(err) == "a.docx：无法读取\n处理建议：请检查文件。"
