"""Helpers shared by the format tests: exact round-trip comparison and hostile ZIPs."""

from __future__ import annotations

import io
import zipfile

from jixiao.model import Document, categorize
from jixiao.render.compare import comparable


def assert_same(original: Document, back: Document) -> None:
    """The model survived the round trip, amounts and percents to the printed digit."""
    assert comparable(back) == comparable(original)
    for p, q in zip(original.projects, back.projects, strict=True):  # exact digits, not floats
        assert [str(a) for a in (p.budget.total, p.budget.fiscal, p.budget.other)] == [
            str(a) for a in (q.budget.total, q.budget.fiscal, q.budget.other)
        ]
        assert [str(s.percent) for s in p.spending_plan] == [
            str(s.percent) for s in q.spending_plan
        ]


def zip_bomb(size: int, *, prelude: tuple[str, bytes], member: str) -> bytes:
    """A ZIP holding ``prelude`` and a ``member`` that inflates to ``size`` zero bytes
    (written in 1 MiB chunks, so building it costs no memory)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr(*prelude)
        with archive.open(member, "w", force_zip64=True) as handle:
            chunk = bytes(1 << 20)
            for _ in range(size >> 20):
                handle.write(chunk)
    return out.getvalue()


def set_encrypted_flag(data: bytes) -> bytes:
    """Set the 'encrypted' flag of every member (local headers and central directory)."""
    raw = bytearray(data)
    for sig, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (at := raw.find(sig, start)) >= 0:
            raw[at + offset] |= 0x1
            start = at + 4
    return bytes(raw)


def with_cost_as_level1(doc: Document) -> Document:
    """A copy in the 2021 template's shape: 成本指标 as a 一级 of its own (经济成本指标),
    placed after the 产出指标 rows."""
    doc = doc.model_copy(deep=True)
    for project in doc.projects:
        cost = [i for i in project.indicators if i.level2 == "成本指标"]
        rest = [i for i in project.indicators if i.level2 != "成本指标"]
        for i in cost:
            i.level1, i.level2 = "成本指标", "经济成本指标"
            i.category = categorize(i.level1, i.level2)
        n_output = sum(1 for i in rest if i.level1 == "产出指标")
        project.indicators = rest[:n_output] + cost + rest[n_output:]
    return doc
