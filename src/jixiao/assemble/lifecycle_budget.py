"""The budget block of a 自评表 / 监控表 split by source of funds (财政拨款 / 其他资金 …).

Provinces split the block's figures by source in two ways, and both are read by column:

- **columns** (Sichuan style): 财政拨款 | 其他资金 printed under each of 年初预算数 / 全年预算数 /
  全年执行数 (a second header row). ``source_columns`` turns that row into labels of their own
  (``年初预算数（财政拨款）``), so every figure is kept under its column; ``lifecycle_tables``
  adds the parts up into the record (or checks them against a 合计 column);
- **rows** (central template): 其中：当年财政拨款 / 上年结转资金 / 其他资金 under 年度资金总额.
  Those rows stay kept as printed; ``BudgetRows`` checks, column by column, that they add up
  to the total row above them.

Parts that do not add up to their total are a ``lifecycle_budget_mismatch`` warning at the
total's cell: the figures are kept as printed, never corrected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from jixiao.assemble.labels import PERIOD, LabelMatch, label_key
from jixiao.layout import Cell, LayoutWarning, Position

__all__ = [
    "AMOUNT_KEYS",
    "SOURCE_KEYS",
    "TOTAL_KEYS",
    "BudgetRows",
    "is_amount_label",
    "mismatch_warning",
    "source_columns",
    "split_part",
]

SOURCE_KEYS = frozenset(
    {
        "财政拨款",
        "其中财政拨款",
        "当年财政拨款",
        "其中当年财政拨款",
        "本年财政拨款",
        "财政资金",
        "其中财政资金",
        "一般公共预算",
        "财政性资金",
        "财政专户管理资金",
        "单位资金",
        "其他资金",
        "其中其他资金",
        "自有资金",
        "上年结转",
        "上年结转资金",
        "其中上年结转资金",
    }
)
TOTAL_KEYS = frozenset({"合计", "小计", "总计", "年度资金总额", "资金总额"})
# Budget-block labels whose figures are amounts (the parts of an amount add up; a rate's
# or a score's do not).
AMOUNT_KEYS = frozenset(
    {
        "年初预算数",
        "年初预算",
        "调整预算数",
        "调整后预算数",
        "全年调整预算数",
        "全年预算数",
        "全年执行数",
        "预算执行数",
        "执行数",
        "全年预计执行数",
    }
)
_PART = re.compile(r"^(.+)（([^（）]+)）$")
_FIGURE = re.compile(r"^[-+]?[0-9][0-9,，]*(?:\.[0-9]+)?$")


def is_amount_label(label: str) -> bool:
    key = label_key(label)
    period = PERIOD.match(key)
    return (key[period.end() :] if period else key) in AMOUNT_KEYS


def split_part(label: str) -> tuple[str, str | None]:
    """``年初预算数（财政拨款）`` → (``年初预算数``, ``财政拨款``); a label without a source part
    (``全年预算数（万元）``) → (label, None)."""
    found = _PART.match(label)
    if found is None:
        return label, None
    key = label_key(found.group(2))
    if key not in SOURCE_KEYS and key not in TOTAL_KEYS:
        return label, None
    return found.group(1), found.group(2)


def is_total_part(part: str) -> bool:
    return label_key(part) in TOTAL_KEYS


def source_columns(labels: dict[int, LabelMatch], row: list[Cell]) -> dict[int, LabelMatch] | None:
    """The labels under which the next row's figures stand, when ``row`` is a second header
    row of sources (财政拨款 | 其他资金) under a 自评表's amount labels; None otherwise."""
    if not any(m.field == "lifecycle" and is_amount_label(m.label) for m in labels.values()):
        return None  # a target table's own 年度资金总额 | 财政拨款 header is not this
    amounts = sorted(col for col, m in labels.items() if is_amount_label(m.label))
    filled = [c for c in row if c.text.strip()]
    if not filled or not amounts:
        return None
    out = dict(labels)
    for cell in filled:
        text = " ".join(cell.text.split())
        key = label_key(text)
        owners = [col for col in amounts if col <= cell.col]
        if (key not in SOURCE_KEYS and key not in TOTAL_KEYS) or not owners:
            return None
        later = [col for col in labels if owners[-1] < col <= cell.col]
        if later:
            return None  # the part stands under another label than the amount's
        out[cell.col] = LabelMatch("lifecycle", f"{labels[owners[-1]].label}（{text}）", "")
    return out


def _figure(text: str) -> Decimal | None:
    compact = "".join(text.split())
    if not _FIGURE.match(compact):
        return None
    try:
        return Decimal(compact.replace(",", "").replace("，", ""))
    except InvalidOperation:
        return None


def mismatch_warning(label: str, total: Decimal, parts: Decimal, where: Position) -> LayoutWarning:
    return LayoutWarning(
        "lifecycle_budget_mismatch",
        f"预算执行情况“{label}”为 {total}，但各资金来源合计为 {parts}，两者不一致；"
        "已按原表保留，请核对原件",
        where,
    )


@dataclass
class BudgetRows:
    """The 年度资金总额 row's figures and the source rows under it, column by column."""

    totals: dict[int, tuple[str, Decimal, Cell]] = field(default_factory=dict)
    parts: dict[int, Decimal] = field(default_factory=dict)
    rows: int = 0
    open: bool = False

    def totals_row(self, labels: dict[int, LabelMatch], cells: dict[int, Cell]) -> None:
        """The figures just read under the block's labels (the 年度资金总额 row)."""
        if self.totals or not any(m.field == "lifecycle" for m in labels.values()):
            return
        for col, cell in cells.items():
            value = _figure(cell.text)
            if value is not None and is_amount_label(labels[col].label):
                self.totals[col] = (labels[col].label, value, cell)
        self.open = bool(self.totals)

    def part_row(self, row: list[Cell]) -> None:
        """A row under the totals: a source row (其中：财政拨款 …) adds its figures up."""
        if not self.open:
            return
        first = next((c for c in row if c.text.strip()), None)
        if first is None or label_key(first.text) not in SOURCE_KEYS:
            self.open = False
            return
        self.rows += 1
        for cell in row:
            value = _figure(cell.text) if cell.col in self.totals else None
            if value is not None:
                self.parts[cell.col] = self.parts.get(cell.col, Decimal(0)) + value

    def warnings(self) -> list[LayoutWarning]:
        """A total its source rows do not add up to (two rows or more: one 其中 row alone is
        a part, not a split)."""
        if self.rows < 2:
            return []
        return [
            mismatch_warning(label, total, self.parts[col], cell.position)
            for col, (label, total, cell) in sorted(self.totals.items())
            if col in self.parts and self.parts[col] != total
        ]
