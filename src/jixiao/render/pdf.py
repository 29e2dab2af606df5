"""The document as a PDF in the official layout: written directly, or typeset by WeasyPrint.

``render_pdf`` lays the 绩效目标表 document out itself (``pdf_document``, ``pdf_layout``) and
writes the PDF objects with a HarfBuzz font subset (``pdf_write``, ``pdf_font``): ≈3.4 ms of
CPU per project instead of WeasyPrint's ≈100 ms, with the layout of the HTML page
(``docs/rendering.md``). WeasyPrint (pip, on the system's Pango) still typesets the other
printable pages (``html_to_pdf``: the lifecycle tables), the same document with
``engine="weasyprint"``, and any document with a character the chosen font lacks: Pango then
finds it in another installed font, as before. Chinese needs a CJK font: the system's, else the
one jixiao's dependencies ship (``jixiao.render.fonts``). Without any, every character would
print as an empty box, so rendering stops with a clear error instead of writing such a file.
"""

from __future__ import annotations

import functools
import logging
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

from jixiao._exceptions import JixiaoError
from jixiao.model import Document
from jixiao.render.fonts import (
    BUNDLED_FAMILY,
    ENV_VAR,
    PdfFont,
    choose_pdf_font,
    font_css,
    font_file,
    has_any_font,
)
from jixiao.render.html import render_html
from jixiao.render.pdf_document import lay_out
from jixiao.render.pdf_font import harfbuzz_available, load_font
from jixiao.render.pdf_text import Measure
from jixiao.render.pdf_write import used_glyphs, write_pdf
from jixiao.textutil import is_cjk

__all__ = ["Engine", "html_to_pdf", "render_pdf"]

Engine = Literal["direct", "weasyprint"]

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


def render_pdf(doc: Document, *, engine: Engine = "direct") -> bytes:
    """PDF bytes; raises ``JixiaoError`` (Chinese) if no CJK font (or WeasyPrint) is there.

    ``engine="weasyprint"`` typesets the HTML page instead (the renderer before the direct
    writer, about 30 times slower); the direct writer also hands over to it when HarfBuzz cannot be
    loaded or the font lacks a character of the document."""
    if engine == "direct":
        font = _font_or_error(has_any_font)
        pdf = _direct(doc, font)
        if pdf is not None:
            return pdf
    return html_to_pdf(render_html(doc))


def _direct(doc: Document, font: PdfFont) -> bytes | None:
    """The direct writer's PDF, or None when WeasyPrint has to do it."""
    located = font_file(font)
    if located is None or not harfbuzz_available():
        return None
    try:
        measure = _measure(*located)
    except (OSError, ValueError):
        return None  # not a font HarfBuzz reads: WeasyPrint reports it
    pages = lay_out(doc, measure)
    glyphs = used_glyphs(pages, measure.font)
    if any(gid == 0 for gid in glyphs.values()):
        return None  # a character the font lacks: Pango falls back to other fonts
    name = BUNDLED_FAMILY if font.path is not None else measure.font.postscript_name
    return write_pdf(pages, measure.font, glyphs, name=name, title=doc.title or "部门预算绩效信息")


@functools.cache
def _measure(path: Path, index: int) -> Measure:
    """One font, with its width cache, per file for the process (filled as text is met)."""
    return Measure(load_font(path, index))


def _font_or_error(has_fonts: Callable[[], bool]) -> PdfFont:
    """The chosen CJK font; a Chinese error when there is none (or no font at all)."""
    font = choose_pdf_font()
    if (font is None or font.path is None) and not has_fonts():
        raise JixiaoError("系统中没有任何字体，无法生成 PDF", hint=_FONT_HINT)
    if font is None:
        raise JixiaoError("未找到可用的中文字体，无法生成 PDF", hint=_FONT_HINT)
    return font


def html_to_pdf(page: str) -> bytes:
    """Any of jixiao's printable HTML pages typeset as PDF, with a CJK font checked."""
    weasyprint = _weasyprint()
    font = _font_or_error(_has_fonts)
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
