"""The CJK font for PDFs: the bundled one (justmytype-intl-cjk) works where the system has none.

The bare-machine case is simulated by pointing fontconfig at an empty configuration in a child
process. Each PDF is checked three ways: the embedded font (pypdf), the extracted text, and the
pixels of the rendered first page with two renderers (poppler's pdftoppm and PDFium through
pypdfium2), because a CFF CJK font can extract fine and still render blank.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pypdf
import pypdfium2
import pytest
from fontTools.ttLib import TTFont
from PIL import Image

from jixiao._exceptions import JixiaoError
from jixiao.render import fonts
from tests.conftest import SEEDS

HEADING = "部门整体绩效目标"


def _bare_fontconfig(tmp_path: Path) -> Path:
    """A fontconfig configuration that knows no font at all."""
    empty = tmp_path / "no-fonts"
    empty.mkdir()
    config = tmp_path / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?><fontconfig>'
        f"<dir>{empty}</dir><cachedir>{tmp_path / 'fc-cache'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    return config


def _render(tmp_path: Path, **env: str) -> tuple[subprocess.CompletedProcess[str], Path]:
    out = tmp_path / "out.pdf"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "jixiao",
            "render",
            str(SEEDS["002"]),
            "--to",
            "pdf",
            "-o",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **env},
    )
    return result, out


def _embedded_fonts(pdf: Path) -> dict[str, bool]:
    """Embedded font names (subset prefix dropped) -> whether it is embedded as TrueType."""
    found: dict[str, bool] = {}
    for page in pypdf.PdfReader(pdf).pages:
        resources = page.get("/Resources")
        font_dict = resources.get_object().get("/Font") if resources else None
        for ref in (font_dict.get_object() if font_dict else {}).values():
            font = ref.get_object()
            descendants = font.get("/DescendantFonts")
            target = descendants[0].get_object() if descendants else font
            descriptor = target["/FontDescriptor"].get_object()
            name = str(target["/BaseFont"]).lstrip("/").split("+", 1)[-1]
            found[name] = "/FontFile2" in descriptor
    return found


def _dark_share(image: Image.Image) -> float:
    """Share of dark pixels in the top quarter of the page (headings and prose, no tables)."""
    gray = image.convert("L")
    top = gray.crop((0, 0, gray.width, gray.height // 4))
    histogram = top.histogram()
    return sum(histogram[:128]) / (top.width * top.height)


def _pixels_poppler(pdf: Path, tmp_path: Path) -> float:
    pdftoppm = shutil.which("pdftoppm")
    assert pdftoppm, "poppler-utils is required (scripts/setup-system installs it)"
    prefix = tmp_path / "page"
    subprocess.run(
        [pdftoppm, "-r", "60", "-f", "1", "-l", "1", "-gray", str(pdf), str(prefix)],
        check=True,
        timeout=120,
    )
    (image,) = tmp_path.glob("page*.pgm")
    with Image.open(image) as page:
        return _dark_share(page)


def _pixels_pdfium(pdf: Path) -> float:
    document = pypdfium2.PdfDocument(pdf)
    try:
        return _dark_share(document[0].render(scale=60 / 72).to_pil())
    finally:
        document.close()


def _assert_cjk_pdf(pdf: Path, tmp_path: Path, font_name: str) -> None:
    embedded = _embedded_fonts(pdf)
    assert font_name in embedded, embedded
    assert embedded[font_name], "the CJK font must be embedded with TrueType outlines"
    text = "".join(page.extract_text() for page in pypdf.PdfReader(pdf).pages)
    assert HEADING in text and "绩效目标表" in text
    # A page whose CJK glyphs print blank has almost no dark pixels in its top quarter (the
    # measured share with glyphs is ~6% in both renderers; blank glyphs leave well under 0.5%).
    assert _pixels_poppler(pdf, tmp_path) > 0.01
    assert _pixels_pdfium(pdf) > 0.01


def test_bundled_font_is_truetype_and_free() -> None:
    path = fonts.bundled_font_path()
    assert path is not None and path.is_file()
    font = TTFont(path, lazy=True)
    try:
        assert "glyf" in font, "TrueType outlines (CFF ones render blank in MuPDF viewers)"
        cmap = font.getBestCmap()
        assert all(ord(char) in cmap for char in "预算绩效目标表满意度")
    finally:
        font.close()
    licence = (path.parent / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL Open Font License" in licence


def test_configured_font_file_must_exist(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(fonts.ENV_VAR, "/nonexistent/仿宋.ttf")
    with pytest.raises(JixiaoError, match="字体文件不存在") as info:
        fonts.choose_pdf_font()
    assert fonts.ENV_VAR in str(info.value)


def test_configured_family_must_be_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(fonts.ENV_VAR, "No Such Family 123")
    with pytest.raises(JixiaoError, match="未安装"):
        fonts.choose_pdf_font()


def test_choice_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(fonts.ENV_VAR, "bundled")
    chosen = fonts.choose_pdf_font()
    assert chosen is not None and chosen.origin == "bundled"
    assert chosen.path == fonts.bundled_font_path()
    assert f'url("{chosen.path.as_uri()}")' in fonts.font_css(chosen)
    monkeypatch.setenv(fonts.ENV_VAR, str(fonts.bundled_font_path()))
    chosen = fonts.choose_pdf_font()
    assert chosen is not None and chosen.origin == "configured"


@pytest.mark.slow
def test_pdf_on_a_machine_without_fonts(tmp_path: Path) -> None:
    """No font known to fontconfig: the bundled font is used, and its glyphs render."""
    result, pdf = _render(tmp_path, FONTCONFIG_FILE=str(_bare_fontconfig(tmp_path)))
    assert result.returncode == 0, result.stderr
    _assert_cjk_pdf(pdf, tmp_path, fonts.BUNDLED_FAMILY)


@pytest.mark.slow
def test_pdf_with_configured_font_file(tmp_path: Path) -> None:
    """JIXIAO_PDF_FONT pointing at a font file puts that font first, system fonts or not."""
    path = fonts.bundled_font_path()
    assert path is not None
    result, pdf = _render(tmp_path, JIXIAO_PDF_FONT=str(path))
    assert result.returncode == 0, result.stderr
    _assert_cjk_pdf(pdf, tmp_path, fonts.BUNDLED_FAMILY)


def test_blank_page_check_is_meaningful() -> None:
    """The pixel measure tells a page with text from a blank one."""
    blank = Image.new("L", (200, 400), 255)
    assert _dark_share(blank) == 0.0
    inked = Image.new("L", (200, 400), 255)
    inked.paste(0, (0, 0, 200, 20))
    assert _dark_share(inked) == pytest.approx(0.2)
