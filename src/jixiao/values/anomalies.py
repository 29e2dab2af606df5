"""Stable anomaly codes for printed indicator values, with the Chinese text users read.

Codes are part of the published JSON (``IndicatorValue.anomalies``): a code never changes
meaning, new codes are only added. The dict order is the order codes are listed in a value.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["ANOMALIES", "ordered"]

ANOMALIES: dict[str, str] = {
    "number_repeated": "数值重复录入（如“9595%”应为“95%”），已按单个数值理解",
    "unit_spelled_out": "单位用文字书写（如“百分比”“百分之”），已规范为符号",
    "implicit_operator": "未写比较符号（≥、≤ 等），按“等于”理解",
    "missing_unit": "数值缺少计量单位",
    "redundant_operator_word": "比较符号与文字重复（如“≥…以上”）",
    "conflicting_operator": "比较符号与文字含义矛盾（如“≥…以下”），以符号为准",
    "approximate": "数值为约数（“约”“左右”），按“等于”理解",
    "range_reversed": "区间的下限大于上限",
    "range_with_operator": "区间前后另写了比较符号，已忽略该符号",
    "unit_mismatch": "区间两端的单位不一致，按后一个单位理解",
    "trailing_text": "数值后附有其他文字",
    "stray_number": "定性指标值前有多余的数字（多为系统导出的序号），已去除",
    "number_in_text": "数字夹在描述性文字中，未识别为量化指标值，建议改写为“符号+数值+单位”",
    "invalid_date": "日期不存在（如“2月30日”“13月”），无法识别",
    "unparsed": "看似数值但无法识别（如只有“≥”），请核对",
    "line_break": "指标值中间有换行（多为 PDF 导出折行），已拼接",
    "fullwidth_chars": "含全角数字、字母或符号，已转换为半角",
}

_RANK = {code: rank for rank, code in enumerate(ANOMALIES)}


def ordered(codes: Iterable[str]) -> list[str]:
    """The codes without duplicates, in the fixed order of ``ANOMALIES``."""
    return sorted(set(codes), key=_RANK.__getitem__)
