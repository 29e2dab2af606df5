"""Checks on a DOCX's ZIP container before any XML is parsed: hostile files fail fast.

A DOCX is a ZIP. Its central directory declares every member's sizes, and ``zipfile`` never
inflates a member past its declared size (a lying member fails its CRC check instead), so the
declared sizes bound the memory the parse can take. We refuse, before parsing:

- bytes that are not a readable ZIP (truncated download, random bytes behind a ``PK`` header);
- a ZIP that is not a Word document (no ``word/document.xml``: an XLSX, a PPTX, an archive);
- a macro-enabled document or a template (python-docx does not open them);
- encrypted members (a ZIP password);
- zip bombs: more than ``MAX_MEMBERS`` members, more than ``MAX_TOTAL_BYTES`` uncompressed,
  an XML part over ``MAX_XML_BYTES``, a large member inflating more than ``MAX_RATIO`` times,
  or a document.xml of more than ``MAX_TAGS`` tags (tiny elements in bulk that still pass the
  ratio check; counted while streaming, so the parse never starts).

A password-protected Word file is not a ZIP at all: Office wraps the encrypted package in an
OLE2 compound file, which format sniffing reports as ``ole`` before this module is reached.
"""

from __future__ import annotations

import io
import zipfile

from jixiao._exceptions import FileTooLargeError, ReadError, UnsupportedFormatError

__all__ = [
    "MAIN_PART",
    "MAX_MEMBERS",
    "MAX_RATIO",
    "MAX_TAGS",
    "MAX_TOTAL_BYTES",
    "MAX_XML_BYTES",
    "check_docx_zip",
    "is_docx",
]

MAIN_PART = "word/document.xml"
MAX_MEMBERS = 5000
MAX_TOTAL_BYTES = 200 * 1024 * 1024
"""Refuse a package whose members inflate to more than this in total."""
MAX_XML_BYTES = 64 * 1024 * 1024
"""Refuse one XML part larger than this: a real document.xml is a few MB, and lxml needs
several times the text size in memory."""
MAX_RATIO = 100
"""Refuse a member over ``_RATIO_FLOOR`` that inflates more than this many times (real XML
compresses 5-30 times; a bomb of zeros about 1000 times)."""
_RATIO_FLOOR = 1024 * 1024
MAX_TAGS = 4_000_000
"""Refuse a document.xml with more ``<`` than this: at most ~4 M elements (~0.5 GB as a
tree); a real document has about 2 tags per element and a project table ~3,000 elements."""

_SAVE_AS_DOCX = "请用 Word 或 WPS 打开后另存为“Word 文档（*.docx）”，再读取。"
_OTHER_PACKAGES = (
    ("xl/workbook.xml", "Excel 表格（XLSX）"),
    ("ppt/presentation.xml", "PowerPoint 演示文稿（PPTX）"),
    ("content.xml", "开放文档格式（ODT/ODS）文件"),
)


def is_docx(data: bytes) -> bool:
    """Whether ``data`` is a ZIP holding ``word/document.xml`` (for format sniffing; reads only
    the central directory, never inflates anything)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return any(info.filename == MAIN_PART for info in archive.infolist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        return False


def check_docx_zip(data: bytes, *, source: str) -> None:
    """Raise a ``ReadError`` (Chinese message) unless ``data`` looks like a safe DOCX."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise ReadError(
            "文件已损坏或不完整，不是有效的 Word 文档（DOCX）",
            source=source,
            hint="请重新下载或导出该文件；如文件来自邮件或网盘，请确认下载已完成。",
        ) from None
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_MEMBERS:
            raise _bomb(source, f"压缩包内文件过多（{len(infos)} 个）")
        names = {info.filename for info in infos}
        if MAIN_PART not in names:
            raise _not_docx(names, source)
        total = 0
        for info in infos:
            _check_member(info, source)
            total += info.file_size
            if total > MAX_TOTAL_BYTES:
                raise FileTooLargeError(
                    f"文件解压后过大（超过 {MAX_TOTAL_BYTES // 1024 // 1024} MB），"
                    "疑似压缩炸弹，未读取",
                    source=source,
                    hint="正常的绩效目标文件解压后只有几 MB；请确认文件来源可靠。",
                )
        if "[Content_Types].xml" in names:
            _check_content_types(archive, source)
        _check_markup(archive, source)


def _check_member(info: zipfile.ZipInfo, source: str) -> None:
    if info.flag_bits & 0x1:
        raise ReadError(
            "文件已加密（设置了打开密码），无法读取",
            source=source,
            hint="请在 Word 或 WPS 中取消文档密码后另存为 DOCX，再读取。",
        )
    if info.filename.endswith((".xml", ".rels")) and info.file_size > MAX_XML_BYTES:
        raise _bomb(source, f"文档内容部分“{info.filename}”解压后过大")
    ratio = info.file_size / max(info.compress_size, 1)
    if info.file_size > _RATIO_FLOOR and ratio > MAX_RATIO:
        raise _bomb(source, f"“{info.filename}”的压缩比异常（{ratio:.0f} 倍）")


def _check_markup(archive: zipfile.ZipFile, source: str) -> None:
    """Count the tags of document.xml before lxml builds a tree of them (about 130 bytes of
    memory per element): low-entropy XML can pass the ratio check and still be millions of
    tiny elements. Streamed, 1 MB at a time; a real document needs well under a second."""
    tags = 0
    try:
        with archive.open(MAIN_PART) as member:
            while chunk := member.read(1 << 20):
                tags += chunk.count(b"<")
                if tags > MAX_TAGS:
                    raise _bomb(source, f"文档内容的元素过多（超过 {MAX_TAGS:,} 个标记）")
    except FileTooLargeError:
        raise
    except Exception:  # CRC mismatch, bad deflate data, unsupported method: all "corrupt"
        raise _corrupt(source) from None


def _check_content_types(archive: zipfile.ZipFile, source: str) -> None:
    """Macro-enabled documents (.docm) and templates (.dotx) are refused by python-docx."""
    try:
        text = archive.read("[Content_Types].xml").decode("utf-8", "replace")
    except Exception:  # CRC mismatch, bad deflate data, unsupported method: all "corrupt"
        raise _corrupt(source) from None
    if "macroEnabled.main+xml" in text:
        raise UnsupportedFormatError(
            "这是启用宏的 Word 文档（DOCM），暂不支持读取", source=source, hint=_SAVE_AS_DOCX
        )
    if "template.main+xml" in text:
        raise UnsupportedFormatError(
            "这是 Word 模板（DOTX），不是 Word 文档", source=source, hint=_SAVE_AS_DOCX
        )


def _not_docx(names: set[str], source: str) -> UnsupportedFormatError:
    for member, label in _OTHER_PACKAGES:
        if member in names:
            return UnsupportedFormatError(
                f"这是{label}，不是 Word 文档（DOCX）",
                source=source,
                hint="请选择 Word 格式的绩效目标文件。",
            )
    return UnsupportedFormatError(
        "这是一个 ZIP 压缩包，但不是 Word 文档（缺少 word/document.xml）",
        source=source,
        hint="如果是压缩包，请先解压，再读取其中的 Word 文件。",
    )


def _corrupt(source: str) -> ReadError:
    return ReadError(
        "文件已损坏（压缩包内容校验失败），无法读取",
        source=source,
        hint="请重新下载或导出该文件。",
    )


def _bomb(source: str, detail: str) -> FileTooLargeError:
    return FileTooLargeError(
        f"{detail}，疑似压缩炸弹，已拒绝读取",
        source=source,
        hint="正常的绩效目标文件不会这样；请确认文件来源可靠。",
    )
