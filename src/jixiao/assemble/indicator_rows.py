"""One indicator row → an ``Indicator``, by the roles of its columns (``columns``).

Merged 一级/二级 cells, whether spans (DOCX, XLSX, HTML, PDF) or blank cells (text exports,
filled-down lists), are inherited from the row above. Split value columns are joined into the
one 指标值 the grammar parses, keeping the printed pieces. A row cut by a page break continues
the indicator above it: at the top of the next page, no levels of its own, and either no name
or only the rest of a cut name (with the value cells empty, as they fitted on the page before).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from jixiao.assemble.columns import Columns
from jixiao.layout import Cell, LayoutWarning, Position
from jixiao.model import (
    ExtraField,
    Indicator,
    IndicatorValue,
    MidTermTarget,
    ValueParts,
    categorize,
)
from jixiao.model.categories import level1_for
from jixiao.textutil import ANY_SPACE, join_wrapped, normalize_space, to_simplified
from jixiao.values import parse_value

__all__ = ["IndicatorRows", "fits_column", "one_line"]

_OPERATOR_START = re.compile(
    r"^\s*(?:[≥≤><=＞＜＝≧≦]|不低于|不少于|不高于|不超过|大于|小于|等于|以上|以下)"
)
_QUALITATIVE_OPS = {"定性", "定性指标"}
_NO_OPS = {"定量", "定量指标", "数值", "数量"}
_DIRECTIONS = {
    "正向": "positive",
    "正向指标": "positive",
    "正": "positive",
    "越大越好": "positive",
    "反向": "reverse",
    "反向指标": "reverse",
    "逆向": "reverse",
    "反": "reverse",
    "越小越好": "reverse",
}
_VALUE_ROLES = {"value", "operator", "unit"}
_ROW_KEY_ROLES = {"name", "value", "operator"}
_YES = {"是", "√", "✓", "★", "Y", "y", "核心", "核心指标"}
_NO = {"否", "×", "N", "n", "非核心"}


def fits_column(role: str, text: str) -> bool | None:
    """Whether ``text`` can stand in a column of this role, for the roles whose cells have a
    known shape (an operator, a unit, a weight, a direction, 是/否); None for free text."""
    key = "".join(to_simplified(text).split())
    if role == "operator":
        return bool(_OPERATOR_START.match(key)) or key in _QUALITATIVE_OPS | _NO_OPS
    if role == "weight":
        try:
            Decimal(key.rstrip("分%％"))
        except InvalidOperation:
            return False
        return True
    if role == "direction":
        return key in _DIRECTIONS
    if role == "core":
        return key in _YES or key in _NO
    if role == "unit":
        return (
            0 < len(key) <= 6
            and not any(ch.isdigit() for ch in key)
            and (key not in _DIRECTIONS and key not in _YES and key not in _NO)
        )
    return None


def one_line(text: str) -> str:
    if ANY_SPACE.search(text) is None:
        return text  # no line break, no space: already one line
    return normalize_space(join_wrapped(text.split("\n")).replace("\n", ""))


@lru_cache(maxsize=4096)
def _parsed(text: str) -> IndicatorValue:
    return parse_value(text)


def _value_of(text: str) -> IndicatorValue:
    """``parse_value`` once per printed 指标值 (tables repeat ≥95%, 100% …); each indicator
    gets its own copy: its fields are immutable values but for the list, copied in place so
    that the copy's set fields stay those of the parse."""
    parsed = _parsed(text)
    copied = parsed.model_copy()
    copied.__dict__["anomalies"] = list(parsed.anomalies)
    return copied


_NOTE_LABELS = frozenset({"备注", "说明", "注", "填表说明", "备注说明", "附注"})
"""First cells that make a row under the indicators a note rather than an indicator."""


@dataclass
class IndicatorRows:
    """Reads the indicator rows of one project's table(s) with the current column roles."""

    columns: Columns
    indicators: list[Indicator] = field(default_factory=list)
    warnings: list[LayoutWarning] = field(default_factory=list)
    last_row_short: bool = False
    _level1: str = ""
    _level2: str = ""
    _mid_level2: str = ""
    _last_page: int | None = None

    def add(self, grid_row: list[Cell | None], r: int, header_width: int) -> None:
        own = {c: cell for c, cell in enumerate(grid_row) if cell is not None and cell.row == r}
        fields, inherited = self._fields(self.columns.roles, grid_row, r, self.columns.spans)
        cells = [cell for cell in own.values()]
        if not any(v for k, v in fields.items() if not inherited[k]) and not any(
            cell.text.strip() for cell in cells
        ):
            return  # an empty row (the exports leave them at the end of tables)
        page = min((c.position.page for c in cells if c.position.page), default=None)
        if self._note_row(cells) or self._malformed_row(grid_row, r):
            return
        if self._continues_previous(fields, inherited, page):
            self._join(fields, inherited, grid_row, r)
            self._last_page = page
            return
        self._last_page = page
        self.last_row_short = self._short(grid_row, header_width)
        own_level1 = "" if inherited.get("level1") else one_line(fields.get("level1", ""))
        own_level2 = "" if inherited.get("level2") else one_line(fields.get("level2", ""))
        if own_level1:
            level1, level2 = own_level1, own_level2
        else:
            level1, level2 = self._level1, own_level2 or self._level2
        if not level1 and level2:
            level1 = level1_for(level2) or ""
        self._level1, self._level2 = level1, level2
        value_text, parts = _value(fields)
        lines = [n for c in cells for n in (c.position.line, c.position.end_line) if n]
        first = min(cells, key=lambda c: c.col).position if cells else Position()
        position = Position(
            line=min(lines) if lines else None,
            end_line=max(lines) if lines else None,
            page=first.page,
            table=first.table,
            row=first.row,
            sheet=first.sheet,
        )
        extra = (
            [
                ExtraField(
                    label=label, text=one_line(own[c].text), source=own[c].position.to_location()
                )
                for c, label in self.columns.unknown.items()
                if c in own and own[c].text.strip()
            ]
            if self.columns.unknown
            else []
        )
        extra[:0] = [  # 自评表 / 监控表 cells, read into the records by ``lifecycle_tables``
            ExtraField(
                label=title, text=one_line(own[c].text), source=own[c].position.to_location()
            )
            for c, title in self.columns.titles.items()
            if c in own and own[c].text.strip()
        ]
        optional: dict[str, object] = {
            "value_parts": parts,
            "weight": self._weight(fields.get("weight", ""), position),
            "direction": _direction(fields.get("direction", "")),
            "core": _core(fields.get("core", "")),
            "scoring": one_line(fields.get("scoring", "")) or None,
            "mid_term": self._mid_term(grid_row, r),
            "extra": extra,
        }
        self.indicators.append(
            Indicator(
                level1=level1,
                level2=level2,
                category=categorize(level1, level2),
                name=one_line(fields.get("name", "")),
                description=one_line(fields.get("description", "")) or None,
                value_text=value_text,
                value=_value_of(value_text),
                basis=one_line(fields.get("basis", "")) or None,
                source=position.to_location(),
                **{k: v for k, v in optional.items() if v is not None and v != []},
            )
        )

    def _note_row(self, cells: list[Cell]) -> bool:
        """A row under the indicators that is a note (``备注 | 无``, ``说明：…``), not an
        indicator: kept as a warning with its text instead of a junk indicator."""
        own = sorted((c for c in cells if c.text.strip()), key=lambda c: c.col)
        if not own:
            return False
        label = "".join(own[0].text.split()).rstrip(":：")
        if label.split("：", 1)[0].split(":", 1)[0] not in _NOTE_LABELS:
            return False
        texts: list[str] = []
        for c in own:  # a merged cell is listed once per column it spans
            if one_line(c.text) not in texts:
                texts.append(one_line(c.text))
        text = "：".join(texts[:1]) + ("：" + "；".join(texts[1:]) if texts[1:] else "")
        self.warnings.append(
            LayoutWarning(
                "table_note",
                f"指标表下方的“{text}”是备注说明，不是绩效指标，未作为指标读取",
                own[0].position,
            )
        )
        return True

    def _malformed_row(self, grid_row: list[Cell | None], r: int) -> bool:
        """A row whose one cell spans the 一级, 二级 and 三级 columns is not an indicator (a
        table title or unit line that damage moved among the rows, a section heading): kept
        as a warning with its text, never as an indicator named after itself."""
        spanning = [
            grid_row[c] if c < len(grid_row) else None
            for c, role in self.columns.roles.items()
            if role in ("level1", "level2", "name")
        ]
        if len(spanning) < 3 or spanning[0] is None or spanning[0].row != r:
            return False
        if any(cell is not spanning[0] for cell in spanning) or not spanning[0].text.strip():
            return False
        self.warnings.append(
            LayoutWarning(
                "indicator_row_malformed",
                f"指标表中的一行（“{one_line(spanning[0].text)[:40]}”）一个单元格横跨一级、"
                "二级和三级指标栏，不是指标行，未作为指标读取；请核对原件",
                spanning[0].position,
            )
        )
        return True

    def _short(self, grid_row: list[Cell | None], header_width: int) -> bool:
        """A row cut off (a file ending mid-table): fewer cells than the header, and one of
        the cells that make an indicator (name, value) missing; a blank trailing 备注 lost in
        a copy is not a cut."""
        if sum(1 for c in grid_row if c is not None) >= header_width:
            return False
        key = [col for col, role in self.columns.roles.items() if role in _ROW_KEY_ROLES]
        return any(col >= len(grid_row) or grid_row[col] is None for col in key)

    @staticmethod
    def _fields(
        roles: dict[int, str],
        grid_row: list[Cell | None],
        r: int,
        spans: dict[int, int] | None = None,
    ) -> tuple[dict[str, str], dict[str, bool]]:
        fields: dict[str, str] = {}
        inherited: dict[str, bool] = {}
        for i, name in roles.items():
            cell = grid_row[i] if i < len(grid_row) else None
            fields[name] = cell.text.strip() if cell is not None else ""
            inherited[name] = cell is not None and cell.row != r
            if spans and i in spans:  # 指标值 over two columns: ``≥20 | 公里`` is one value
                covered: list[Cell] = []
                for k in range(i, min(i + spans[i], len(grid_row))):
                    other = grid_row[k]
                    if other is not None and all(other is not c for c in covered):
                        covered.append(other)
                fields[name] = "".join(c.text.strip() for c in covered)
        return fields, inherited

    def _continues_previous(
        self, fields: dict[str, str], inherited: dict[str, bool], page: int | None
    ) -> bool:
        """A row broken by a page break: the rest of its cells at the top of the next page,
        continued per column (see the module docstring)."""
        if not self.indicators or page is None or self._last_page is None:
            return False
        if page <= self._last_page:
            return False
        own = {role for role, text in fields.items() if text and not inherited.get(role)}
        if own & {"level1", "level2"}:
            return False
        if "name" not in own:
            return True
        # The name cell itself was cut: the rest of it continues, while the cells that fitted
        # on the page before (the value) are empty here; a new indicator has its own value.
        value_roles = _VALUE_ROLES & set(fields)
        previous = self.indicators[-1]
        return bool(value_roles) and not own & value_roles and bool(previous.value_text)

    def _join(
        self,
        fields: dict[str, str],
        inherited: dict[str, bool],
        grid_row: list[Cell | None],
        r: int,
    ) -> None:
        previous = self.indicators[-1]
        update: dict[str, object] = {}
        if previous.mid_term is not None and self.columns.mid_roles:
            update["mid_term"] = self._join_mid(previous.mid_term, grid_row, r)
        name = fields.get("name", "")
        if name and not inherited.get("name"):
            update["name"] = one_line(join_wrapped([previous.name, name]))
        for role in ("description", "basis", "scoring"):
            text = fields.get(role, "")
            if text and not inherited.get(role):
                before = getattr(previous, role) or ""
                update[role] = one_line(join_wrapped([before, text]) if before else text)
        value_text, _parts = _value(fields)
        if value_text and not inherited.get("value"):
            joined = join_wrapped([previous.value_text, value_text])
            update["value_text"] = joined
            update["value"] = parse_value(joined)
        self.indicators[-1] = previous.model_copy(update=update)

    def _join_mid(self, mid: MidTermTarget, grid_row: list[Cell | None], r: int) -> MidTermTarget:
        """The 中期 block's cells continued on the next page."""
        fields, inherited = self._fields(self.columns.mid_roles, grid_row, r)
        update: dict[str, object] = {}
        name = fields.get("name", "")
        if name and not inherited.get("name"):
            update["name"] = one_line(join_wrapped([mid.name or "", name]))
        value_text, _parts = _value(fields)
        if value_text and not inherited.get("value"):
            joined = join_wrapped([mid.value_text, value_text])
            update["value_text"] = joined
            update["value"] = parse_value(joined)
        return mid.model_copy(update=update)

    def _mid_term(self, grid_row: list[Cell | None], r: int) -> MidTermTarget | None:
        if not self.columns.mid_roles:
            return None
        fields, inherited = self._fields(self.columns.mid_roles, grid_row, r)
        own_level2 = "" if inherited.get("level2") else one_line(fields.get("level2", ""))
        level2 = own_level2 or self._mid_level2
        self._mid_level2 = level2
        value_text, _parts = _value(fields)
        name = one_line(fields.get("name", ""))
        if not (value_text or name):
            return None
        return MidTermTarget(
            level2=level2 or None,
            name=name or None,
            value_text=value_text,
            value=_value_of(value_text),
        )

    def _weight(self, text: str, position: Position) -> Decimal | None:
        if not text:
            return None
        cleaned = "".join(text.split()).rstrip("分%％")
        if not cleaned:
            return None
        try:
            return Decimal(cleaned)
        except InvalidOperation:
            self.warnings.append(
                LayoutWarning(
                    "weight_unreadable",
                    f"指标权重（分值）“{text.strip()}”不是数字，已留空",
                    position,
                )
            )
            return None


def _value(fields: dict[str, str]) -> tuple[str, ValueParts | None]:
    """The printed 指标值 and, for split columns, its printed pieces."""
    if "operator" not in fields and "unit" not in fields:
        return fields.get("value", ""), None
    value = join_wrapped(fields.get("value", "").split("\n")).strip()
    op = one_line(fields.get("operator", ""))
    unit = one_line(fields.get("unit", ""))
    parts = ValueParts(operator=op or None, value=value or None, unit=unit or None)
    if not (op or unit):
        return value, parts
    text = value
    simple_op = to_simplified(op)
    has_op = op and simple_op not in _QUALITATIVE_OPS and simple_op not in _NO_OPS
    if has_op and not _OPERATOR_START.match(value):
        text = op + text
    if unit and value and simple_op not in _QUALITATIVE_OPS and not value.endswith(unit):
        text += unit
    return text, parts


def _direction(text: str) -> str | None:
    if not text:
        return None
    key = "".join(to_simplified(text).split())
    return _DIRECTIONS.get(key)


def _core(text: str) -> bool | None:
    key = "".join(text.split())
    if not key:
        return None
    if key in _YES:
        return True
    if key in _NO:
        return False
    return None
