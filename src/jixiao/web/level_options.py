"""The editor's 一级/二级 indicator menus: the framework's labels as pages offer them, and each
menu's ``<option>`` list rendered once per selected label (a project of 20 indicators showed
the whole framework 40 times; rendering it in Jinja was the larger part of the editor's page).
"""

from __future__ import annotations

import functools

from markupsafe import Markup, escape

from jixiao.model.categories import FRAMEWORK, LEVEL1

__all__ = ["framework_labels", "level1_options", "level2_options"]


@functools.cache
def framework_labels() -> dict[str, list[str]]:
    """一级 label → its 二级 labels, one label per category code (as pages offer them)."""
    out: dict[str, list[str]] = {}
    for label, code in LEVEL1.items():
        if code == "effect" and label != "效益":
            continue
        seen: set[str] = set()
        level2 = []
        for name, code2 in FRAMEWORK[code].items():
            if code2 not in seen:
                seen.add(code2)
                level2.append(f"{name}指标")
        out[f"{label}指标"] = level2
    return out


def _option(label: str, selected: bool) -> str:
    return f"<option{' selected' if selected else ''}>{escape(label)}</option>"


@functools.lru_cache(maxsize=1024)
def level1_options(current: str | None) -> Markup:
    """The 一级 menu with ``current`` selected; a label outside the framework (as read from a
    file) first, selected, so saving the form keeps it."""
    framework = framework_labels()
    extra = _option(current, True) if current is not None and current not in framework else ""
    return Markup(extra + "".join(_option(l1, l1 == current) for l1 in framework))


@functools.lru_cache(maxsize=1024)
def level2_options(current: str | None) -> Markup:
    """The 二级 menu grouped by 一级, with ``current`` selected (kept first when outside)."""
    framework = framework_labels()
    known = {l2 for l2s in framework.values() for l2 in l2s}
    extra = _option(current, True) if current is not None and current not in known else ""
    groups = (
        f'<optgroup label="{escape(l1)}">'
        + "".join(_option(l2, l2 == current) for l2 in l2s)
        + "</optgroup>"
        for l1, l2s in framework.items()
    )
    return Markup(extra + "".join(groups))
