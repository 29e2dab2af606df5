"""Repairs of a page's markup before lxml parses it: a table that lost its ``</table>``, and a
page cut off before its end.

libxml2 has no rule that ends a table at the text after it: with one ``</table>`` lost (a hand
edit, a page saved half-way), the heading and paragraphs that follow, and the next project's
table, all go inside the first table, and whole projects disappear from the reading without a
word. A browser's HTML5 parser also keeps them apart. So the table structure is followed tag
by tag, and a table is closed where content appears at table level (outside any row or cell)
or a new table starts there: that content can never belong to the table.

A page that opened ``<html>`` or ``<body>`` but closes neither was cut off (a broken download,
a save interrupted): whatever the last project's table held after the cut is missing, which
only a warning can say.
"""

from __future__ import annotations

import re

__all__ = ["close_lost_tables", "looks_truncated"]

_TOKEN = re.compile(r"<!--.*?(?:-->|$)|<(/?)([A-Za-z][A-Za-z0-9]*)\b[^>]*>", re.DOTALL)
_ENDS_TABLE = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "div", "ul", "ol", "pre", "blockquote"}
"""Tags at table level that start content outside the table."""
_CELLS = {"td", "th"}


def close_lost_tables(text: str) -> tuple[str, int]:
    """The page with a ``</table>`` put back wherever one was lost, and how many were."""
    stack: list[str] = []  # "table", "tr", "cell" from the outside in
    out: list[str] = []
    repaired = 0
    at = 0

    def close_table() -> None:
        nonlocal repaired
        out.append("</table>")
        repaired += 1
        stack.pop()

    for match in _TOKEN.finditer(text):
        between = text[at : match.start()]
        if stack and stack[-1] == "table" and between.strip():
            out.append(between[: len(between) - len(between.lstrip())])
            close_table()
            between = between.lstrip()
        out.append(between)
        at = match.end()
        closing, name = match.group(1), (match.group(2) or "").lower()
        if not name:  # a comment
            out.append(match.group(0))
            continue
        if not closing:
            if stack and stack[-1] == "table" and (name == "table" or name in _ENDS_TABLE):
                close_table()
            _open(stack, name)
        else:
            _close(stack, name)
        out.append(match.group(0))
    out.append(text[at:])
    return ("".join(out), repaired) if repaired else (text, 0)


def _open(stack: list[str], name: str) -> None:
    if name == "table":
        stack.append("table")
    elif name == "tr" and "table" in stack:
        while stack[-1] != "table":  # an open row or cell ends here, as in HTML
            stack.pop()
        stack.append("tr")
    elif name in _CELLS and "table" in stack:
        if stack[-1] == "cell":
            stack.pop()
        if stack[-1] == "table":
            stack.append("tr")
        if stack[-1] == "tr":
            stack.append("cell")


def _close(stack: list[str], name: str) -> None:
    wanted = {"table": "table", "tr": "tr", "td": "cell", "th": "cell"}.get(name)
    if wanted is None or wanted not in stack:
        return
    if wanted == "cell" and stack[-1] != "cell":
        return
    if wanted == "tr" and "table" in stack[len(stack) - stack[::-1].index("tr") :]:
        return  # a stray </tr> in a nested table that has no open row
    while stack and stack.pop() != wanted:
        pass


_OPENED = re.compile(rb"<(?:html|body)\b", re.IGNORECASE)
_CLOSED = re.compile(rb"</(?:html|body)\s*>", re.IGNORECASE)


def looks_truncated(text: str) -> bool:
    """The page opened ``<html>`` or ``<body>`` and closes neither: it was cut off."""
    raw = text.encode("utf-8", "surrogatepass")
    return _OPENED.search(raw) is not None and _CLOSED.search(raw) is None
