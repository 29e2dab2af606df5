"""The declarative base and the column types every table uses.

``Amount`` keeps money exact: ``Numeric(20, 6)`` in the database, ``Decimal`` in Python, and a
canonical scale on the way out (at least two decimals, as 绩效目标表 print them: ``72.64`` stays
``Decimal('72.64')``, ``100`` comes back as ``Decimal('100.00')``; equal values either way).
``UTCDateTime`` stores aware UTC timestamps on both SQLite (which has no time zones) and
PostgreSQL. ``JSONData`` is plain ``JSON`` on both databases (PostgreSQL ``json``, not ``jsonb``,
so objects keep their key order).
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

from sqlalchemy import JSON, DateTime, MetaData, Numeric
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.types import TypeDecorator, TypeEngine

from jixiao.store.errors import StoreError

__all__ = ["AMOUNT_PLACES", "Amount", "Base", "JSONData", "UTCDateTime", "utcnow"]

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
"""Stable constraint names, so later migrations (and SQLite batch mode) can refer to them."""

AMOUNT_PLACES = 6
"""Decimal places kept for amounts: 0.000001 万元 is one hundredth of a 元."""

_QUANTUM = Decimal(1).scaleb(-AMOUNT_PLACES)
_CENT = Decimal("0.01")
_SQLITE_DIGITS = 15
"""SQLite has no decimal type; a REAL holds 15 significant digits exactly."""


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def utcnow() -> datetime:
    return datetime.now(UTC)


def canonical_amount(value: Decimal) -> Decimal:
    """``72.640000`` → ``72.64``; ``100`` → ``100.00``; ``0.123400`` → ``0.1234``."""
    value = value.normalize()
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent > -2:
        value = value.quantize(_CENT)
    return value


class Amount(TypeDecorator[Decimal]):
    """An exact amount: ``Numeric(20, 6)``, rounded half-even to six places when stored."""

    impl = Numeric(20, AMOUNT_PLACES, asdecimal=True)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            # SQLite stores a REAL either way; converting it ourselves avoids SQLAlchemy's
            # "does not support Decimal objects natively" warning and rounding by float.
            return dialect.type_descriptor(Numeric(20, AMOUNT_PLACES, asdecimal=False))
        return dialect.type_descriptor(Numeric(20, AMOUNT_PLACES, asdecimal=True))

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if not value.is_finite():
            raise StoreError(f"金额 {value} 不是有效的数字")
        rounded = value.quantize(_QUANTUM, rounding=ROUND_HALF_EVEN)
        digits = len(rounded.normalize().as_tuple().digits)
        if len(rounded.as_tuple().digits) > 20:
            raise StoreError(f"金额 {value} 超出可保存的范围（最多 14 位整数、6 位小数）")
        if dialect.name == "sqlite":
            if digits > _SQLITE_DIGITS:
                raise StoreError(
                    f"金额 {value} 的有效数字超过 {_SQLITE_DIGITS} 位，SQLite 无法精确保存",
                    hint="请使用 PostgreSQL 数据库（设置 JIXIAO_DATABASE_URL）。",
                )
            return float(rounded)
        return rounded

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        if isinstance(value, float):
            # repr() of a float is the shortest text that reads back as the same float,
            # which is the decimal that was stored (at most 15 significant digits).
            value = Decimal(repr(value)).quantize(_QUANTUM)
        return canonical_amount(Decimal(value))


class UTCDateTime(TypeDecorator[datetime]):
    """An aware UTC timestamp (naive datetimes are refused: their zone is unknown)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise StoreError("内部错误：时间没有时区（应使用 UTC 时间）")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


JSONData = JSON(none_as_null=True)
"""JSON on both databases; Python ``None`` is stored as SQL NULL."""
