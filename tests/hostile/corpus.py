"""A hostile corpus generated from the seeds: damaged, truncated, bombed and re-encoded copies
of real TXT/DOCX/XLSX/XLS/PDF/HTML files, and a verdict for each.

The seeds: the real seed text 000, and family A of the template fixtures with a third project,
written by the fixtures' own builders (python-docx, openpyxl, reportlab with ``invariant`` so
the PDF is the same in every run, an HTML string) and by LibreOffice for the XLS.

Nothing is committed as a blob: every input is made by code from a seed and a random number
generator seeded with a fixed value, so a failure reproduces from its label alone
(``xlsx/flip/17`` is the 17th flipped copy of the XLSX seed). The suite runs a bounded slice
(``tests/hostile/test_corpus.py``); ``benchmarks/hostile_corpus.py`` runs many more by hand.

The verdicts:

- ``ok``: read, and either the same projects as the seed or a warning says something changed;
- ``other_document``: read, but not a performance-target table (``NotAPerformanceDocumentError``:
  damage left a readable file with no target table in it, and the user is told so);
- ``clear_error``: any other ``JixiaoError`` (a Chinese message naming the file);
- ``internal_error``: any other exception (a jixiao defect: the target is none);
- ``silent_change``: read without any new warning, but the projects changed shape (a project
  lost or gained, indicators moved between projects): the data is wrong and nobody is told.

A changed character inside a value is not a silent change here: a byte flipped in an
uncompressed string is a valid file with other text, which no reader can know.
"""

from __future__ import annotations

import io
import random
import re
import shutil
import struct
import subprocess
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from decimal import Decimal as D
from functools import cache
from pathlib import Path
from typing import Literal

from jixiao._exceptions import JixiaoError, NotAPerformanceDocumentError
from jixiao.model import Document
from jixiao.reading import read_bytes
from tests.conftest import SEEDS
from tests.templates.builders import docx_builder, html_builder, pdf_builder, xlsx_builder
from tests.templates.content import CONTENTS, IndicatorC, ProjectC
from tests.templates.layouts import Block, blocks_of

__all__ = [
    "FORMATS",
    "Input",
    "Verdict",
    "generate",
    "judge",
    "seed_blocks",
    "seed_document",
    "seed_file",
]

Verdict = Literal["ok", "other_document", "clear_error", "internal_error", "silent_change"]
FORMATS = ("txt", "docx", "xlsx", "xls", "pdf", "html")


@dataclass(frozen=True)
class Input:
    label: str
    """``<format>/<mutation>/<n>``: enough to rebuild the bytes with ``generate``."""
    name: str
    data: bytes


# -- seeds ---------------------------------------------------------------------------------------

_THIRD = ProjectC(
    name="义务教育学生营养改善补助",
    unit_code="130821",
    unit_name="某县教育和体育局",
    code="13082124P0001322",
    total=D("152.00"),
    fiscal=D("152.00"),
    purpose="按每生每天4元标准为农村义务教育学生提供营养膳食补助",
    plan=(D("20.00"), D("50.00"), D("75.00"), D("100.00")),
    goals=("为1900名农村义务教育学生提供营养膳食补助，改善学生营养状况。",),
    indicators=(
        IndicatorC("产出指标", "数量指标", "受助学生人数", "≥1900人", "享受补助学生数", "学籍统计"),
        IndicatorC(
            "产出指标", "质量指标", "食品安全抽检合格率", "100%", "抽检合格批次比例", "食品安全标准"
        ),
        IndicatorC(
            "产出指标", "时效指标", "补助发放及时率", "100%", "按月足额发放比例", "资金管理办法"
        ),
        IndicatorC(
            "效益指标", "社会效益指标", "学生营养状况改善率", "≥90%", "体检达标学生比例", "体检报告"
        ),
        IndicatorC(
            "效益指标", "可持续影响指标", "营养餐供应持续性", "长期", "供餐保障年限", "县实施方案"
        ),
        IndicatorC(
            "满意度指标", "服务对象满意度指标", "学生家长满意度", "≥95%", "家长满意比例", "问卷调查"
        ),
    ),
)
"""A third project for family A, so a damaged middle project has neighbours on both sides."""


def seed_blocks() -> list[Block]:
    """Family A of the template fixtures (部门预算绩效信息, two projects) with a third project."""
    content = CONTENTS["A"]
    return blocks_of(replace(content, projects=(*content.projects, _THIRD)))


@cache
def seed_document() -> Document:
    """The seed as jixiao reads the clean XLSX (the shape every damaged copy is judged by)."""
    return read_bytes(seed_file("xlsx"), name="seed.xlsx")


@cache
def seed_file(fmt: str) -> bytes:
    """The seed in one format, written by the template fixtures' builders (python-docx,
    openpyxl, reportlab, HTML strings; never jixiao's own renderer); the XLS is the XLSX
    converted by LibreOffice, a second, independent writer. TXT is the real seed 000."""
    if fmt == "txt":
        return SEEDS["000"].read_bytes()
    blocks = seed_blocks()
    if fmt == "docx":
        return _fixed_times(docx_builder.build(blocks))
    if fmt == "xlsx":
        return _fixed_times(xlsx_builder.build(blocks))
    if fmt == "xls":
        return _xls_by_libreoffice(seed_file("xlsx"))
    if fmt == "pdf":
        return pdf_builder.build(blocks, invariant=True)
    if fmt == "html":
        return html_builder.build(blocks)
    raise ValueError(fmt)


def _fixed_times(data: bytes) -> bytes:
    """The package with fixed member times and document dates, so a label rebuilds the same
    bytes in every run (the writers stamp the current time)."""
    members = _zip_members(data)
    if "docProps/core.xml" in members:
        members["docProps/core.xml"] = re.sub(
            rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*",
            rb"\g<1>2020-01-01T00:00:00Z",
            members["docProps/core.xml"],
        )
    return _zip(members)


def _xls_by_libreoffice(xlsx: bytes) -> bytes:
    """``soffice --headless --convert-to xls`` of the XLSX, with a profile of its own."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise RuntimeError("the XLS seed needs LibreOffice (soffice) installed")
    with tempfile.TemporaryDirectory(prefix="jixiao-hostile-") as tmp:
        source = Path(tmp) / "seed.xlsx"
        source.write_bytes(xlsx)
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={Path(tmp, 'profile').as_uri()}",
                "--headless",
                "--convert-to",
                "xls",
                "--outdir",
                tmp,
                str(source),
            ],
            capture_output=True,
            timeout=180,
            check=True,
        )
        return (Path(tmp) / "seed.xls").read_bytes()


# -- mutations -------------------------------------------------------------------------------------

Mutation = Callable[[bytes, random.Random], bytes]


def _truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(1, len(data))]


def _flip(data: bytes, rng: random.Random) -> bytes:
    raw = bytearray(data)
    for _ in range(rng.choice((1, 1, 2, 5, 20))):
        at = rng.randrange(len(raw))
        raw[at] ^= 1 << rng.randrange(8)
    return bytes(raw)


def _garble_run(data: bytes, rng: random.Random) -> bytes:
    """A run of random bytes over the middle of the file (a bad sector, a broken download)."""
    raw = bytearray(data)
    start = rng.randrange(len(raw))
    length = rng.randrange(1, 64)
    raw[start : start + length] = rng.randbytes(min(length, len(raw) - start))
    return bytes(raw)


def _zip_members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def _info(name: str) -> zipfile.ZipInfo:
    """A member with a fixed time stamp (``writestr(name, …)`` stamps the current time, and
    the same label must give the same bytes)."""
    info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(_info(name), content)
    return out.getvalue()


def _xml_parts(members: dict[str, bytes]) -> list[str]:
    return sorted(n for n in members if n.endswith((".xml", ".rels")))


def _member_flip(data: bytes, rng: random.Random) -> bytes:
    """Bytes flipped inside one compressed member (the CRC no longer matches)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = rng.choice(archive.infolist())
    header = data[info.header_offset : info.header_offset + 30]
    name_len, extra_len = struct.unpack("<HH", header[26:30])
    start = info.header_offset + 30 + name_len + extra_len
    raw = bytearray(data)
    for _ in range(rng.choice((1, 3, 10))):
        if info.compress_size:
            raw[start + rng.randrange(info.compress_size)] ^= 1 << rng.randrange(8)
    return bytes(raw)


def _member_overwrite(data: bytes, rng: random.Random) -> bytes:
    """One XML part replaced: random bytes, truncated XML, or text that is valid XML of the
    wrong shape (the CRCs all match: only the parser can notice)."""
    members = _zip_members(data)
    name = rng.choice(_xml_parts(members))
    content = members[name]
    choice = rng.randrange(4)
    if choice == 0:
        members[name] = rng.randbytes(rng.randrange(1, 4096))
    elif choice == 1:
        members[name] = content[: rng.randrange(1, max(2, len(content)))]
    elif choice == 2:
        members[name] = b'<?xml version="1.0"?><root>' + b"<a>" * 5 + b"</root>"
    else:
        members[name] = content.replace(b"<", b"<x:", rng.randrange(1, 50))
    return _zip(members)


def _member_drop(data: bytes, rng: random.Random) -> bytes:
    members = _zip_members(data)
    del members[rng.choice(sorted(members))]
    return _zip(members)


def _deep_xml(data: bytes, rng: random.Random) -> bytes:
    """The main part replaced by deeply nested elements (parser recursion, stack depth)."""
    members = _zip_members(data)
    name = "xl/workbook.xml" if "xl/workbook.xml" in members else "word/document.xml"
    depth = rng.choice((1000, 10_000, 100_000))
    members[name] = b'<?xml version="1.0"?>' + b"<a>" * depth + b"</a>" * depth
    return _zip(members)


def _entities(data: bytes, rng: random.Random) -> bytes:
    """Billion laughs and an external entity in the main part."""
    members = _zip_members(data)
    name = "xl/sharedStrings.xml" if "xl/sharedStrings.xml" in members else "word/document.xml"
    if name not in members:
        name = _xml_parts(members)[0]
    laughs = b"".join(
        b'<!ENTITY l%d "%s">' % (i, (b"&l%d;" % (i - 1)) * 10 if i else b"lol") for i in range(9)
    )
    if rng.random() < 0.5:
        doctype = b"<!DOCTYPE r [" + laughs + b"]>"
        body = b"<r>&l8;</r>"
    else:
        doctype = b'<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        body = b"<r>&x;</r>"
    members[name] = b'<?xml version="1.0"?>' + doctype + body
    return _zip(members)


def _many_cells(data: bytes, rng: random.Random) -> bytes:
    """A sheet or body with a huge number of tiny cells (passes the compression ratio check)."""
    members = _zip_members(data)
    count = rng.choice((50_000, 300_000))
    if "xl/workbook.xml" in members:
        sheet = next(n for n in sorted(members) if n.startswith("xl/worksheets/sheet"))
        cells = b"".join(
            b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (i, i) for i in range(1, count)
        )
        members[sheet] = (
            b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
            b'spreadsheetml/2006/main"><sheetData>' + cells + b"</sheetData></worksheet>"
        )
    else:
        ns = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
        cells = b"<w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc>" * count
        members["word/document.xml"] = (
            b'<?xml version="1.0"?><w:document '
            + ns
            + b"><w:body><w:tbl><w:tr>"
            + cells
            + b"</w:tr></w:tbl></w:body></w:document>"
        )
    return _zip(members)


def _bomb(data: bytes, rng: random.Random) -> bytes:
    """A part that inflates ~1000 times (zeros), declared honestly or with a lying size."""
    members = _zip_members(data)
    name = rng.choice(_xml_parts(members))
    out = io.BytesIO()
    size = rng.choice((64, 300)) << 20
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for member, content in members.items():
            if member != name:
                archive.writestr(_info(member), content)
        with archive.open(_info(name), "w", force_zip64=True) as handle:
            chunk = bytes(1 << 20)
            for _ in range(size >> 20):
                handle.write(chunk)
    return out.getvalue()


def _reencode(data: bytes, rng: random.Random) -> bytes:
    text = data.decode("utf-8")
    encoding = rng.choice(("gb18030", "utf-16", "big5", "latin-1", "utf-8-sig", "shift_jis"))
    return text.encode(encoding, errors="replace")


def _text_noise(data: bytes, rng: random.Random) -> bytes:
    """NULs, lone continuation bytes and control characters spliced in."""
    raw = bytearray(data)
    for _ in range(rng.randrange(1, 30)):
        raw.insert(rng.randrange(len(raw)), rng.choice((0, 0x80, 0xFF, 0x1B, 0x0C, 0x7F)))
    return bytes(raw)


def _huge_line(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(data))
    return data[:at] + b"9" * rng.choice((5000, 100_000, 2_000_000)) + data[at:]


def _pdf_stream_flip(data: bytes, rng: random.Random) -> bytes:
    """Bytes flipped inside one compressed stream (what issue 14 saw: data lost in one page)."""
    starts = [i for i in range(len(data)) if data.startswith(b"stream", i)][:400]
    raw = bytearray(data)
    at = rng.choice(starts) + 8
    for _ in range(rng.choice((1, 5, 20))):
        raw[min(len(raw) - 1, at + rng.randrange(2000))] ^= 1 << rng.randrange(8)
    return bytes(raw)


_END_TAGS = (b"</table>", b"</tr>", b"</td>", b"</body>", b"</html>")


def _tag_drop(data: bytes, rng: random.Random) -> bytes:
    """One closing tag lost (a page saved half-way, a hand edit): the tree must be repaired,
    not a table swallowed by the next one."""
    tag = rng.choice(_END_TAGS[:3])
    places = [m.start() for m in re.finditer(re.escape(tag), data)]
    at = rng.choice(places)
    return data[:at] + data[at + len(tag) :]


def _nest(data: bytes, rng: random.Random) -> bytes:
    """Tables nested in a cell of a layout table, as portal pages wrap their content."""
    depth = rng.choice((1, 3, 50, 2000))
    open_ = b"<table><tr><td>\xe5\xaf\xbc\xe8\x88\xaa</td><td>" * depth
    close = b"</td></tr></table>" * depth
    body = data.index(b"<body>") + len(b"<body>")
    end = data.rindex(b"</body>")
    return data[:body] + open_ + data[body:end] + close + data[end:]


_COMMON: dict[str, Mutation] = {"truncate": _truncate, "flip": _flip, "garble": _garble_run}
_ZIP: dict[str, Mutation] = {
    "member-flip": _member_flip,
    "member-overwrite": _member_overwrite,
    "member-drop": _member_drop,
    "deep-xml": _deep_xml,
    "entities": _entities,
    "many-cells": _many_cells,
    "bomb": _bomb,
}
MUTATIONS: dict[str, dict[str, Mutation]] = {
    "txt": {**_COMMON, "reencode": _reencode, "noise": _text_noise, "huge-line": _huge_line},
    "docx": {**_COMMON, **_ZIP},
    "xlsx": {**_COMMON, **_ZIP},
    "xls": dict(_COMMON),
    "pdf": {**_COMMON, "stream-flip": _pdf_stream_flip},
    "html": {**_COMMON, "noise": _text_noise, "tag-drop": _tag_drop, "nest": _nest},
}
_EXPENSIVE = {"bomb", "many-cells", "deep-xml"}
"""Costly to build or to refuse: a smaller share of the corpus."""


def generate(
    fmt: str, count_per_mutation: int, *, seed: int = 14, start: int = 0
) -> Iterator[Input]:
    """``count_per_mutation`` copies of the ``fmt`` seed per mutation (a fifth as many for the
    expensive ones), each from its own seeded generator so one label rebuilds one input.
    ``start``: skip that many inputs without building them (to resume after a crash)."""
    data = seed_file(fmt)
    index = 0
    for mutation, change in MUTATIONS[fmt].items():
        count = max(1, count_per_mutation // 5) if mutation in _EXPENSIVE else count_per_mutation
        for n in range(count):
            index += 1
            if index <= start:
                continue
            rng = random.Random(f"{seed}/{fmt}/{mutation}/{n}")
            yield Input(f"{fmt}/{mutation}/{n}", f"hostile-{n}.{fmt}", change(data, rng))


# -- verdicts ------------------------------------------------------------------------------------


def _shape(doc: Document) -> list[int]:
    """Projects in order, each by its number of indicators: what a merge or a loss changes."""
    return [len(p.indicators) for p in doc.projects]


@cache
def _baseline(fmt: str) -> tuple[list[int], frozenset[str]]:
    doc = read_bytes(seed_file(fmt), name=f"seed.{fmt}")
    return _shape(doc), frozenset(w.message for w in doc.warnings)


def judge(fmt: str, item: Input) -> tuple[Verdict, str]:
    """The verdict on one input, with the message or exception for the report."""
    try:
        doc = read_bytes(item.data, name=item.name)
    except NotAPerformanceDocumentError as err:
        return "other_document", str(err)
    except JixiaoError as err:
        return "clear_error", str(err)
    except Exception as exc:
        return "internal_error", f"{type(exc).__name__}: {exc}"[:300]
    shape, warnings = _baseline(fmt)
    new_warnings = [w.message for w in doc.warnings if w.message not in warnings]
    if _shape(doc) != shape and not new_warnings:
        return "silent_change", f"{shape} -> {_shape(doc)}"
    return "ok", "; ".join(new_warnings)[:300]
