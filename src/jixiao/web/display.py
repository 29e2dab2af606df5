"""How the workbench shows things to people: times in the installation's time zone, a
document's title when it has none, and the names of exported files.

A Beijing clerk reading a UTC time reads it eight hours off, and a list of
``003_a8ba5af9fb959666.txt`` says nothing about whose targets they are; both are decided
here, once, for every page.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from datetime import UTC, datetime
from functools import cache
from urllib.parse import quote
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from jixiao._exceptions import JixiaoError
from jixiao.model import Document
from jixiao.store.models import DocumentRow

__all__ = [
    "DEFAULT_TIMEZONE",
    "TIMEZONE_ENV",
    "attachment_header",
    "document_title",
    "export_filename",
    "field_label",
    "installation_zone",
    "local_time",
    "row_title",
    "without_hint",
    "zone_label",
]

TIMEZONE_ENV = "JIXIAO_TIMEZONE"
DEFAULT_TIMEZONE = "Asia/Shanghai"
_ZONE_LABELS = {"Asia/Shanghai": "北京时间", "Asia/Chongqing": "北京时间", "PRC": "北京时间"}
TITLE_SUFFIX = "部门预算绩效信息"


@cache
def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise JixiaoError(
            f"时区设置无效：{name}",
            hint=f"请把环境变量 {TIMEZONE_ENV} 设为 IANA 时区名（如 Asia/Shanghai），或删除它。",
        ) from None


def installation_zone() -> ZoneInfo:
    """``$JIXIAO_TIMEZONE`` (an IANA name), by default Asia/Shanghai."""
    return _zone(os.environ.get(TIMEZONE_ENV, "").strip() or DEFAULT_TIMEZONE)


def zone_label() -> str:
    """What to call the zone times are shown in (“北京时间”, else its IANA name)."""
    key = installation_zone().key
    return _ZONE_LABELS.get(key, key)


def local_time(value: datetime | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """``value`` (stored in UTC) as read on a clock in the installation's time zone."""
    if value is None:
        return ""
    if value.tzinfo is None:  # stored values are aware; a naive one is UTC by convention
        value = value.replace(tzinfo=UTC)
    return value.astimezone(installation_zone()).strftime(fmt)


def unit_name(name: str | None) -> str:
    """A unit's name as people call it: ``乐亭县行政审批局本级`` → ``乐亭县行政审批局``."""
    text = (name or "").strip()
    if text.endswith("本级") and len(text) > 2:
        text = text[:-2]
    return text


def _main_unit(names: list[str | None]) -> str:
    counts = Counter(unit_name(n) for n in names if unit_name(n))
    return counts.most_common(1)[0][0] if counts else ""


def _compose(title: str | None, unit: str, year: int | None, fallback: str) -> str:
    if title and title.strip():
        return title.strip()
    if unit:
        return f"{unit}{year}年{TITLE_SUFFIX}" if year else f"{unit}{TITLE_SUFFIX}"
    return fallback


def row_title(row: DocumentRow) -> str:
    """A stored document's title: its own, else unit + year + 部门预算绩效信息, else the file."""
    unit = _main_unit([p.unit.name if p.unit else None for p in row.projects])
    return _compose(row.title, unit, row.fiscal_year, row.source_name)


def document_unit(doc: Document) -> str:
    """The unit a document belongs to: its department's, else the most frequent project's."""
    own = doc.department.unit.name if doc.department.unit else None
    return unit_name(own) or _main_unit([p.unit.name for p in doc.projects])


def document_title(doc: Document) -> str:
    """A document's title: its own, else unit + year + 部门预算绩效信息, else the file name."""
    return _compose(doc.title, document_unit(doc), doc.fiscal_year, doc.source.name)


FIELD_LABELS = {
    "name": "项目名称",
    "code": "项目编码",
    "title": "表名",
    "budget": "资金",
    "spending_plan": "资金支出计划",
    "purpose": "项目概况",
    "goals": "年度绩效目标",
    "indicators": "绩效指标",
}
"""A project field's name as the editor labels it (comments are attached to fields)."""


def field_label(field: str | None) -> str:
    """``budget`` → ``资金``; a field the workbench does not know is shown as “其他”."""
    if not field:
        return ""
    if any("\u4e00" <= ch <= "\u9fff" for ch in field):  # already in words (“退回意见”)
        return field
    return FIELD_LABELS.get(field.split(".", 1)[0].split("[", 1)[0], "其他")


def without_hint(exc: JixiaoError) -> str:
    """The error's message (naming the file) without the 处理建议 ``str()`` appends: pages
    show the hint on a line of its own, once."""
    return f"{exc.source}：{exc.message}" if exc.source else exc.message


_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')

_KIND_NAMES = {
    "docx": ("绩效目标", "docx"),
    "xlsx": ("绩效目标", "xlsx"),
    "pdf": ("绩效目标", "pdf"),
    "json": ("绩效目标", "json"),
    "report.html": ("审核报告", "html"),
    "report.xlsx": ("审核意见表", "xlsx"),
}


def export_filename(doc: Document, document_id: int, kind: str) -> str:
    """``乐亭县行政审批局_2025_绩效目标.pdf``: unit, year, what; parts unknown are left out
    (without a unit, the document's number stands in for it)."""
    what, extension = _KIND_NAMES.get(kind, ("导出", kind))
    unit = _UNSAFE.sub("", document_unit(doc)) or f"文档{document_id}"
    parts = [unit, *([str(doc.fiscal_year)] if doc.fiscal_year else []), what]
    return f"{'_'.join(parts)}.{extension}"


def attachment_header(filename: str, fallback: str) -> str:
    """``Content-Disposition`` for a download named ``filename`` (RFC 6266 / RFC 5987): the
    real, UTF-8 name in ``filename*`` and an ASCII ``fallback`` for clients without it."""
    ascii_name = fallback.encode("ascii", "ignore").decode().replace('"', "").replace("\\", "")
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"
