"""The page as an lxml tree, with the furniture that is not the document taken out.

lxml's HTML parser (libxml2) is fast and forgiving of the broken markup portals and Word
produce (unclosed ``<p>`` and ``<td>``, stray ``</div>``, Office namespaces). The text is
re-encoded to UTF-8 and the parser told so, so a page's own (possibly wrong) declaration is
never applied a second time. libxml2 stops at 256 levels of nesting (a bound on memory and on
the walker's recursion); a deeper page is refused rather than read with its inner part lost.
Then what a reader of the page does not read as the document is removed: scripts, styles,
forms' controls, hidden elements, and navigation furniture (``nav``, ``aside``, a page-level
``header``/``footer``, and blocks whose class or id names them as navigation, breadcrumbs,
menus or footers, unless they hold a table).
"""

from __future__ import annotations

import re
from typing import Any

import lxml.etree

from jixiao._exceptions import ReadError

__all__ = ["Element", "parse_page"]

Element = Any
"""An lxml element (typed as Any so the reader also checks without lxml's stubs). The plain
``lxml.etree`` HTML parser is used, not ``lxml.html``: its per-element class lookup costs about
a third of the reading time and none of its helpers is needed."""

_DROP = {
    "script",
    "style",
    "noscript",
    "template",
    "head",
    "iframe",
    "object",
    "embed",
    "svg",
    "math",
    "canvas",
    "select",
    "button",
    "textarea",
    "nav",
    "aside",
    "dialog",
}
_PAGE_FURNITURE = {"header", "footer"}
"""Dropped unless inside an ``article`` or ``main`` (where they frame the document itself)."""
_FURNITURE_WORDS = {
    "nav",
    "navbar",
    "navigation",
    "menu",
    "menubar",
    "breadcrumb",
    "breadcrumbs",
    "crumb",
    "crumbs",
    "footer",
    "copyright",
    "sidebar",
    "topbar",
    "toolbar",
    "share",
    "position",
    "location",
}
_WORDS = re.compile(r"[A-Za-z]+")
_HIDDEN_STYLE = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*hidden|mso-hide\s*:\s*all", re.IGNORECASE
)


def parse_page(text: str, *, source: str) -> Element:
    """The ``<body>`` of the page, furniture removed. Raises ``ReadError`` if unparsable."""
    parser = lxml.etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
    try:
        root = lxml.etree.fromstring(text.encode("utf-8", "surrogatepass"), parser=parser)
    except Exception:  # lxml's ParserError, XMLSyntaxError, ValueError on odd input
        raise ReadError(
            "网页内容为空或无法解析",
            source=source,
            hint="请在浏览器中打开该网页确认内容完整，然后另存为“网页，仅 HTML”后再读取。",
        ) from None
    if any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log):
        raise ReadError(
            "网页的标签嵌套层次过深（超过 256 层），无法可靠读取",
            source=source,
            hint="绩效目标网页通常只有几十层；请在浏览器中打开该网页，"
            "将表格复制到 Word 或 Excel 中保存后读取。",
        )
    if root is None:  # only blank space or a bare doctype
        raise ReadError(
            "网页中没有任何文字或表格内容",
            source=source,
            hint="请在浏览器中确认网页已完整加载，再另存为“网页，全部”或“网页，单个文件”。",
        )
    body = root.find("body")
    if body is None:
        body = root
    _prune(body)
    return body


def _prune(body: Element) -> None:
    doomed = [el for el in body.iter() if isinstance(el.tag, str) and _is_furniture(el)]
    for el in doomed:
        parent = el.getparent()
        if parent is None or not _attached(el, body):
            continue
        _drop(el, parent)


def _drop(el: Element, parent: Element) -> None:
    """Remove ``el`` and its content, keeping the text that follows it (its tail)."""
    tail = el.tail or ""
    previous = el.getprevious()
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def _attached(el: Element, body: Element) -> bool:
    """Still in the tree (an ancestor may already have been dropped)."""
    node = el
    while node is not None:
        if node is body:
            return True
        node = node.getparent()
    return False


def _is_furniture(el: Element) -> bool:
    tag = el.tag.lower()
    if tag in _DROP:
        return True
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    if _HIDDEN_STYLE.search(el.get("style") or ""):
        return True
    if (el.get("role") or "").lower() == "navigation":
        return True
    if tag in _PAGE_FURNITURE:
        return not any(a.tag in ("article", "main") for a in el.iterancestors())
    if tag in ("td", "th", "tr", "table", "tbody", "thead", "tfoot"):
        return False
    words = {w.lower() for w in _WORDS.findall(f"{el.get('class') or ''} {el.get('id') or ''}")}
    if words & _FURNITURE_WORDS:
        return el.find(".//table") is None
    return False
