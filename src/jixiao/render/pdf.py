"""The document as a PDF in the official layout: the HTML page typeset by WeasyPrint.

WeasyPrint (pip, on the system's Pango) gives the same bytes for the same input, supports CSS
paged media (A4, page numbers, header rows repeated on every page) and embeds subsets of the
fonts it uses (see ``docs/rendering.md`` for why not LibreOffice). Chinese needs a CJK font:
the system's, else the one jixiao's dependencies ship (``jixiao.render.fonts``). Without any,
every character would print as an empty box, so rendering stops with a clear error instead of
writing such a file.
"""

from __future__ import annotations

import functools
import logging
import warnings
from typing import Any

from jixiao._exceptions import JixiaoError
from jixiao.model import Document
from jixiao.render.fonts import ENV_VAR, PdfFont, choose_pdf_font, font_css
from jixiao.render.html import render_html
from jixiao.textutil import is_cjk

__all__ = ["html_to_pdf", "render_pdf"]

_FONT_HINT = (
    "jixiao 自带的中文字体（软件包 justmytype-intl-cjk）未安装或已损坏，请重新安装 jixiao；"
    "或安装系统中文字体，例如 Debian/Ubuntu：sudo apt-get install fonts-noto-cjk；"
    f"或用环境变量 {ENV_VAR} 指定字体文件（.ttf）。"
)


class _MissingGlyphs(logging.Handler):
    """Collects the characters WeasyPrint reports as printed with the .notdef glyph."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.codepoints: set[int] = set()

    def emit(self, record: logging.LogRecord) -> None:
        args = record.args if isinstance(record.args, tuple) else ()
        if ".notdef" in str(record.msg) and len(args) >= 2 and isinstance(args[1], int):
            self.codepoints.add(args[1])


def render_pdf(doc: Document) -> bytes:
    """PDF bytes; raises ``JixiaoError`` (Chinese) if WeasyPrint or a CJK font is missing."""
    return html_to_pdf(render_html(doc))


def html_to_pdf(page: str) -> bytes:
    """Any of jixiao's printable HTML pages typeset as PDF, with a CJK font checked."""
    weasyprint = _weasyprint()
    font = choose_pdf_font()
    if (font is None or font.path is None) and not _has_fonts():
        raise JixiaoError("系统中没有任何字体，无法生成 PDF", hint=_FONT_HINT)
    if font is None:
        raise JixiaoError("未找到可用的中文字体，无法生成 PDF", hint=_FONT_HINT)
    html = _with_font(page, font)
    logger = logging.getLogger("weasyprint")
    handler = _MissingGlyphs()
    logger.addHandler(handler)
    try:
        from weasyprint.text.fonts import FontConfiguration  # type: ignore[import-untyped]

        document = weasyprint.HTML(string=html).render(font_config=FontConfiguration())
        pdf: bytes = document.write_pdf()
    finally:
        logger.removeHandler(handler)
    missing = set(handler.codepoints)
    for font in getattr(document, "fonts", {}).values():
        missing.update(getattr(font, "missing", {}))
    cjk = sorted(chr(c) for c in missing if is_cjk(chr(c)))
    if cjk:
        sample = "".join(cjk[:10])
        raise JixiaoError(
            f"未找到可用的中文字体，无法生成 PDF（“{sample}”等字会显示为方框）",
            hint=_FONT_HINT,
        )
    return pdf


def _with_font(html: str, font: PdfFont) -> str:
    """The page with the chosen font first (the HTML output itself stays font-neutral)."""
    return html.replace("</head>", f"<style>\n{font_css(font)}</style>\n</head>", 1)


@functools.cache
def _has_fonts() -> bool:
    """Whether fontconfig knows any font: with none at all, Pango crashes the process."""
    try:
        from weasyprint.text.ffi import ffi, fontconfig  # type: ignore[import-untyped]

        config = ffi.gc(fontconfig.FcInitLoadConfigAndFonts(), fontconfig.FcConfigDestroy)
        fonts = fontconfig.FcConfigGetFonts(config, fontconfig.FcSetSystem)
        return bool(fonts != ffi.NULL and fonts.nfont > 0)
    except (ImportError, AttributeError):  # WeasyPrint changed its internals: do not block
        return True


def _weasyprint() -> Any:
    try:
        with warnings.catch_warnings():  # "no fonts" is checked and reported in Chinese
            warnings.filterwarnings("ignore", message=".*FontConfig", category=UserWarning)
            import weasyprint  # type: ignore[import-untyped]
    except ImportError:
        raise JixiaoError(
            "生成 PDF 需要 WeasyPrint，但尚未安装",
            hint="请运行 pip install jixiao[pdf]。",
        ) from None
    except OSError:  # the Python package is there but the system's Pango is not
        raise JixiaoError(
            "生成 PDF 需要系统库 Pango，但未找到",
            hint="Debian/Ubuntu：sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 "
            "libharfbuzz-subset0 fonts-noto-cjk",
        ) from None
    return weasyprint
