"""Parse a printed 指标值 (indicator target value) into an ``IndicatorValue``.

Printed values are short but messy (``≥9595%以上``, ``≥98 百分\\n\\n比``, ``1 有效改善``), so the
grammar is a hand-written scanner over a normalised copy of the text; regexes only match short
anchored tokens, which keeps the parser linear on any input. The grammar, the word lists and
every decision on an ambiguous form are described in ``docs/value-grammar.md``.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.model.document import IndicatorValue, Operator
from jixiao.values.anomalies import ordered
from jixiao.values.lexicon import (
    APPROX_PREFIX,
    APPROX_SUFFIX,
    ASCII_UNIT,
    DATE_CN,
    DATE_ISO,
    DIGITS,
    FULLWIDTH,
    INVISIBLE,
    MAX_ASCII_UNIT,
    MAX_TRAILING,
    NEUTRAL_PREFIX,
    NOT_UNITS,
    NUMBER,
    PERCENT_PREFIX,
    PREFIX_WORDS,
    PREFIX_WORDS_BY_FIRST,
    RANGE_SEPARATORS,
    SIGNS,
    SIGNS_BY_FIRST,
    SPELLED_UNITS,
    SUFFIX_WORDS,
    SUFFIX_WORDS_BY_FIRST,
    UNITS_BY_FIRST,
    Table,
    halfwidth,
    is_ascii_word,
    is_cjk,
    normalise,
)
from jixiao.values.render import render_value

__all__ = ["anomaly_tokens", "cannot_be_quantity", "may_start_quantity", "parse_value"]

# --- scanning helpers --------------------------------------------------------------------


@dataclass
class _Ops:
    """Operators met around the number, in reading order; resolved by ``_resolve``."""

    signs: list[Operator] = field(default_factory=list)
    words: list[Operator] = field(default_factory=list)
    approx: bool = False


def _skip_space(s: str, pos: int) -> int:
    # The text is normalised, so a gap is at most one space.
    return pos + 1 if s.startswith(" ", pos) else pos


def _match(s: str, pos: int, table: dict[str, Table]) -> tuple[int, Operator] | None:
    for word, op in table.get(s[pos : pos + 1], ()):
        if s.startswith(word, pos):
            return pos + len(word), op
    return None


def _scan_prefix(s: str, pos: int, ops: _Ops) -> int:
    while True:
        pos = _skip_space(s, pos)
        hit = _match(s, pos, SIGNS_BY_FIRST)
        if hit is not None:
            pos = hit[0]
            ops.signs.append(hit[1])
            continue
        hit = _match(s, pos, PREFIX_WORDS_BY_FIRST)
        if hit is not None:
            pos = hit[0]
            ops.words.append(hit[1])
            continue
        word = next((w for w in APPROX_PREFIX if s.startswith(w, pos)), None)
        if word is not None:
            ops.approx = True
            pos += len(word)
            continue
        word = next((w for w in NEUTRAL_PREFIX if s.startswith(w, pos)), None)
        if word is None:
            return pos
        pos += len(word)


def _at_suffix_word(s: str, pos: int) -> bool:
    return s.startswith(APPROX_SUFFIX, pos) or _match(s, pos, SUFFIX_WORDS_BY_FIRST) is not None


def _resolve(ops: _Ops, codes: set[str], *, implicit: str | None) -> Operator:
    """The operator: a sign wins over a word, a word before the number over one after it."""
    found = [*ops.signs, *ops.words]
    if not found:
        if implicit and not ops.approx:
            codes.add(implicit)
        return "="
    op = found[0]
    if any(other != op for other in found):
        codes.add("conflicting_operator")
    elif ops.signs and len(found) > 1:
        codes.add("redundant_operator_word")
    return op


# --- units -------------------------------------------------------------------------------


def _scan_unit(s: str, pos: int) -> tuple[str | None, bool, int]:
    """The unit right after a number: (canonical unit, spelled out?, end position)."""
    found = _unit_word(s, _skip_space(s, pos))
    if found is None:
        return None, False, pos
    unit, spelled, end = found
    if s.startswith("/", end):  # 次/年, 元/人
        per = _unit_word(s, end + 1)
        if per is not None:
            unit, spelled, end = f"{unit}/{per[0]}", spelled or per[1], per[2]
    return unit, spelled, end


def _unit_word(s: str, pos: int) -> tuple[str, bool, int] | None:
    for raw, unit, spelled in UNITS_BY_FIRST.get(s[pos : pos + 1], ()):
        if s.startswith(raw, pos):
            return unit, spelled, pos + len(raw)
    ascii_unit = ASCII_UNIT.match(s, pos)
    if ascii_unit is not None:
        if len(ascii_unit.group()) > MAX_ASCII_UNIT:
            return None
        return ascii_unit.group(), False, ascii_unit.end()
    # An unknown CJK unit (艘, 台套): a run of at most two ideographs that ends the value.
    end = pos
    while (
        end < len(s)
        and end - pos <= 2
        and is_cjk(s[end])
        and s[end] not in "至到"
        and not _at_suffix_word(s, end)
    ):
        end += 1
    if not 0 < end - pos <= 2 or s[pos:end] in NOT_UNITS or is_ascii_word(s[end : end + 1]):
        return None  # too long, a grade word, or glued to more text (复印25万份)
    return s[pos:end], False, end


# --- dates -------------------------------------------------------------------------------


def _date_of(match: re.Match[str]) -> tuple[bool, str | None]:
    """(is it a date at all?, ISO date or None when the date does not exist)."""
    groups = match.groupdict()
    year, month, day, end = groups["y"], groups["m"], groups["d"], groups.get("end")
    if month is None and not (year is not None and end is not None):
        return False, None  # 2023年, 30日前: a number with a unit, not a date
    year, month, day = ((part.lstrip("0") or "0") if part else part for part in (year, month, day))
    if len(year or "") > 4 or len(month or "") > 2 or len(day or "") > 2:
        return True, None
    year_number = int(year) if year is not None else None
    month_number = int(month) if month is not None else 12
    if (year_number is not None and year_number < 1000) or not 1 <= month_number <= 12:
        return True, None
    # Without a year, month ends use a common year (safe for any year) but 2月29日 is valid.
    month_end = calendar.monthrange(year_number or 2001, month_number)[1]
    longest = calendar.monthrange(year_number or 2000, month_number)[1]
    day_number = int(day) if day is not None else month_end
    if not 1 <= day_number <= longest:
        return True, None
    if year_number is None:
        return True, f"--{month_number:02d}-{day_number:02d}"
    return True, f"{year_number:04d}-{month_number:02d}-{day_number:02d}"


def _parse_date(norm: str, s: str, pos: int, ops: _Ops, base: set[str]) -> IndicatorValue | None:
    match = DATE_ISO.fullmatch(s, pos) or DATE_CN.fullmatch(s, pos)
    if match is None:
        return None
    is_date, iso = _date_of(match)
    if not is_date:
        return None
    if iso is None:
        return _qualitative(norm, base | {"invalid_date"})
    codes = set(base)
    if match.group("suffix") or match.group("done"):
        ops.words.append("<=")  # 前, 之前, 以前, 完成: "by" the date
    op = _resolve(ops, codes, implicit=None)
    if ops.approx:
        codes.add("approximate")
    if s != norm:
        codes.add("fullwidth_chars")
    return IndicatorValue(kind="quantitative", op=op, date=iso, text=norm, anomalies=ordered(codes))


# --- values ------------------------------------------------------------------------------


def parse_value(text: str) -> IndicatorValue:
    """Parse a printed 指标值; pure, linear, and never raises."""
    norm, broken = normalise(text)
    if not norm:
        return IndicatorValue(kind="empty")
    return _parse(norm, {"line_break"} if broken else set(), inner=False)


# Characters the scan may read past the end of the operator and prefix words: the longest
# word it tries there, a space, and a sign with its first digit.
_LOOKAHEAD = (
    max(
        len(word)
        for word in (
            *(w for w, _ in SIGNS),
            *(w for w, _ in PREFIX_WORDS),
            *APPROX_PREFIX,
            *NEUTRAL_PREFIX,
            *PERCENT_PREFIX,
        )
    )
    + 3
)
_HEAD = 4 * _LOOKAHEAD  # the part of a long text the pre-test reads
# The characters the scan can stop at or go past at a text's start (half-width).
_FIRST = frozenset(
    "+-0123456789"
    + "".join(w[0] for w, _ in (*SIGNS, *PREFIX_WORDS))
    + "".join(w[0] for w in (*APPROX_PREFIX, *NEUTRAL_PREFIX, *PERCENT_PREFIX))
)


def may_start_quantity(char: str) -> bool:
    """False when a text whose first character (after spaces) is ``char`` cannot be a
    quantity: the scan stops at once there, and not at a number."""
    if char in INVISIBLE:
        return True  # removed by normalise: the next character decides
    code = ord(char)
    return chr(FULLWIDTH.get(code, code)) in _FIRST


def cannot_be_quantity(text: str) -> bool:
    """True when ``parse_value(text)`` is surely not quantitative: after the signs and the
    operator, approximate and neutral words at its start, no number follows (a quantity and a
    date both start with one). Cheaper than a parse, and it reads only the head of a long text
    (what a search over many candidate cells needs); False means "maybe", never "no".
    """
    first = text.lstrip()[:1]
    if not first or not may_start_quantity(first):
        return True
    head = text[:_HEAD]
    if len(text) > _HEAD:
        # normalise(head) is a start of normalise(text) when the head ends in a character
        # that normalising keeps as it is (not a space, and not one it removes).
        visible = head.rstrip(INVISIBLE)
        if not visible or visible[-1].isspace():
            return False
    s = halfwidth(normalise(head)[0])
    pos = _scan_prefix(s, 0, _Ops())
    for word in PERCENT_PREFIX:
        if s.startswith(word, pos):
            pos = _skip_space(s, pos + len(word))
            break
    if len(text) > _HEAD and pos + _LOOKAHEAD > len(s):
        return False  # the scan may have read past the head: undecided
    return NUMBER.match(s, pos) is None


def anomaly_tokens(text: str, anomalies: list[str]) -> dict[str, str]:
    """For the formatting anomalies found in ``text``, the printed token behind each: the
    digits typed twice (``9595``), the operator word beside a sign (``以上``), the unit
    written out (``百分比``). Found with the grammar's own lexicon, so the rules that quote
    them (VAL-08) keep no word lists of their own."""
    norm = normalise(text)[0].translate(FULLWIDTH)
    found: dict[str, str] = {}
    if "number_repeated" in anomalies:
        digits = next((n for n in NUMBER.findall(norm) if _repeated_half(n)), None)
        if digits is not None:
            found["number_repeated"] = digits
    if {"redundant_operator_word", "conflicting_operator"} & set(anomalies):
        word = next(
            (w for w, _ in (*SUFFIX_WORDS, *PREFIX_WORDS) if len(w) > 1 and w in norm), None
        )
        if word is not None:
            redundant = "redundant_operator_word" in anomalies
            found["redundant_operator_word" if redundant else "conflicting_operator"] = word
    if "unit_spelled_out" in anomalies:
        unit = next((u for u in sorted(SPELLED_UNITS, key=len, reverse=True) if u in norm), None)
        if unit is not None:
            found["unit_spelled_out"] = unit
    return found


def _parse(norm: str, base: set[str], *, inner: bool) -> IndicatorValue:
    # Full-width characters map one to one, so positions in s and norm agree: tokens are
    # read from s, free text is cut from norm and keeps its printed characters.
    s = halfwidth(norm)
    ops = _Ops()
    pos = _scan_prefix(s, 0, ops)
    percent = None
    for word, unit in PERCENT_PREFIX.items():
        if s.startswith(word, pos):
            percent, pos = unit, _skip_space(s, pos + len(word))
            break
    if s[pos : pos + 1] in DIGITS:
        dated = _parse_date(norm, s, pos, ops, base)
        if dated is not None:
            return dated
    number = NUMBER.match(s, pos)
    if number is None:
        return _no_value(norm, s, ops, base)
    return _parse_number(norm, s, number, ops, percent, base, inner=inner)


def _no_value(norm: str, s: str, ops: _Ops, base: set[str]) -> IndicatorValue:
    codes = set(base)
    if ops.signs or not any(char.isalpha() for char in s):
        codes.add("unparsed")  # ≥ alone, ≥%, -, /
    elif any(char in DIGITS for char in s):
        codes.add("number_in_text")  # 为群众提供免费复印25万份
    return _qualitative(norm, codes)


def _parse_number(
    norm: str,
    s: str,
    number_match: re.Match[str],
    ops: _Ops,
    percent: str | None,
    base: set[str],
    *,
    inner: bool,
) -> IndicatorValue:
    codes: set[str] = set()
    number = _decimal(number_match.group())
    tail, pos = _scan_tail(s, number_match.end(), ops)
    unit, upper = tail.unit, tail.upper
    if unit is None and percent is not None:
        unit, tail.spelled = percent, True
    if tail.spelled:
        codes.add("unit_spelled_out")
    if tail.mismatch:
        codes.add("unit_mismatch")
    trailing = norm[pos:]

    op: Operator | None = None
    if upper is not None:
        if ops.signs or ops.words:
            codes.add("range_with_operator")
        if number > upper:
            codes.add("range_reversed")
    else:
        # Judged on the canonical digits, as rendering prints them (+9595 -> 9595).
        half = _repeated_half(format(number, "f")) if unit == "%" else None
        if half is not None:
            number = Decimal(half)
            codes.add("number_repeated")
        op = _resolve(ops, codes, implicit="implicit_operator")
    if ops.approx:
        codes.add("approximate")

    if trailing:
        if not inner and _is_stray(op, number, upper, unit, trailing):
            return _qualitative(trailing, base | {"stray_number"})
        if op in ("=", None) and len(trailing) > MAX_TRAILING:
            return _qualitative(norm, base | {"number_in_text"})
        codes.add("trailing_text")
    if unit is None:
        codes.add("missing_unit")
    if norm[:pos] != s[:pos]:
        codes.add("fullwidth_chars")
    value = IndicatorValue(
        kind="quantitative",
        op=op,
        number=number,
        upper=upper,
        unit=unit,
        text=trailing or None,
        anomalies=ordered(base | codes),
    )
    if not inner and unit in ("年", "月"):
        return _prefer_date(value, norm, base)
    return value


@dataclass
class _Tail:
    """What follows the number: its unit and, for a range, the upper bound."""

    unit: str | None = None
    spelled: bool = False
    upper: Decimal | None = None
    mismatch: bool = False


def _scan_tail(s: str, pos: int, ops: _Ops) -> tuple[_Tail, int]:
    """Unit, range and operator words after the number, in any order (95以上%, 90-95%以上).

    Returns where free text starts. Each part is tried until it is found, so free text never
    starts with a part still missing, and the canonical rendering reads back the same.
    """
    tail = _Tail()
    while True:
        if tail.unit is None:
            unit, spelled, end = _scan_unit(s, pos)
            if unit is not None:
                tail.unit, tail.spelled, pos = unit, spelled, end
                continue
        start = _skip_space(s, pos)
        if tail.upper is None:
            range_end = _scan_range(s, start, tail)
            if range_end is not None:
                pos = range_end
                continue
        hit = _match(s, start, SUFFIX_WORDS_BY_FIRST)
        if hit is not None:
            pos = hit[0]
            ops.words.append(hit[1])
        elif s.startswith(APPROX_SUFFIX, start):
            pos = start + len(APPROX_SUFFIX)
            ops.approx = True
        else:
            return tail, start


def _scan_range(s: str, pos: int, tail: _Tail) -> int | None:
    """``-95%`` after ``90%``: record the upper bound (and its unit); None if not a range."""
    sep = next((sep for sep in RANGE_SEPARATORS if s.startswith(sep, pos)), None)
    if sep is None:
        return None
    second = NUMBER.match(s, _skip_space(s, pos + len(sep)))
    if second is None:
        return None
    tail.upper = _decimal(second.group())
    unit, spelled, end = _scan_unit(s, second.end())
    if unit is not None:
        tail.mismatch = tail.unit is not None and tail.unit != unit
        tail.unit, tail.spelled = unit, tail.spelled or spelled
    return end


def _decimal(printed: str) -> Decimal:
    return Decimal(printed.replace(",", ""))


def _repeated_half(printed: str) -> str | None:
    """ "9595" -> "95": a percentage typed twice (only halves up to 100, see the docs)."""
    size = len(printed)
    if size < 4 or size % 2 or not all(char in DIGITS for char in printed):
        return None
    half = printed[: size // 2]
    if half != printed[size // 2 :] or half[0] == "0" or Decimal(half) > 100:
        return None
    return half


def _is_stray(
    op: Operator | None, number: Decimal, upper: Decimal | None, unit: str | None, trailing: str
) -> bool:
    """``1 有效改善``: a small bare integer before a plain qualitative grade."""
    if op != "=" or upper is not None or unit is not None or not is_cjk(trailing[0]):
        return False
    if number.as_tuple().exponent != 0 or number.is_signed() or number > 99:
        return False
    rest = _parse(trailing, set(), inner=True)
    return rest.kind == "qualitative" and rest.text == trailing and not rest.anomalies


def _prefer_date(value: IndicatorValue, norm: str, base: set[str]) -> IndicatorValue:
    """A number in 年/月 whose canonical form reads as a date is that date (``+12月底前``).

    Without this, rendering such a value would print a date and parse back differently.
    """
    alt = _parse(render_value(value), set(), inner=True)
    if "invalid_date" in alt.anomalies:
        return _qualitative(norm, base | {"invalid_date"})
    if alt.date is None:
        return value
    codes = base | set(alt.anomalies) | ({"fullwidth_chars"} & set(value.anomalies))
    return IndicatorValue(
        kind="quantitative", op=alt.op, date=alt.date, text=norm, anomalies=ordered(codes)
    )


def _qualitative(text: str, codes: set[str]) -> IndicatorValue:
    return IndicatorValue(kind="qualitative", text=text, anomalies=ordered(codes))
