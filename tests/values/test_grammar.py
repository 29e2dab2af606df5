"""Table-driven tests of the indicator value grammar: printed text -> whole IndicatorValue."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.model.document import IndicatorValue, Operator
from jixiao.values import ANOMALIES, parse_value, render_value
from jixiao.values.grammar import anomaly_tokens


def num(
    op: Operator | None,
    number: str,
    unit: str | None,
    *anomalies: str,
    text: str | None = None,
    upper: str | None = None,
) -> IndicatorValue:
    return IndicatorValue(
        kind="quantitative",
        op=op,
        number=Decimal(number),
        upper=None if upper is None else Decimal(upper),
        unit=unit,
        text=text,
        anomalies=list(anomalies),
    )


def rng(number: str, upper: str, unit: str | None, *anomalies: str) -> IndicatorValue:
    return num(None, number, unit, *anomalies, upper=upper)


def qual(text: str, *anomalies: str) -> IndicatorValue:
    return IndicatorValue(kind="qualitative", text=text, anomalies=list(anomalies))


def day(op: Operator, iso: str, text: str, *anomalies: str) -> IndicatorValue:
    return IndicatorValue(
        kind="quantitative", op=op, date=iso, text=text, anomalies=list(anomalies)
    )


EMPTY = IndicatorValue(kind="empty")

REQUIRED = [
    ("≥95百分比", num(">=", "95", "%", "unit_spelled_out")),
    ("100百分比", num("=", "100", "%", "unit_spelled_out", "implicit_operator")),
    ("≥9595%以上", num(">=", "95", "%", "number_repeated", "redundant_operator_word")),
    ("≥98 百分\n\n比", num(">=", "98", "%", "unit_spelled_out", "line_break")),
    ("≤29.25 万\n\n元", num("<=", "29.25", "万元", "line_break")),
    ("≤29.25 万元", num("<=", "29.25", "万元")),
    ("30 个", num("=", "30", "个", "implicit_operator")),
    ("50本", num("=", "50", "本", "implicit_operator")),
    ("700本", num("=", "700", "本", "implicit_operator")),
    ("1 有效改善", qual("有效改善", "stray_number")),
    ("11", num("=", "11", None, "implicit_operator", "missing_unit")),
    ("≥95", num(">=", "95", None, "missing_unit")),
    ("≥100%", num(">=", "100", "%")),
    ("≥95%", num(">=", "95", "%")),
    ("≥90%", num(">=", "90", "%")),
    ("≥98%", num(">=", "98", "%")),
    ("≥20 次", num(">=", "20", "次")),
    ("≥7000 件", num(">=", "7000", "件")),
    ("≤73.5 万元", num("<=", "73.5", "万元")),
    ("1 栋", num("=", "1", "栋", "implicit_operator")),
    ("8 个", num("=", "8", "个", "implicit_operator")),
    ("≥8 件", num(">=", "8", "件")),
    ("成本控制", qual("成本控制")),
    ("保证大厅正常运转", qual("保证大厅正常运转")),
    ("分情况转办、领办或代办", qual("分情况转办、领办或代办")),
    ("为群众提供免费复印25万份", qual("为群众提供免费复印25万份", "number_in_text")),
    ("不低于95%", num(">=", "95", "%")),
    ("95%以上", num(">=", "95", "%")),
    ("不超过30天", num("<=", "30", "天")),
    ("30个工作日以内", num("<=", "30", "个工作日")),
    ("≤30个工作日", num("<=", "30", "个工作日")),
    ("90%-95%", rng("90", "95", "%")),
    ("2023年12月底前", day("<=", "2023-12-31", "2023年12月底前")),
    ("＞９０％", num(">", "90", "%", "fullwidth_chars")),
    ("≥95%以下", num(">=", "95", "%", "conflicting_operator")),
    ("", EMPTY),
    ("   ", EMPTY),
    ("≥", qual("≥", "unparsed")),
    ("是", qual("是")),
    ("100%完成", num("=", "100", "%", "implicit_operator", "trailing_text", text="完成")),
]

OPERATORS = [
    ("≧95%", num(">=", "95", "%")),
    (">=95%", num(">=", "95", "%")),
    ("＞＝95%", num(">=", "95", "%", "fullwidth_chars")),
    ("⩾95%", num(">=", "95", "%")),
    ("≦3天", num("<=", "3", "天")),
    ("<=3天", num("<=", "3", "天")),
    ("⩽3天", num("<=", "3", "天")),
    ("＜5%", num("<", "5", "%", "fullwidth_chars")),
    ("<5%", num("<", "5", "%")),
    (">0", num(">", "0", None, "missing_unit")),
    ("＝100%", num("=", "100", "%", "fullwidth_chars")),
    ("=100%", num("=", "100", "%")),
    ("不少于20次", num(">=", "20", "次")),
    ("不小于20次", num(">=", "20", "次")),
    ("大于等于20次", num(">=", "20", "次")),
    ("高于等于20次", num(">=", "20", "次")),
    ("至少20次", num(">=", "20", "次")),
    ("达到95%", num(">=", "95", "%")),
    ("达到95%以上", num(">=", "95", "%")),
    ("20次及以上", num(">=", "20", "次")),
    ("不高于5%", num("<=", "5", "%")),
    ("不多于5次", num("<=", "5", "次")),
    ("不大于5次", num("<=", "5", "次")),
    ("小于等于5次", num("<=", "5", "次")),
    ("最多5次", num("<=", "5", "次")),
    ("5%以下", num("<=", "5", "%")),
    ("3天之内", num("<=", "3", "天")),
    ("在30天内", num("<=", "30", "天")),
    ("控制在30万元以内", num("<=", "30", "万元")),
    ("大于90%", num(">", "90", "%")),
    ("高于90%", num(">", "90", "%")),
    ("超过90%", num(">", "90", "%")),
    ("多于3家", num(">", "3", "家")),
    ("小于5%", num("<", "5", "%")),
    ("低于5%", num("<", "5", "%")),
    ("少于3次", num("<", "3", "次")),
    ("≥ 95 %", num(">=", "95", "%")),
    ("≤30个工作日以内", num("<=", "30", "个工作日", "redundant_operator_word")),
    ("不低于≥95%", num(">=", "95", "%", "redundant_operator_word")),
    ("≥95%以上以上", num(">=", "95", "%", "redundant_operator_word")),
    ("不低于95%以内", num(">=", "95", "%", "conflicting_operator")),
    ("≤95%以上", num("<=", "95", "%", "conflicting_operator")),
    ("约95%", num("=", "95", "%", "approximate")),
    ("95%左右", num("=", "95", "%", "approximate")),
    ("≥95%左右", num(">=", "95", "%", "approximate")),
]

UNITS = [
    ("≥95百分之", num(">=", "95", "%", "unit_spelled_out")),
    ("不低于百分之95", num(">=", "95", "%", "unit_spelled_out")),
    ("≥98 百分", num(">=", "98", "%", "unit_spelled_out")),
    ("≤5‰", num("<=", "5", "‰")),
    ("≤5千分之", num("<=", "5", "‰", "unit_spelled_out")),
    ("≥20次/年", num(">=", "20", "次/年")),
    ("≤500元/人", num("<=", "500", "元/人")),
    ("≥2个百分点", num(">=", "2", "个百分点")),
    ("1,000元", num("=", "1000", "元", "implicit_operator")),
    ("≥1,234,567.50元", num(">=", "1234567.50", "元")),
    ("≤29.25 万 元", num("<=", "29.25", "万", "trailing_text", text="元")),
    ("95以上%", num(">=", "95", "%")),
    ("90-95%以上", rng("90", "95", "%", "range_with_operator")),
    ("≤29.25万", num("<=", "29.25", "万")),
    ("≥3艘", num(">=", "3", "艘")),
    ("≥3台套", num(">=", "3", "台套")),
    ("≥5 km", num(">=", "5", "km")),
    ("≥5ｋｍ", num(">=", "5", "km", "fullwidth_chars")),
    ("≥100平方米", num(">=", "100", "平方米")),
    ("≥90分", num(">=", "90", "分")),
    ("≥30分钟", num(">=", "30", "分钟")),
    ("≥-5%", num(">=", "-5", "%")),
    ("3个月", num("=", "3", "个月", "implicit_operator")),
    ("3年", num("=", "3", "年", "implicit_operator")),
    ("2023年", num("=", "2023", "年", "implicit_operator")),
    ("30日前", num("=", "30", "日", "implicit_operator", "trailing_text", text="前")),
    ("≥95.0%", num(">=", "95.0", "%")),
]

RANGES = [
    ("90-95%", rng("90", "95", "%")),
    ("90%～95%", rng("90", "95", "%")),
    ("90%至95%", rng("90", "95", "%")),
    ("90%到95%", rng("90", "95", "%")),
    ("90~95", rng("90", "95", None, "missing_unit")),
    ("90% - 95%", rng("90", "95", "%")),
    ("95-90", rng("95", "90", None, "missing_unit", "range_reversed")),
    ("95%-90%", rng("95", "90", "%", "range_reversed")),
    ("1-3个工作日", rng("1", "3", "个工作日")),
    ("1个-3次", rng("1", "3", "次", "unit_mismatch")),
    ("≥90%-95%", rng("90", "95", "%", "range_with_operator")),
    ("90百分比-95百分比", rng("90", "95", "%", "unit_spelled_out")),
]

DATES = [
    ("2023年12月31日前", day("<=", "2023-12-31", "2023年12月31日前")),
    ("12月底前", day("<=", "--12-31", "12月底前")),
    ("2023年底前", day("<=", "2023-12-31", "2023年底前")),
    ("2023年6月30日之前", day("<=", "2023-06-30", "2023年6月30日之前")),
    ("2023年6月底前", day("<=", "2023-06-30", "2023年6月底前")),
    ("2024年2月底前", day("<=", "2024-02-29", "2024年2月底前")),
    ("2023年2月底前", day("<=", "2023-02-28", "2023年2月底前")),
    ("2月底前", day("<=", "--02-28", "2月底前")),
    ("2月29日前", day("<=", "--02-29", "2月29日前")),
    ("2023年12月31日", day("=", "2023-12-31", "2023年12月31日")),
    ("2023年12月", day("=", "2023-12-31", "2023年12月")),
    ("2023 年 12 月底前", day("<=", "2023-12-31", "2023 年 12 月底前")),
    ("2023年12月底前完成", day("<=", "2023-12-31", "2023年12月底前完成")),
    ("2023年末", day("=", "2023-12-31", "2023年末")),
    ("6月30日以前", day("<=", "--06-30", "6月30日以前")),
    ("于2023年11月底前完成", day("<=", "2023-11-30", "于2023年11月底前完成")),
    ("不晚于2023年9月30日", day("<=", "2023-09-30", "不晚于2023年9月30日")),
    ("≤2023年9月30日", day("<=", "2023-09-30", "≤2023年9月30日")),
    ("≤2023年9月30日前", day("<=", "2023-09-30", "≤2023年9月30日前", "redundant_operator_word")),
    ("2023-06-30前", day("<=", "2023-06-30", "2023-06-30前")),
    ("2023.6.30", day("=", "2023-06-30", "2023.6.30")),
    ("２０２３年１２月底前", day("<=", "2023-12-31", "２０２３年１２月底前", "fullwidth_chars")),
    ("2023年12月\n底前", day("<=", "2023-12-31", "2023年12月底前", "line_break")),
    ("+12月底前", day("<=", "--12-31", "+12月底前")),
    ("2023年2月30日前", qual("2023年2月30日前", "invalid_date")),
    ("13月底前", qual("13月底前", "invalid_date")),
    ("0月", qual("0月", "invalid_date")),
    ("年底前", qual("年底前")),
]

MESSY = [
    ("1 逐年提高", qual("逐年提高", "stray_number")),
    ("1 有效促进", qual("有效促进", "stray_number")),
    ("2 优", qual("优", "stray_number")),
    ("1有效改善", qual("有效改善", "stray_number")),
    ("1 复印25万份", qual("1 复印25万份", "number_in_text")),
    (
        "1.5 有效改善",
        num(
            "=", "1.5", None, "implicit_operator", "missing_unit", "trailing_text", text="有效改善"
        ),
    ),
    ("≥1 有效改善", num(">=", "1", None, "missing_unit", "trailing_text", text="有效改善")),
    ("≥90%的项目按期完成", num(">=", "90", "%", "trailing_text", text="的项目按期完成")),
    ("90%的项目按期完成", qual("90%的项目按期完成", "number_in_text")),
    ("≥9595%", num(">=", "95", "%", "number_repeated")),
    ("100100%", num("=", "100", "%", "number_repeated", "implicit_operator")),
    ("≥9595", num(">=", "9595", None, "missing_unit")),
    ("1212件", num("=", "1212", "件", "implicit_operator")),
    ("5555%", num("=", "55", "%", "number_repeated", "implicit_operator")),
    ("1010.5%", num("=", "1010.5", "%", "implicit_operator")),
    ("≥95%（抽查）", num(">=", "95", "%", "trailing_text", text="（抽查）")),
    ("30天内完成", num("<=", "30", "天", "trailing_text", text="完成")),
    ("保证大厅\n正常运转", qual("保证大厅正常运转", "line_break")),
    ("  有效   改善 ", qual("有效 改善")),
    ("\u200b≥95%\ufeff", num(">=", "95", "%")),
    ("≥\u300095%", num(">=", "95", "%")),
    ("≥%", qual("≥%", "unparsed")),
    ("≥上年水平", qual("≥上年水平", "unparsed")),
    ("-", qual("-", "unparsed")),
    ("/", qual("/", "unparsed")),
    ("达到预期", qual("达到预期")),
    ("不低于上年", qual("不低于上年")),
    ("有效改善", qual("有效改善")),
    ("百分之百", qual("百分之百")),
    ("\n\n", EMPTY),
]

ALL_CASES = REQUIRED + OPERATORS + UNITS + RANGES + DATES + MESSY


@pytest.mark.parametrize(("text", "expected"), ALL_CASES, ids=[repr(c[0]) for c in ALL_CASES])
def test_parse(text: str, expected: IndicatorValue) -> None:
    value = parse_value(text)
    assert value == expected
    # Decimal equality ignores printed digits (95 == 95.0); the grammar must keep them.
    assert str(value.number) == str(expected.number)
    assert str(value.upper) == str(expected.upper)


@pytest.mark.parametrize(("text", "expected"), ALL_CASES, ids=[repr(c[0]) for c in ALL_CASES])
def test_anomaly_codes_are_known(text: str, expected: IndicatorValue) -> None:
    assert set(parse_value(text).anomalies) <= set(ANOMALIES)


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("≥95百分比", "≥95%"),
        ("≤29.25 万\n\n元", "≤29.25万元"),
        ("30 个", "30个"),
        ("不低于95%", "≥95%"),
        ("30个工作日以内", "≤30个工作日"),
        ("＞９０％", ">90%"),
        ("<5%", "<5%"),
        ("90-95%", "90%-95%"),
        ("2023年12月底前", "2023年12月31日前"),
        ("12月底前", "12月31日前"),
        ("2023年12月31日", "2023年12月31日"),
        ("≥2023年9月30日", "≥2023年9月30日"),
        ("1 有效改善", "有效改善"),
        ("100%完成", "100% 完成"),
        ("1,000元", "1000元"),
        ("≥95.0%", "≥95.0%"),
        ("", ""),
    ],
)
def test_render(text: str, canonical: str) -> None:
    assert render_value(parse_value(text)) == canonical


def test_render_handles_models_the_parser_never_makes() -> None:
    assert render_value(IndicatorValue(kind="quantitative", text="见附件")) == "见附件"
    assert render_value(IndicatorValue(kind="quantitative")) == ""
    assert render_value(IndicatorValue(kind="quantitative", date="2023-13", text="x")) == "x"
    assert render_value(IndicatorValue(kind="qualitative")) == ""
    exponent = IndicatorValue(kind="quantitative", op=">=", number=Decimal("1E+2"), unit="%")
    assert render_value(exponent) == "≥100%"


def test_anomaly_descriptions_are_chinese() -> None:
    for code, description in ANOMALIES.items():
        assert code.isascii() and code == code.lower()
        assert any("\u4e00" <= char <= "\u9fff" for char in description)


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("≥9595%以上", {"number_repeated": "9595", "redundant_operator_word": "以上"}),
        ("≥95百分比", {"unit_spelled_out": "百分比"}),
        ("≥９８９８％", {"number_repeated": "9898"}),
        ("≥95%以下", {"conflicting_operator": "以下"}),
        ("不低于95%", {}),
    ],
)
def test_anomaly_tokens_name_the_printed_token(text: str, tokens: dict[str, str]) -> None:
    assert anomaly_tokens(text, parse_value(text).anomalies) == tokens
