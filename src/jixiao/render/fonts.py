"""Which CJK font the PDF renderer uses: the system's first, else the one jixiao depends on.

A PDF needs a Chinese font on the machine, which a user without root, or on Windows/macOS
without Noto CJK, may not have. jixiao therefore depends on ``justmytype-intl-cjk``, a PyPI
package shipping Noto Sans SC (SIL Open Font License 1.1) as a TrueType-outline variable font:
TrueType, because CFF-outline CJK fonts embedded by WeasyPrint render blank in MuPDF-based
viewers. It is used only when fontconfig knows no Chinese font, so machines with
fonts-noto-cjk keep their output: the direct PDF writer reads its file (``font_file``), and
WeasyPrint loads it through ``@font-face`` with a file URL.

``JIXIAO_PDF_FONT`` overrides the choice (a site may have licensed 仿宋 or 宋体): a font file
(``.ttf``/``.otf``/``.ttc``), an installed font family name, ``system`` (system fonts only,
never the bundled one) or ``bundled`` (always the bundled one).
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from jixiao._exceptions import JixiaoError

__all__ = [
    "ENV_VAR",
    "PdfFont",
    "bundled_font_path",
    "choose_pdf_font",
    "font_css",
    "font_file",
    "has_any_font",
]

ENV_VAR = "JIXIAO_PDF_FONT"
BUNDLED_FAMILY = "jixiao-cjk"
"""The ``font-family`` name the bundled (or configured) font file is loaded under."""

_BUNDLED_PACKAGE = "justmytype_intl_cjk"
_BUNDLED_FILE = ("fonts", "ofl", "notosanssc", "NotoSansSC[wght].ttf")
_FALLBACK = '"Noto Sans CJK SC", "Noto Serif CJK SC", "Source Han Serif SC", SimSun, serif'
_FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc", ".woff", ".woff2")


@dataclass(frozen=True)
class PdfFont:
    """The font the PDF is set in: a family fontconfig knows, or a file loaded by @font-face."""

    family: str
    path: Path | None  # None: an installed (system) family
    origin: str  # "system", "bundled" or "configured", for messages and tests


def bundled_font_path() -> Path | None:
    """Noto Sans SC from the ``justmytype-intl-cjk`` package, if it is installed."""
    try:
        entry = resources.files(_BUNDLED_PACKAGE).joinpath(*_BUNDLED_FILE)
    except ModuleNotFoundError:
        return None
    path = Path(str(entry))
    return path if path.is_file() else None


@functools.cache
def _system_families(query: str) -> tuple[str, ...]:
    """Families ``fc-list QUERY`` knows (empty without fontconfig's tools)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return ()
    try:
        out = subprocess.run(
            [fc_list, query, "family"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return ()
    names = {part.strip() for line in out.stdout.splitlines() for part in line.split(",")}
    return tuple(sorted(name for name in names if name))


@functools.cache
def _matched_file(family: str) -> tuple[Path, int] | None:
    """The file and face index fontconfig uses for ``family`` at the regular weight."""
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return None
    try:
        out = subprocess.run(
            [fc_match, "-f", "%{file}\n%{index}\n%{family}\n", f"{family}:style=Regular"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    parts = out.stdout.split("\n")
    if len(parts) < 3 or not parts[0] or family not in parts[2].split(","):
        return None  # fontconfig substituted another family
    return Path(parts[0]), int(parts[1] or 0)


def font_file(font: PdfFont) -> tuple[Path, int] | None:
    """The font file (and face in a collection) of ``font``, or None when fontconfig cannot
    name it: the direct PDF writer reads the file itself."""
    if font.path is not None:
        return font.path, 0
    return _matched_file(font.family)


def has_any_font() -> bool:
    """Whether fontconfig knows any font at all (True when its tools are missing: then the
    question cannot be asked, and rendering should not be blocked on it)."""
    return shutil.which("fc-list") is None or bool(_system_families(""))


def _system_chinese_font() -> PdfFont | None:
    families = _system_families(":lang=zh-cn")
    if not families:
        return None
    preferred = ("Noto Sans CJK SC", "Noto Serif CJK SC", "Source Han Serif SC", "SimSun")
    family = next((name for name in preferred if name in families), families[0])
    return PdfFont(family=family, path=None, origin="system")


def _bundled() -> PdfFont | None:
    path = bundled_font_path()
    return None if path is None else PdfFont(family=BUNDLED_FAMILY, path=path, origin="bundled")


def choose_pdf_font() -> PdfFont | None:
    """The font for PDFs, or None when there is no Chinese font at all.

    Raises ``JixiaoError`` when ``JIXIAO_PDF_FONT`` names a file or family that is not there.
    """
    setting = os.environ.get(ENV_VAR, "").strip()
    if not setting:
        return _system_chinese_font() or _bundled()
    if setting.lower() == "system":
        return _system_chinese_font()
    if setting.lower() == "bundled":
        return _bundled()
    path = Path(setting).expanduser()
    if path.suffix.lower() in _FONT_SUFFIXES or os.sep in setting:
        if not path.is_file():
            raise JixiaoError(
                f"环境变量 {ENV_VAR} 指定的字体文件不存在：{setting}",
                hint=f"请改为存在的字体文件（.ttf/.otf/.ttc），或删除 {ENV_VAR} 使用默认字体。",
            )
        return PdfFont(family=BUNDLED_FAMILY, path=path.resolve(), origin="configured")
    if setting not in _system_families(""):
        raise JixiaoError(
            f"环境变量 {ENV_VAR} 指定的字体“{setting}”未安装",
            hint=(
                f"请安装该字体，或把 {ENV_VAR} 设为字体文件的路径，或删除 {ENV_VAR} 使用默认字体。"
            ),
        )
    return PdfFont(family=setting, path=None, origin="configured")


def font_css(font: PdfFont) -> str:
    """A stylesheet putting ``font`` first in the page's font list (loading it if a file)."""
    family = f'"{font.family}", {_FALLBACK}'
    css = ""
    if font.path is not None:
        # A variable font covers every weight; the range keeps bold headings from synthesis.
        css += (
            f'@font-face {{ font-family: "{font.family}"; src: url("{font.path.as_uri()}"); '
            "font-weight: 100 900; }\n"
        )
    css += f"body, table {{ font-family: {family}; }}\n"
    css += f"@page {{ @bottom-center {{ font-family: {family}; }} }}\n"
    return css
