"""Reading a filled actuals workbook (填报表, see ``template.py``) back onto its document.

Every row must name a project of the document (项目序号 + 项目编码) and, on the 指标 sheet,
one of that project's indicators by its identity key; anything that does not match, and any
cell that is not what its column asks for (a number, one of the official causes …), is
refused with its sheet, row and column named — all problems at once, so a unit can fix the
file in one go. Rows whose input columns are all blank are skipped.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

import python_calamine

from jixiao._exceptions import JixiaoError
from jixiao.lifecycle.formulas import fmt
from jixiao.lifecycle.workbook import (
    BUDGET_SHEET,
    DEPARTMENT,
    INDICATOR_SHEET,
    INFO_SHEET,
    KIND_LABELS,
    Kind,
    budget_columns,
    indicator_columns,
)
from jixiao.model.document import Department, Document, Indicator, Project
from jixiao.model.identity import indicator_keys
from jixiao.model.lifecycle import (
    CAUSES,
    LIKELIHOODS,
    TIERS,
    Cause,
    IndicatorProgress,
    IndicatorResult,
    Likelihood,
    MonitoringRecord,
    SelfEvaluation,
    Tier,
)
from jixiao.values import parse_value

__all__ = ["ActualsError", "apply_actuals"]

_MAX_PROBLEMS = 20
_CAUSE_SPLIT = re.compile(r"[、,，;；/\s]+")


class ActualsError(JixiaoError):
    """A filled workbook that does not fit its document."""


@dataclass
class _Unit:
    label: str
    indicators: list[Indicator]
    keys: list[str]
    budget: dict[str, Any] = field(default_factory=dict)
    rows: list[IndicatorProgress | IndicatorResult] = field(default_factory=list)


@dataclass
class _Sheet:
    """A worksheet's cell values, read once by calamine (openpyxl's own reading costs as much
    as the whole import; calamine is ~15× faster on a 1,000-project workbook)."""

    title: str
    rows: list[tuple[Any, ...]]

    def iter_rows(
        self, min_row: int = 1, max_row: int | None = None, values_only: bool = True
    ) -> Iterator[tuple[Any, ...]]:
        yield from self.rows[min_row - 1 : max_row]


def _cell(value: Any) -> Any:
    """calamine's value as openpyxl gives it: blank → None, a whole float → int."""
    if value == "":
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _load(data: bytes, name: str) -> dict[str, _Sheet]:
    try:
        book = python_calamine.load_workbook(io.BytesIO(data))
        with book:
            return {
                sheet: _Sheet(
                    sheet,
                    [
                        tuple(_cell(v) for v in row)
                        for row in book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
                    ],
                )
                for sheet in book.sheet_names
                if sheet in (INFO_SHEET, BUDGET_SHEET, INDICATOR_SHEET)
            }
    except (
        python_calamine.CalamineError,
        zipfile.BadZipFile,
        KeyError,
        OSError,
        ValueError,
    ) as exc:
        raise ActualsError(
            "不是有效的填报表 XLSX 文件",
            source=name,
            hint="请用 jixiao template 生成填报表，填写后保存为 .xlsx。",
        ) from exc


def apply_actuals(doc: Document, data: bytes, name: str) -> tuple[Document, Kind, int]:
    """``doc`` with the workbook's actuals attached, the workbook's stage and its month."""
    book = _load(data, name)
    for sheet in (INFO_SHEET, BUDGET_SHEET, INDICATOR_SHEET):
        if sheet not in book:
            raise ActualsError(
                f"填报表缺少“{sheet}”工作表",
                source=name,
                hint="请使用 jixiao template 生成的填报表。",
            )
    kind, month = _info(book[INFO_SHEET], name)
    units = _units(doc)
    problems: list[str] = []
    _read_budget(book[BUDGET_SHEET], kind, month, units, problems)
    _read_indicators(book[INDICATOR_SHEET], kind, month, units, problems)
    if problems:
        shown = problems[:_MAX_PROBLEMS]
        more = len(problems) - len(shown)
        text = "\n".join(shown) + (f"\n……另有 {more} 处问题" if more else "")
        raise ActualsError(
            f"填报表有 {len(problems)} 处问题，未读取：\n{text}",
            source=name,
            hint="请按提示修改后重新读取；灰色列和“指标标识”不要改动。",
        )
    return _attach(doc, kind, month, units), kind, month


def _info(sheet: Any, name: str) -> tuple[Kind, int]:
    values = {str(row[0]).strip(): row[1] for row in sheet.iter_rows(values_only=True) if row[0]}
    label = str(values.get("填报类型") or "").strip()
    kinds = {v: k for k, v in KIND_LABELS.items()}
    if label not in kinds:
        raise ActualsError(
            f"“说明”表的填报类型“{label}”无法识别（应为 运行监控 或 绩效自评）", source=name
        )
    try:
        month = int(str(values.get("截至月份")).strip())
    except ValueError:
        month = 0
    if not 1 <= month <= 12:
        raise ActualsError("“说明”表的截至月份应为 1–12 的整数", source=name)
    return kinds[label], month


def _units(doc: Document) -> dict[tuple[str, str], _Unit]:
    units: dict[tuple[str, str], _Unit] = {}
    if doc.department.indicators:
        code = doc.department.unit.code if doc.department.unit else None
        ind = doc.department.indicators
        units[(DEPARTMENT, code or "")] = _Unit(DEPARTMENT, ind, indicator_keys(ind))
    for p in doc.projects:
        units.setdefault(
            (str(p.seq), p.code or ""),
            _Unit(f"{p.seq}、{p.name}", p.indicators, indicator_keys(p.indicators)),
        )
    return units


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float | int) and not isinstance(value, bool):
        return fmt(Decimal(str(value)))
    text = str(value).strip()
    return text or None


def _columns(sheet: Any, expected: tuple[str, ...], problems: list[str]) -> dict[str, int]:
    header = [
        _text(v) or "" for v in next(sheet.iter_rows(min_row=1, max_row=1, values_only=True), ())
    ]
    found = {name: i for i, name in enumerate(header) if name}
    missing = [c for c in expected if c not in found]
    if missing:
        problems.append(f"“{sheet.title}”表缺少列：{'、'.join(missing)}")
    return found


class _Row:
    """One data row, read by column name, collecting problems with their location."""

    def __init__(
        self,
        sheet: str,
        number: int,
        cells: tuple[Any, ...],
        columns: dict[str, int],
        problems: list[str],
    ) -> None:
        self.where = f"“{sheet}”表第 {number} 行"
        self.cells = cells
        self.columns = columns
        self.problems = problems

    def text(self, column: str) -> str | None:
        i = self.columns.get(column)
        return None if i is None or i >= len(self.cells) else _text(self.cells[i])

    def number(self, column: str) -> Decimal | None:
        text = self.text(column)
        if text is None:
            return None
        try:
            value = Decimal(text.replace(",", "").replace("，", ""))
        except InvalidOperation:
            self.problems.append(f"{self.where}“{column}”的“{text}”不是数值")
            return None
        if not value.is_finite():
            self.problems.append(f"{self.where}“{column}”的“{text}”不是数值")
            return None
        return value

    def choice(self, column: str, options: tuple[str, ...]) -> str | None:
        text = self.text(column)
        if text is not None and text not in options:
            self.problems.append(
                f"{self.where}“{column}”的“{text}”不是可选值（{'、'.join(options)}）"
            )
            return None
        return text

    def unit(self, units: dict[tuple[str, str], _Unit]) -> _Unit | None:
        seq, code = self.text("项目序号") or "", self.text("项目编码") or ""
        unit = units.get((seq, code))
        if unit is None:
            self.problems.append(
                f"{self.where}：项目序号“{seq}”、项目编码“{code}”在文档中找不到对应的项目"
            )
        return unit


def _data_rows(sheet: Any, columns: dict[str, int], problems: list[str]) -> list[_Row]:
    rows = []
    for number, cells in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2):
        if all(_text(c) is None for c in cells):
            continue
        rows.append(_Row(sheet.title, number, cells, columns, problems))
    return rows


def _read_budget(
    sheet: Any, kind: Kind, month: int, units: dict[tuple[str, str], _Unit], problems: list[str]
) -> None:
    expected = budget_columns(kind, month)
    columns = _columns(sheet, expected, problems)
    for row in _data_rows(sheet, columns, problems):
        unit = row.unit(units)
        if unit is None:
            continue
        if kind == "monitor":
            values = {
                "adjusted_budget": row.number("调整后预算数"),
                "executed": row.number(expected[5]),
                "projected_executed": row.number("全年预计执行数"),
                "goal_progress": row.text("目标执行总体情况"),
            }
        else:
            values = {
                "initial_budget": row.number("年初预算数"),
                "annual_budget": row.number("全年预算数"),
                "executed": row.number("全年执行数"),
                "budget_analysis": row.text("执行率偏低原因"),
                "goal_outcome": row.text("总体目标实际完成情况"),
            }
        unit.budget = {k: v for k, v in values.items() if v is not None}


def _read_indicators(
    sheet: Any, kind: Kind, month: int, units: dict[tuple[str, str], _Unit], problems: list[str]
) -> None:
    expected = indicator_columns(kind, month)
    columns = _columns(sheet, expected, problems)
    inputs = expected[8:]
    for row in _data_rows(sheet, columns, problems):
        unit = row.unit(units)
        if unit is None:
            continue
        key = row.text("指标标识") or ""
        if key not in unit.keys:
            problems.append(f"{row.where}：指标标识“{key}”在项目“{unit.label}”中找不到")
            continue
        if all(row.text(c) is None for c in inputs if c != "分值"):
            continue
        name = unit.indicators[unit.keys.index(key)].name
        if kind == "monitor":
            unit.rows.append(_progress(row, key, name, expected[8]))
        else:
            unit.rows.append(_result(row, key, name))


def _progress(row: _Row, key: str, name: str, achieved_column: str) -> IndicatorProgress:
    causes: list[Cause] = []
    for part in _CAUSE_SPLIT.split(row.text("偏差原因") or ""):
        if not part:
            continue
        if part in CAUSES:
            causes.append(part)
        else:
            row.problems.append(
                f"{row.where}“偏差原因”的“{part}”不是规定的原因（{'、'.join(CAUSES)}）"
            )
    achieved, projected = row.text(achieved_column), row.text("全年预计完成值")
    likelihood: Likelihood | None = row.choice("完成目标可能性", LIKELIHOODS)  # type: ignore[assignment]
    return IndicatorProgress(
        indicator=key,
        name=name,
        achieved_text=achieved,
        achieved=None if achieved is None else parse_value(achieved),
        projected_text=projected,
        projected=None if projected is None else parse_value(projected),
        causes=causes,
        cause_text=row.text("偏差原因说明"),
        likelihood=likelihood,
        remark=row.text("备注"),
    )


def _result(row: _Row, key: str, name: str) -> IndicatorResult:
    actual = row.text("实际完成值")
    tier: Tier | None = row.choice("达成情况", TIERS)  # type: ignore[assignment]
    applicable = row.choice("是否适用", ("是", "否")) != "否"
    return IndicatorResult(
        indicator=key,
        name=name,
        weight=row.number("分值"),
        actual_text=actual,
        actual=None if actual is None else parse_value(actual),
        tier=tier,
        applicable=applicable,
        declared_score=row.number("填报得分"),
        analysis=row.text("偏差原因分析及改进措施"),
    )


def _attach(doc: Document, kind: Kind, month: int, units: dict[tuple[str, str], _Unit]) -> Document:
    def filled(unit: _Unit, holder: Project | Department) -> dict[str, Any]:
        if not unit.budget and not unit.rows:
            return {}
        if kind == "monitor":
            record = MonitoringRecord(month=month, indicators=unit.rows, **unit.budget)
            kept = [r for r in holder.monitoring if r.month != month]
            return {"monitoring": sorted([*kept, record], key=lambda r: r.month)}
        return {"self_evaluation": SelfEvaluation(indicators=unit.rows, **unit.budget)}

    department = doc.department
    code = department.unit.code if department.unit else None
    dept_unit = units.get((DEPARTMENT, code or ""))
    if dept_unit is not None:
        department = department.model_copy(update=filled(dept_unit, department))
    projects = []
    for p in doc.projects:
        unit = units[(str(p.seq), p.code or "")]
        projects.append(
            p.model_copy(update=filled(unit, p)) if unit.indicators is p.indicators else p
        )
    return doc.model_copy(update={"department": department, "projects": projects})
