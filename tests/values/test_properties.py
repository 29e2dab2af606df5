"""Property tests of the value grammar: total, canonical, and stable under re-rendering."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from jixiao.model.document import IndicatorValue, Operator
from jixiao.values import ANOMALIES, parse_value, render_value

FEW = settings(max_examples=150, deadline=None)
SOME = settings(max_examples=300, deadline=None)

# Pieces of real (and broken) values, so random strings often look like values.
TOKENS = [
    *("≥", "≤", ">", "<", "=", "≧", "＞", "＜", "＝", ">=", "<=", "≈", "+", "-", "—", "~", "～"),
    *("不低于", "不超过", "大于", "低于", "达到", "至少", "控制在", "约", "在", "于", "为"),
    *("以上", "以下", "以内", "内", "之内", "左右", "至", "到", "前", "之前", "完成", "底", "末"),
    *("0", "1", "2", "11", "12", "30", "95", "9595", "100100", "29.25", "1,000", "2023", "９０"),
    *("%", "％", "‰", "百分比", "百分\n\n比", "百分之", "万", "元", "万\n元", "个", "个工作日"),
    *("次", "次/年", "/", "年", "月", "日", "号", "天", "km", "艘", "件", "人次", "分"),
    *("有效改善", "逐年提高", "是", "好", "的项目", "（抽查）", "复印", "a", "B", "．", ",", "."),
    *(" ", "  ", "\n", "\u3000", "\t", "\u200b"),
]
valueish = st.lists(st.sampled_from(TOKENS), max_size=8).map("".join)
any_text = st.one_of(st.text(max_size=40), valueish)


def fields(value: IndicatorValue, *, date_text: bool = True) -> dict[str, Any]:
    """Everything but the anomalies, with numbers as printed (Decimal 95 == 95.0)."""
    data = value.model_dump(exclude={"anomalies"})
    data["number"] = None if value.number is None else str(value.number)
    data["upper"] = None if value.upper is None else str(value.upper)
    if value.date is not None and not date_text:
        data.pop("text")  # a date's text is the phrase as printed (底前 vs 31日前)
    return data


@FEW
@given(any_text)
@example("≥")
@example("\r\n \x1c")
@example("\ud800")
def test_parse_is_total_and_valid(text: str) -> None:
    value = parse_value(text)
    assert IndicatorValue.model_validate(value.model_dump()) == value
    assert value.model_dump_json()  # JSON-safe even for lone surrogates
    assert value.anomalies == sorted(set(value.anomalies), key=list(ANOMALIES).index)
    if value.kind == "empty":
        assert value == IndicatorValue(kind="empty")
    elif value.kind == "qualitative":
        assert value.text and value.number is None and value.op is None and value.date is None
    else:
        assert (value.number is None) != (value.date is None)
        assert (value.op is None) == (value.upper is not None)


def _decimal(sign: str, integer: int, fraction: str) -> Decimal:
    return Decimal(f"{sign}{integer}.{fraction}" if fraction else f"{sign}{integer}")


def _decimals(max_integer: int) -> st.SearchStrategy[Decimal]:
    """Decimals with printed digits that matter: 95, 95.0, 0.50, -5."""
    return st.builds(
        _decimal,
        st.sampled_from(["", "", "-"]),
        st.integers(0, max_integer),
        st.text("0123456789", max_size=3),
    )


OPS: st.SearchStrategy[Operator] = st.sampled_from([">=", "<=", "=", ">", "<"])
UNITS = [None, "个", "本", "次", "件", "栋", "人次", "万元", "元", "亿元", "天", "个工作日"]
UNITS += ["小时", "年", "户", "项", "家", "平方米", "公里", "次/年", "元/人", "km", "艘", "台套"]
GRADES = ["有效改善", "逐年提高", "达到预期", "保证大厅正常运转", "是", "优", "成本控制"]


@st.composite
def numbers(draw: st.DrawFn) -> IndicatorValue:
    # Percentages stay below 1000: "9595%" is read as 95% typed twice, by design.
    unit = draw(st.sampled_from([*UNITS, "%", "‰"]))
    number = draw(_decimals(999 if unit in ("%", "‰") else 10**12))
    if draw(st.booleans()):
        upper = draw(_decimals(999 if unit in ("%", "‰") else 10**12))
        return IndicatorValue(kind="quantitative", number=number, upper=upper, unit=unit)
    return IndicatorValue(kind="quantitative", op=draw(OPS), number=number, unit=unit)


@st.composite
def dates(draw: st.DrawFn) -> IndicatorValue:
    day = draw(st.dates(datetime.date(1000, 1, 1), datetime.date(9999, 12, 31)))
    iso = day.isoformat() if draw(st.booleans()) else day.strftime("--%m-%d")
    value = IndicatorValue(kind="quantitative", op=draw(OPS), date=iso)
    value.text = render_value(value)
    return value


qualitative = st.one_of(
    st.sampled_from(GRADES),
    st.text("有效改善提高保证正常运转达到预期稳定良好满意的、，", min_size=1, max_size=12),
).map(lambda text: IndicatorValue(kind="qualitative", text=text))

values = st.one_of(numbers(), dates(), qualitative, st.just(IndicatorValue(kind="empty")))


@SOME
@given(values)
def test_rendered_values_parse_back(value: IndicatorValue) -> None:
    assert fields(parse_value(render_value(value))) == fields(value)


@SOME
@given(any_text)
def test_render_is_idempotent(text: str) -> None:
    once = render_value(parse_value(text))
    assert render_value(parse_value(once)) == once


SPELLED = {
    ">=": ["≥", "≧", ">=", "＞＝", "不低于", "不少于", "大于等于", "至少"],
    "<=": ["≤", "≦", "<=", "不高于", "不超过", "小于等于", "最多"],
    ">": [">", "＞", "大于", "高于", "超过"],
    "<": ["<", "＜", "小于", "低于", "少于"],
}
SUFFIXES = {">=": ["以上", "及以上"], "<=": ["以内", "以下", "之内"], ">": [], "<": []}
UNIT_SPELLINGS = {
    "%": ["%", "％", "百分比", "百分\n\n比", " 百分\n比", " %"],
    "万元": ["万元", " 万元", "万\n\n元", " 万 元"],
    "个": ["个", " 个"],
    "次": ["次", " 次"],
    "个工作日": ["个工作日", "个\n工作日"],
}
SEEDS = ["≥95百分比", "100百分比", "≥9595%以上", "≥98 百分\n\n比", "≤29.25 万\n\n元", "30 个"]
SEEDS += ["1 有效改善", "11", "≥95", "＞９０％", "≥95%以下", "100%完成", "2023年12月底前"]


@st.composite
def messy(draw: st.DrawFn) -> str:
    op = draw(st.sampled_from(["=", ">=", "<=", ">", "<"]))
    unit = draw(st.sampled_from(sorted(UNIT_SPELLINGS)))
    digits = str(draw(st.integers(0, 100 if unit == "%" else 99999)))
    if unit == "%" and len(digits) > 1 and draw(st.booleans()):
        digits *= 2  # the seeds' "9595%"
    before = after = ""
    if op != "=":
        style = draw(st.sampled_from(["before", "after", "both"] if SUFFIXES[op] else ["before"]))
        if style != "after":
            before = draw(st.sampled_from(SPELLED[op]))
        if style != "before":
            after = draw(st.sampled_from(SUFFIXES[op]))
    gap = draw(st.sampled_from(["", " ", "\u3000"]))
    return f"{before}{gap}{digits}{draw(st.sampled_from(UNIT_SPELLINGS[unit]))}{after}"


@SOME
@given(st.one_of(messy(), st.sampled_from(SEEDS)))
def test_messy_values_are_stable(text: str) -> None:
    value = parse_value(text)
    assert value.kind == "quantitative" or "stray_number" in value.anomalies
    again = parse_value(render_value(value))
    assert fields(again, date_text=False) == fields(value, date_text=False)
