"""The value grammar's lexicon: comparison signs and words, units, date patterns, and the
normalisation of printed text (whitespace, PDF line wraps, full-width characters).

Kept apart from the parser (``grammar``) so the words are written once: the rules that name
the word behind an anomaly (VAL-08) read them from here, never from copies.
"""

from __future__ import annotations

import re

from jixiao.model.document import Operator

__all__ = [
    "APPROX_PREFIX",
    "APPROX_SUFFIX",
    "ASCII_UNIT",
    "DATE_CN",
    "DATE_ISO",
    "DIGITS",
    "FULLWIDTH",
    "INVISIBLE",
    "MAX_ASCII_UNIT",
    "MAX_TRAILING",
    "NEUTRAL_PREFIX",
    "NOT_UNITS",
    "NUMBER",
    "PERCENT_PREFIX",
    "PREFIX_WORDS",
    "PREFIX_WORDS_BY_FIRST",
    "RANGE_SEPARATORS",
    "SIGNS",
    "SIGNS_BY_FIRST",
    "SPELLED_UNITS",
    "SUFFIX_WORDS",
    "SUFFIX_WORDS_BY_FIRST",
    "UNITS_BY_FIRST",
    "Table",
    "halfwidth",
    "is_ascii_word",
    "is_cjk",
    "normalise",
]

Table = tuple[tuple[str, Operator], ...]


def _words(text: str) -> tuple[str, ...]:
    """A word list written as one space-separated string, to keep the lexicon readable."""
    return tuple(text.split())


def _longest_first(pairs: dict[str, Operator]) -> Table:
    # Longest first, so 不低于 wins over 低于 and 大于等于 over 大于.
    return tuple(sorted(pairs.items(), key=lambda pair: -len(pair[0])))


SIGNS = _longest_first(
    {
        ">=": ">=",
        "=>": ">=",
        "≥": ">=",
        "≧": ">=",
        "⩾": ">=",
        "≮": ">=",
        "<=": "<=",
        "=<": "<=",
        "≤": "<=",
        "≦": "<=",
        "⩽": "<=",
        "≯": "<=",
        ">": ">",
        "<": "<",
        "=": "=",
    }
)
PREFIX_WORDS = _longest_first(
    {
        **dict.fromkeys(
            _words(
                "不低于 不少于 不小于 大于等于 大于或等于 高于等于 高于或等于 至少 最少 达到 达"
            ),
            ">=",
        ),
        **dict.fromkeys(
            _words(
                "不高于 不超过 不多于 不大于 小于等于 小于或等于 低于等于 低于或等于 最多 至多"
                " 控制在 不超出 不晚于 不迟于"
            ),
            "<=",
        ),
        **dict.fromkeys(("大于", "高于", "超过", "多于", "超出"), ">"),
        **dict.fromkeys(("小于", "低于", "少于"), "<"),
        "等于": "=",
    }
)
SUFFIX_WORDS = _longest_first(
    {
        **dict.fromkeys(("以上", "及以上", "或以上"), ">="),
        **dict.fromkeys(("以内", "之内", "以下", "及以下", "或以下", "内"), "<="),
    }
)


def _by_first(table: Table) -> dict[str, Table]:
    """A word table split by first character (each part keeps the table's order), so that a
    scan tries only the words that can start where it stands."""
    parts: dict[str, list[tuple[str, Operator]]] = {}
    for word, op in table:
        parts.setdefault(word[0], []).append((word, op))
    return {first: tuple(words) for first, words in parts.items()}


SIGNS_BY_FIRST = _by_first(SIGNS)
PREFIX_WORDS_BY_FIRST = _by_first(PREFIX_WORDS)
SUFFIX_WORDS_BY_FIRST = _by_first(SUFFIX_WORDS)
APPROX_PREFIX = ("大约", "约", "≈", "≒")
APPROX_SUFFIX = "左右"
# Words that may stand before a value without changing it (在30天内, 于2023年底前).
NEUTRAL_PREFIX = ("在", "于", "为")
PERCENT_PREFIX = {"百分之": "%", "千分之": "‰"}
RANGE_SEPARATORS = ("——", "-", "~", "～", "〜", "—", "–", "至", "到")
MAX_TRAILING = 4  # longer free text after a plain number makes the value prose

# Known units: printed form -> (canonical form, spelled out?). Unknown units are accepted
# too (see _unit_word), these only win over the generic rules.
SPELLED_UNITS = {"百分比": "%", "百分之": "%", "百分": "%", "千分比": "‰", "千分之": "‰"}
_PLAIN_UNITS = _words(
    "% ‰ ‱ ℃ ㎡ ㎞ ㎏ ㎥ 个 本 次 件 栋 幢 座 层 人次 万人次 人 万人 名 位 户 万户 项 家 所 台 套"
    " 台套 辆 艘 架 场 场次 期 批 批次 户次 件次 台次 篇 份 万份 册 万册 部 条 处 块 张 间 床 张床"
    " 株 棵 万株 头 只"
    " 羽 匹 枚 支 根 片 组 队 班 届 课时 学时 节 门 类 种 宗 起 单 笔 例 车次 班次 架次 人天 人日"
    " 标段 盏 点 个点 点位 元 万元 亿元 千元 百万元 万 亿 千 天 日 个工作日 工作日 个月 月 年 周"
    " 小时 分钟 秒 分 平方米 平米 万平方米 平方公里 平方千米 立方米 万立方米 公里 千米 米 厘米"
    " 公顷 亩 万亩 吨 万吨 千克 公斤 克 升 千瓦 千瓦时 万千瓦时 兆瓦 瓦 度 个百分点 百分点 倍 级 星"
)


def _unit_table() -> dict[str, tuple[tuple[str, str, bool], ...]]:
    entries = [(raw, raw, False) for raw in _PLAIN_UNITS]
    entries += [(raw, unit, True) for raw, unit in SPELLED_UNITS.items()]
    table: dict[str, list[tuple[str, str, bool]]] = {}
    for entry in sorted(entries, key=lambda entry: -len(entry[0])):
        table.setdefault(entry[0][0], []).append(entry)
    return {first: tuple(entries) for first, entries in table.items()}


UNITS_BY_FIRST = _unit_table()
# Short words after a number that are grades or verbs, never units (so "1 好" stays a grade).
NOT_UNITS = frozenset(
    _words(
        "优 良 中 差 好 高 低 是 否 有 无 前 后 底 末 达标 合格 完成 提高 提升 改善 明显 显著 良好"
        " 优秀 优良 满意 较好 较高 及格 增加 增长 减少 降低 下降 上升 持续 稳定 正常 达到 实现 一般"
        " 不变 全部 基本 全面 按时 及时"
    )
)

DIGITS = frozenset("0123456789")
NUMBER = re.compile(r"[+-]?[0-9]+(?:,[0-9]{3}(?![0-9]))*(?:\.[0-9]+)?")
ASCII_UNIT = re.compile(r"[A-Za-z][A-Za-z0-9²³]*")
MAX_ASCII_UNIT = 6
_DATE_TAIL = r" ?(?P<suffix>之前|以前|前|以内|之内|内)? ?(?P<done>完成|完工|办结|结束|到位)?"
DATE_CN = re.compile(
    r"(?:(?P<y>[0-9]+) ?年 ?)?(?:(?P<m>[0-9]+) ?月 ?)?(?:(?P<d>[0-9]+) ?[日号]|(?P<end>底|末))?"
    + _DATE_TAIL
)
DATE_ISO = re.compile(
    r"(?P<y>[0-9]{4})(?P<sep>[-./])(?P<m>[0-9]{1,2})(?P=sep)(?P<d>[0-9]{1,2})" + _DATE_TAIL
)

# --- normalisation -----------------------------------------------------------------------

_LINE_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")
INVISIBLE = "\u200b\u2060\ufeff\u00ad"  # removed by normalise
_INVISIBLE = dict.fromkeys(map(ord, INVISIBLE))
# Full-width digits, letters and the signs that matter to values; not CJK punctuation such
# as ， or （, which belong to prose, and not ～, which is the usual range separator.
FULLWIDTH = {
    code: code - 0xFEE0
    for code in (
        *range(0xFF10, 0xFF1A),  # ０-９
        *range(0xFF21, 0xFF3B),  # Ａ-Ｚ
        *range(0xFF41, 0xFF5B),  # ａ-ｚ
        *(0xFF05, 0xFF0B, 0xFF0D, 0xFF0E, 0xFF0F, 0xFF1C, 0xFF1D, 0xFF1E),  # ％＋－．／＜＝＞
    )
}
_FULLWIDTH_CHAR = re.compile("[" + re.escape("".join(map(chr, FULLWIDTH))) + "]")
_WHITESPACE = re.compile(r"\s+")
_SURROGATE = re.compile("[\ud800-\udfff]")
_LINE_BREAK = re.compile("[" + re.escape("".join(sorted(_LINE_BREAKS))) + "]")
# A whole gap with a line break, as \s+ finds it; tried only where a gap starts, so that a
# long gap costs its length once, not once per character.
_BROKEN_GAP = re.compile(r"(?<!\s)\s*" + _LINE_BREAK.pattern + r"\s*")
_INVISIBLE_CHAR = re.compile("[" + INVISIBLE + "]")


def normalise(text: str) -> tuple[str, bool]:
    """Collapse whitespace to single spaces and rejoin PDF line wraps ("百分\\n\\n比")."""
    # Lone surrogates (from surrogateescape decoding) cannot be written as JSON.
    if _INVISIBLE_CHAR.search(text) is not None:
        text = text.translate(_INVISIBLE)
    text = _SURROGATE.sub("\ufffd", text).strip()
    if _LINE_BREAK.search(text) is None:  # every gap becomes one space (most texts)
        return _WHITESPACE.sub(" ", text), False
    # The gaps with a line break first (one call each), then the others, all in C.
    return _WHITESPACE.sub(" ", _BROKEN_GAP.sub(_rejoin, text)), True


def _rejoin(run: re.Match[str]) -> str:
    # A wrap splits a word: rejoin, except between two ASCII words.
    text, start, end = run.string, run.start(), run.end()
    return " " if is_ascii_word(text[start - 1]) and is_ascii_word(text[end]) else ""


def halfwidth(text: str) -> str:
    """``text.translate(FULLWIDTH)``, without the copy when there is nothing to map."""
    return text if _FULLWIDTH_CHAR.search(text) is None else text.translate(FULLWIDTH)


def is_ascii_word(char: str) -> bool:
    return char != "" and char.isascii() and char.isalnum()


def is_cjk(char: str) -> bool:
    return (
        "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf" or "\uf900" <= char <= "\ufaff"
    )
