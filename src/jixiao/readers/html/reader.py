"""Reader for saved web pages (HTML, and MHTML archives): bytes → the intermediate layout.

MHTML is unpacked first (``mhtml``), then the page's encoding is found (``charset``), the
page parsed with lxml and its furniture removed (``tree``), and the body walked into
paragraphs and tables (``walker``, ``grid``). A page with no text at all is refused here;
a page with text but no 绩效目标表 is for the assembler to judge (it may hold indicators
written as sentences).
"""

from __future__ import annotations

from jixiao._exceptions import ReadError
from jixiao.layout import Layout, LayoutWarning
from jixiao.readers.html.charset import decode_page
from jixiao.readers.html.mhtml import unpack_mhtml
from jixiao.readers.html.repair import close_lost_tables, looks_truncated
from jixiao.readers.html.tree import parse_page
from jixiao.readers.html.walker import read_body

__all__ = ["read_html", "read_mhtml"]


def read_html(data: bytes, *, source: str, charset: str | None = None) -> Layout:
    """The layout of an HTML page (``charset``: one declared outside the page, e.g. by MHTML)."""
    page = decode_page(data, source=source, container=charset)
    text, _ = close_lost_tables(page.text)
    layout = read_body(parse_page(text, source=source), source=source)
    if not layout.blocks:
        raise ReadError(
            "网页中没有任何文字或表格内容",
            source=source,
            hint="请在浏览器中确认网页已完整加载（有些网页的表格由脚本生成），"
            "再另存为“网页，全部”或“网页，单个文件”；也可将表格复制到 Word 或 Excel 中保存后读取。",
        )
    if page.warning:
        layout.warnings.insert(0, LayoutWarning("html_charset", page.warning))
    if looks_truncated(page.text):
        layout.warnings.append(
            LayoutWarning(
                "html_truncated",
                "网页文件不完整（缺少结尾部分，可能未完整下载或保存），"
                "最后一个表格的内容可能缺失，请核对原网页",
            )
        )
    return layout


def read_mhtml(data: bytes, *, source: str) -> Layout:
    """The layout of the page inside an MHTML (``.mht``/``.mhtml``) archive."""
    part = unpack_mhtml(data, source=source)
    return read_html(part.data, source=source, charset=part.charset)
