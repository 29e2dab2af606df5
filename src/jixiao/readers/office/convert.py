"""Legacy binary Office files (DOC, WPS, XLS, ET): tell them apart, convert through LibreOffice.

All of them are OLE2 compound files; the streams inside say what they are: ``WordDocument``
(Word 97-2003 and Kingsoft WPS, which is DOC-based), ``Workbook``/``Book`` (Excel and Kingsoft
ET), ``EncryptedPackage`` (a password-protected DOCX/XLSX). DOC/WPS/ET have no maintained pure
Python reader, so they are converted to DOCX/XLSX by LibreOffice headless when it is installed:
one profile directory per call (concurrent soffice processes sharing a profile collide) and a
hard timeout, then read by the DOCX or XLSX reader like any other file.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Literal

import olefile

from jixiao._exceptions import ReadError, UnsupportedFormatError

__all__ = ["CONVERT_TIMEOUT", "OleKind", "convert_with_libreoffice", "ole_kind", "soffice_path"]

OleKind = Literal["doc", "xls", "encrypted", "unknown"]
CONVERT_TIMEOUT = 120.0
"""Seconds LibreOffice may take for one file (a first start creates its profile: ~5-10 s)."""


def ole_kind(data: bytes, *, source: str) -> OleKind:
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            streams = {
                "/".join(entry).lower() for entry in ole.listdir(streams=True, storages=False)
            }
    except (OSError, ValueError) as exc:  # olefile raises OSError for a damaged file
        raise ReadError(
            "文件是 Office 复合文档格式，但已损坏，无法打开",
            source=source,
            hint="请用 Office 或 WPS 打开后另存为 DOCX/XLSX 再试。",
        ) from exc
    if "encryptedpackage" in streams or "encryptioninfo" in streams:
        return "encrypted"
    if "worddocument" in streams:
        return "doc"
    if "workbook" in streams or "book" in streams:
        return "xls"
    return "unknown"


def soffice_path() -> str | None:
    """LibreOffice's command, if installed (``JIXIAO_SOFFICE`` overrides the search)."""
    configured = os.environ.get("JIXIAO_SOFFICE")
    if configured:
        return configured if shutil.which(configured) else None
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_with_libreoffice(data: bytes, *, source: str, suffix: str, target: str) -> bytes:
    """Convert ``data`` (a file ending in ``suffix``) to ``target`` (``docx`` or ``xlsx``)."""
    command = soffice_path()
    if command is None:
        raise UnsupportedFormatError(
            f"这是旧版 {suffix.upper().lstrip('.')} 格式的文件，"
            "读取它需要 LibreOffice，但本机没有安装",
            source=source,
            hint=(
                "请安装 LibreOffice（Debian/Ubuntu：sudo apt-get install libreoffice-writer-nogui "
                "libreoffice-calc-nogui），或用 Office/WPS 将文件另存为 DOCX/XLSX 后再读取。"
            ),
        )
    with tempfile.TemporaryDirectory(prefix="jixiao-lo-") as work:
        folder = Path(work)
        infile = folder / f"input{suffix}"
        infile.write_bytes(data)
        profile = (folder / "profile").as_uri()
        args = [
            command,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            target,
            "--outdir",
            str(folder / "out"),
            str(infile),
        ]
        try:
            subprocess.run(args, capture_output=True, timeout=CONVERT_TIMEOUT, check=False)
        except subprocess.TimeoutExpired:
            raise ReadError(
                f"LibreOffice 转换超时（超过 {CONVERT_TIMEOUT:.0f} 秒）",
                source=source,
                hint="文件可能已损坏或过大；请用 Office/WPS 另存为 DOCX/XLSX 后再试。",
            ) from None
        except OSError as exc:
            raise ReadError(f"无法启动 LibreOffice（{exc.strerror}）", source=source) from None
        produced = folder / "out" / f"input.{target}"
        if not produced.is_file():
            raise ReadError(
                "LibreOffice 未能转换该文件（文件可能已损坏，或不是 Word/Excel/WPS 文档）",
                source=source,
                hint="请用 Office/WPS 打开确认，并另存为 DOCX/XLSX 后再试。",
            )
        return produced.read_bytes()
