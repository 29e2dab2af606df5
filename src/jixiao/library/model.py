"""The library as data: entries with their value statistics, saved as one JSON file."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError

from jixiao._exceptions import JixiaoError
from jixiao.library.names import normalise_name

__all__ = [
    "FORMAT",
    "Entry",
    "Library",
    "LibraryError",
    "ValueStats",
    "load_library",
    "unit_key",
]

FORMAT: Literal["jixiao-indicator-library"] = "jixiao-indicator-library"
VERSION = 1


def unit_key(unit: str | None) -> str:
    """The unit of measure values are grouped by: ``百分比`` is ``%``, none is ``""``."""
    unit = (unit or "").strip()
    return "%" if unit in ("百分比", "％") else unit


class LibraryError(JixiaoError):
    """The library file can't be used."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ValueStats(_Model):
    """The numbers of one entry's values in one unit of measure."""

    unit: str
    """计量单位 as printed after normalising (``%``, ``个``, ``万元`` …)."""
    op: str | None
    """The most common operator (``>=``, ``<=``, ``=`` …)."""
    n: int
    minimum: float
    p10: float
    p25: float
    median: float
    p75: float
    p90: float
    maximum: float
    typical: str
    """The most common value as operator, number and unit (``≥95%``), however written."""


class Entry(_Model):
    key: str
    """The normalised name (``names.normalise_name``) of the cluster's most common variant."""
    name: str
    """The most common spelling."""
    variants: dict[str, int]
    """Every spelling seen → how many indicators used it."""
    level1: str
    level2: str
    category: str | None
    count: int
    """Indicators in the cluster."""
    documents: int
    units: int
    unit_names: list[str]
    """Up to 20 units that use it, most frequent first."""
    values: list[ValueStats] = Field(default_factory=list)
    """One per unit of measure with numbers, most used first."""
    unquantified: int = 0
    """Indicators of the cluster whose value has no number."""

    def stats_for(self, unit: str | None) -> ValueStats | None:
        key = unit_key(unit)
        return next((v for v in self.values if v.unit == key), None)


class Library(_Model):
    format: Literal["jixiao-indicator-library"] = FORMAT
    version: int = VERSION
    built: str = Field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))
    sources: list[str] = Field(default_factory=list)
    documents: int = 0
    indicators: int = 0
    entries: list[Entry] = Field(default_factory=list)
    _index: dict[str, Entry] | None = PrivateAttr(default=None)

    def lookup(self, name: str) -> Entry | None:
        """The entry whose key or one of whose variants is ``name`` (normalised)."""
        if self._index is None:
            self._index = {}
            for entry in self.entries:
                self._index.setdefault(entry.key, entry)
                for variant in entry.variants:
                    self._index.setdefault(normalise_name(variant), entry)
        return self._index.get(normalise_name(name))

    def search(self, text: str, limit: int = 10) -> list[Entry]:
        """Entries whose name contains ``text`` (normalised), most used first."""
        needle = normalise_name(text)
        if not needle:
            return []
        hits = [e for e in self.entries if needle in e.key or any(needle in v for v in e.variants)]
        hits.sort(key=lambda e: (not e.key.startswith(needle), -e.count, e.key))
        return hits[:limit]

    def save(self, path: Path) -> None:
        path.write_text(self.model_dump_json(indent=1), encoding="utf-8")


def load_library(path: Path) -> Library:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise LibraryError(
            "指标库文件不存在", source=str(path), hint="请先用 jixiao library build 生成指标库。"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise LibraryError(f"无法读取指标库文件（{exc}）", source=str(path)) from None
    try:
        return Library.model_validate_json(text)
    except ValidationError:
        raise LibraryError(
            "这个文件不是 jixiao 指标库，或已损坏",
            source=str(path),
            hint="请用 jixiao library build 重新生成。",
        ) from None
