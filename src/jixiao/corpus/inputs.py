"""What ``corpus build`` reads: folders (recursively), globs and ZIP archives, as ``SourceRef``s.

The region of a file is the first folder below the input folder it was found in
(``输入/河北省/某县/….docx`` given as ``输入`` → ``河北省``), the same inside an archive; a
file named directly has none. Keys are stable (absolute path, ``!member`` for archive
members), so a resumed build recognises what it already holds.
"""

from __future__ import annotations

import glob
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from jixiao._exceptions import FileTooLargeError, ReadError
from jixiao.corpus.records import SourceRef
from jixiao.reading import MAX_INPUT_BYTES

__all__ = ["expand_inputs", "read_source"]

_SKIP_NAMES = {".DS_Store", "Thumbs.db", "desktop.ini"}
_MAX_MEMBERS = 200_000


def _wanted(name: str) -> bool:
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    return bool(base) and not base.startswith((".", "~$")) and base not in _SKIP_NAMES


def _region(relative: Path) -> str | None:
    return relative.parts[0] if len(relative.parts) > 1 else None


def _archive(path: Path, region: str | None) -> Iterator[SourceRef]:
    try:
        with zipfile.ZipFile(path) as archive:
            infos = [i for i in archive.infolist() if not i.is_dir()][:_MAX_MEMBERS]
    except (zipfile.BadZipFile, OSError) as exc:
        raise ReadError(
            f"无法打开压缩包（{exc}）", source=str(path), hint="请确认 ZIP 文件完整。"
        ) from None
    for info in infos:
        name = _decoded_name(info)
        if not _wanted(name) or name.startswith("__MACOSX/"):
            continue
        inner = Path(name)
        yield SourceRef(
            key=f"{path.resolve()}!{info.filename}",
            path=str(path.resolve()),
            member=info.filename,
            region=region or _region(inner),
        )


def _decoded_name(info: zipfile.ZipInfo) -> str:
    """Archives made on Chinese Windows store GBK names without the UTF-8 flag."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("gb18030")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def _file(path: Path, region: str | None) -> Iterator[SourceRef]:
    if zipfile.is_zipfile(path) and path.suffix.lower() == ".zip":
        yield from _archive(path, region)
    else:
        yield SourceRef(key=str(path.resolve()), path=str(path.resolve()), region=region)


def expand_inputs(inputs: list[str]) -> list[SourceRef]:
    """Every file the inputs name, once each, in a stable order."""
    seen: set[str] = set()
    out: list[SourceRef] = []

    def add(refs: Iterable[SourceRef]) -> None:
        for ref in refs:
            if ref.key not in seen:
                seen.add(ref.key)
                out.append(ref)

    for text in inputs:
        path = Path(text)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                relative = child.relative_to(path)
                if child.is_file() and all(_wanted(p) for p in relative.parts):
                    add(_file(child, _region(relative)))
        elif path.is_file():
            add(_file(path, None))
        elif glob.has_magic(text):
            matches = sorted(glob.glob(text, recursive=True))
            if not matches:
                raise ReadError("没有文件与这个通配符匹配", source=text)
            for match in matches:
                if Path(match).is_file() and _wanted(match):
                    add(_file(Path(match), None))
        else:
            raise ReadError("路径不存在", source=text, hint="请检查文件或文件夹的路径。")
    if not out:
        raise ReadError(
            "输入中没有任何文件",
            source="、".join(inputs),
            hint="请指定含有绩效目标文件（DOCX、XLSX、PDF、文本等）的文件夹、文件或 ZIP 压缩包。",
        )
    return out


def read_source(ref: SourceRef) -> bytes:
    """The file's bytes (bounded like every other input)."""
    if ref.member is None:
        with open(ref.path, "rb") as stream:
            data = stream.read(MAX_INPUT_BYTES + 1)
    else:
        with zipfile.ZipFile(ref.path) as archive:
            info = archive.getinfo(ref.member)
            if info.file_size > MAX_INPUT_BYTES:
                raise FileTooLargeError(
                    f"文件过大（{info.file_size / 1024 / 1024:.1f} MB），未读取", source=ref.key
                )
            with archive.open(info) as stream:
                data = stream.read(MAX_INPUT_BYTES + 1)
    return data
