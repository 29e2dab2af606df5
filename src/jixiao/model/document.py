"""The jixiao document model ("jixiao document", schema version 2).

This is the public, open interface every other part speaks: readers produce it (through the
assembler), rules review it, storage keeps it and renderers print it. Field names are part of
the published JSON form, so they change only with a new schema version.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    WithJsonSchema,
    model_validator,
)

__all__ = [
    "SCHEMA_VERSION",
    "Budget",
    "Department",
    "DepartmentTask",
    "Document",
    "DocumentWarning",
    "ExtraField",
    "Indicator",
    "IndicatorValue",
    "MidTermTarget",
    "Number",
    "Project",
    "SourceFormat",
    "SourceInfo",
    "SourceLocation",
    "SpendingPoint",
    "Unit",
    "ValueParts",
]

SCHEMA_VERSION: Literal["2"] = "2"


def _decimal_to_json(value: Decimal) -> float | int:
    # Amounts are kept as exact Decimals in Python. In JSON they are plain numbers; every
    # amount in these documents has far fewer than 15 significant digits, so the shortest
    # float repr is the decimal's own digits (72.64 stays 72.64, never 72.6400000001).
    if value == value.to_integral_value() and abs(value) < 10**15:
        return int(value)
    return float(value)


Number = Annotated[
    Decimal,
    PlainSerializer(_decimal_to_json, return_type=Any, when_used="json"),
    WithJsonSchema({"type": "number"}),
]
"""An exact decimal that is written to JSON as a number."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False, validate_assignment=True)


def _empty(value: Any) -> bool:
    return value is None or value == []


def _optional(default: Any = None) -> Any:
    """A field added to schema version 1 after its first release: optional, and left out of
    the JSON while empty, so documents without it are written exactly as before."""
    if default is list:
        return Field(default_factory=list, exclude_if=_empty)
    return Field(default=default, exclude_if=_empty)


class SourceLocation(_Model):
    """Where something was found in the input, so findings can point at evidence.

    Text inputs fill ``line``/``end_line`` (1-based); paged and tabular formats fill
    ``page``, ``table``, ``row``, ``col`` (1-based) and, where known, ``bbox`` or ``sheet``.
    """

    line: int | None = None
    end_line: int | None = None
    page: int | None = None
    table: int | None = None
    row: int | None = None
    col: int | None = None
    sheet: str | None = None
    bbox: tuple[float, float, float, float] | None = None


class ExtraField(_Model):
    """A labelled cell the reader did not map to a field, kept as printed (never dropped)."""

    label: str
    text: str
    source: SourceLocation | None = None


SourceFormat = Literal[
    "text", "docx", "pdf", "xlsx", "xls", "doc", "wps", "et", "json", "image", "html"
]


class SourceInfo(_Model):
    name: str
    format: SourceFormat
    sha256: str


class Unit(_Model):
    code: str | None = None
    name: str | None = None


class Budget(_Model):
    total: Number | None = None
    fiscal: Number | None = None
    other: Number | None = None


class SpendingPoint(_Model):
    """Cumulative share of the budget planned to be spent by the end of ``month``."""

    month: Literal[3, 6, 10, 12]
    percent: Number | None = None


ValueKind = Literal["quantitative", "qualitative", "empty"]
Operator = Literal[">=", "<=", "=", ">", "<"]


class IndicatorValue(_Model):
    """The parsed meaning of an indicator's 指标值 (see ``jixiao.values``).

    ``anomalies`` holds stable codes for anything odd in the printed text; the printed text
    itself is never altered (it stays in ``Indicator.value_text``).
    """

    kind: ValueKind
    op: Operator | None = None
    number: Number | None = None
    upper: Number | None = None
    unit: str | None = None
    text: str | None = None
    date: str | None = None
    anomalies: list[str] = Field(default_factory=list)


class ValueParts(_Model):
    """The printed pieces of a 指标值 split over columns (一体化 system exports): 指标性质 or
    计算符号, 指标值 or 目标值, 度量单位 or 计量单位. ``Indicator.value_text`` joins them."""

    operator: str | None = None
    value: str | None = None
    unit: str | None = None


class MidTermTarget(_Model):
    """The 中期 (implementation-period) target printed beside the 年度 one in the same row."""

    level2: str | None = None
    name: str | None = None
    value_text: str
    value: IndicatorValue


Direction = Literal["positive", "reverse"]


class Indicator(_Model):
    level1: str
    level2: str
    category: str | None = None
    name: str
    description: str | None = None
    value_text: str
    value: IndicatorValue
    basis: str | None = None
    source: SourceLocation = Field(default_factory=SourceLocation)
    value_parts: ValueParts | None = _optional()
    weight: Number | None = _optional()
    direction: Direction | None = _optional()
    core: bool | None = _optional()
    scoring: str | None = _optional()
    mid_term: MidTermTarget | None = _optional()
    extra: list[ExtraField] = _optional(list)


class DepartmentTask(_Model):
    """One 年度主要任务 of a department-wide target table (family G)."""

    name: str
    content: str | None = None
    budget: Budget = Field(default_factory=Budget)


FormPart = Literal["code", "purpose", "spending_plan", "description", "basis", "department_goals"]


class Department(_Model):
    overall_goals: list[str] = Field(default_factory=list)
    sub_goals: list[str] = Field(default_factory=list)
    safeguards: list[str] = Field(default_factory=list)
    unit: Unit | None = _optional()
    functions: str | None = _optional()
    money_unit: Literal["万元", "元"] | None = _optional()
    budget: Budget | None = _optional()
    tasks: list[DepartmentTask] = _optional(list)
    indicators: list[Indicator] = _optional(list)
    extra: list[ExtraField] = _optional(list)
    monitoring: list[MonitoringRecord] = _optional(list)
    self_evaluation: SelfEvaluation | None = _optional()
    form_lacks: list[FormPart] = _optional(list)
    """``department_goals`` when the document has no part one at all (project tables published
    on their own): no heading of 总体绩效目标, 分项绩效目标 or 工作保障措施 was met."""


class Project(_Model):
    seq: int
    title: str | None = None
    unit: Unit = Field(default_factory=Unit)
    code: str | None = None
    name: str
    money_unit: Literal["万元", "元"] = "万元"
    budget: Budget = Field(default_factory=Budget)
    purpose: str | None = None
    spending_plan: list[SpendingPoint] = Field(default_factory=list)
    goals: list[str] = Field(default_factory=list)
    indicators: list[Indicator] = Field(default_factory=list)
    source: SourceLocation = Field(default_factory=SourceLocation)
    mid_term_budget: Budget | None = _optional()
    mid_term_goals: list[str] = _optional(list)
    extra: list[ExtraField] = _optional(list)
    form_lacks: list[FormPart] = _optional(list)
    """Parts the source form does not print at all (no label, no column): a blank field of a
    form that has no place for it is not the unit's omission."""
    monitoring: list[MonitoringRecord] = _optional(list)
    self_evaluation: SelfEvaluation | None = _optional()


class DocumentWarning(_Model):
    """Something the reader noticed but could recover from; ``message`` is for users (Chinese)."""

    model_config = ConfigDict(title="Warning")

    code: str
    message: str
    project_seq: int | None = None
    source: SourceLocation | None = None


class Document(_Model):
    schema_version: Literal["2"] = "2"
    source: SourceInfo
    title: str | None = None
    fiscal_year: int | None = None
    department: Department = Field(default_factory=Department)
    projects: list[Project] = Field(default_factory=list)
    warnings: list[DocumentWarning] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _migrate(cls, data: Any) -> Any:
        """Older documents are brought to this version as they are read (``migrate.py``)."""
        return migrate_document(data)

    def to_json(self, *, indent: int | None = 2) -> str:
        """The public JSON form (UTF-8 text, Chinese kept as is)."""
        return self.model_dump_json(indent=indent)

    @classmethod
    def from_json(cls, text: str | bytes) -> Document:
        return cls.model_validate_json(text)


# The lifecycle models use the value types above, so they are imported (and the models that
# hold them completed) only now; ``jixiao.model`` always imports this module first.
from jixiao.model.lifecycle import MonitoringRecord, SelfEvaluation  # noqa: E402
from jixiao.model.migrate import migrate_document  # noqa: E402

Department.model_rebuild()
Project.model_rebuild()
Document.model_rebuild()
