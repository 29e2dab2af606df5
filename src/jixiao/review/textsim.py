"""Similarity of short Chinese texts (indicator names, descriptions, goals, purposes).

The review rules compare texts that are a few words long and written without spaces, so a
word segmenter is overkill and often wrong on this jargon. Instead a text is cut into
*segments* (runs of Chinese characters, letters and digits between punctuation and stop
words such as 的/和/及/工作/情况) and each segment into overlapping character bigrams:
``劳务派遣工作完成率`` → segments ``劳务派遣``, ``完成率`` → bigrams ``劳务 务派 派遣 完成 成率``.
Two texts are then compared as bigram sets (Dice, Jaccard, containment).

Two vocabularies control what counts:

- ``STOP_WORDS`` are removed everywhere (they say nothing about the content). A few content
  words that contain a stop character (``及时``, ``参与``…) are protected.
- ``GENERIC_WORDS`` are the boiler-plate of these documents (``完成率``, ``保障``, ``提高``,
  ``满意度``, ``营商环境``…). ``key_terms`` drops them too, so two texts that only share
  boiler-plate do not look related. Use ``terms`` when boiler-plate should count.

Everything is pure Python on small sets; comparing two texts takes microseconds.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from difflib import SequenceMatcher
from functools import lru_cache

__all__ = [
    "GENERIC_WORDS",
    "STOP_WORDS",
    "canonical",
    "containment",
    "dice",
    "heads",
    "jaccard",
    "key_terms",
    "overlap",
    "ratio",
    "ratio_at_least",
    "segments",
    "terms",
]

STOP_WORDS: tuple[str, ...] = (
    # multi-character words first (the tokenizer tries the longest match)
    "工作",
    "情况",
    "相关",
    "有关",
    "各项",
    "进行",
    "以及",
    "或者",
    "等等",
    "的",
    "地",
    "得",
    "和",
    "及",
    "与",
    "或",
    "等",
    "之",
    "了",
    "其",
    "并",
    "对",
    "于",
)
"""Words removed before comparing: function words and the emptiest nouns (工作, 情况)."""

PROTECTED_WORDS: tuple[str, ...] = (
    "及时",
    "普及",
    "涉及",
    "以及时",
    "和谐",
    "等级",
    "平等",
    "同等",
    "参与",
    "之间",
    "百分之",
    "于是",
    "得到",
    "获得",
    "对象",
    "对外",
    "对接",
    "对照",
    "对比",
    "对口",
    "对标",
    "核对",
    "校对",
    "针对",
    "应对",
)
"""Content words that contain a stop character and must survive stop-word removal."""

GENERIC_WORDS: tuple[str, ...] = (
    # indicator vocabulary
    "完成率",
    "完成度",
    "完成",
    "及时率",
    "及时性",
    "及时",
    "合格率",
    "达标率",
    "保障率",
    "满意度",
    "满意率",
    "满意程度",
    "满意",
    "比率",
    "比例",
    "比值",
    "程度",
    "数量",
    "质量",
    "时效",
    "成本",
    "指标",
    "效益",
    "效果",
    "要求",
    "目标",
    "任务",
    "水平",
    "能力",
    "率",
    # verbs and adverbs of every goal sentence
    "保障",
    "保证",
    "确保",
    "提高",
    "提升",
    "加强",
    "加快",
    "促进",
    "推进",
    "推动",
    "优化",
    "完善",
    "落实",
    "实现",
    "满足",
    "达到",
    "做好",
    "负责",
    "有效",
    "顺利",
    "高效",
    "正常",
    "运转",
    "有序",
    "反映",
    "实际",
    "计划",
    "全年",
    "本年度",
    "年度",
    "全面",
    "积极",
    "不断",
    "进一步",
    "按时",
    "按期",
    "规定",
    "按照",
    "根据",
    "通过",
    "能够",
    "用于",
    "支付",
    "各类",
    "各种",
    "全县",
    "全区",
    "全市",
    "我县",
    "我区",
    "我市",
    "县内",
    "区内",
    # the generic outcome every project claims
    "营商环境",
    "经济社会",
    "社会",
    "经济",
    "发展",
    "稳定",
    "需求",
    "人民群众",
    "群众",
    "办事",
    "效率",
    "服务对象",
    "对象",
)
"""Boiler-plate that does not show two texts are about the same thing (see ``key_terms``)."""

_CONTENT = re.compile(r"[0-9a-z\u3400-\u9fff\U00020000-\U0002ffff]+")


def _normalize(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def _vocabulary(words: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """First character → words starting with it, longest first."""
    table: dict[str, list[str]] = {}
    for word in words:
        table.setdefault(word[0], []).append(word)
    return {ch: tuple(sorted(ws, key=len, reverse=True)) for ch, ws in table.items()}


_PROTECTED = _vocabulary(PROTECTED_WORDS)
_STOP = _vocabulary(STOP_WORDS)


def _match(run: str, i: int, table: dict[str, tuple[str, ...]]) -> str | None:
    for word in table.get(run[i], ()):
        if run.startswith(word, i):
            return word
    return None


def _split(text: str, drop: dict[str, tuple[str, ...]]) -> list[str]:
    out: list[str] = []
    for run in _CONTENT.findall(_normalize(text)):
        current: list[str] = []
        i = 0
        while i < len(run):
            keep = _match(run, i, _PROTECTED)
            dropped = _match(run, i, drop)
            if keep is not None and (dropped is None or len(keep) > len(dropped)):
                current.append(keep)
                i += len(keep)
                continue
            if dropped is not None:
                if current:
                    out.append("".join(current))
                    current = []
                i += len(dropped)
                continue
            current.append(run[i])
            i += 1
        if current:
            out.append("".join(current))
    return out


@lru_cache(maxsize=64)
def _drop_table(extra: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    return _vocabulary((*STOP_WORDS, *GENERIC_WORDS, *extra))


@lru_cache(maxsize=4096)
def segments(text: str, *, generic: bool = False, extra: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The content runs of ``text``: punctuation and stop words (and, with ``generic=True``,
    the boiler-plate ``GENERIC_WORDS`` plus any ``extra`` words) cut the text; full-width forms
    are folded (NFKC) and Latin letters lower-cased.
    ``“放管服”改革工作完成率`` → ``('放管服', '改革', '完成率')``."""
    if not generic:
        return tuple(_split(text, _STOP))
    return tuple(_split(text, _drop_table(extra)))


def _bigrams(parts: Iterable[str]) -> frozenset[str]:
    grams: set[str] = set()
    for part in parts:
        if len(part) >= 2:
            grams.update(part[i : i + 2] for i in range(len(part) - 1))
    return frozenset(grams)


@lru_cache(maxsize=4096)
def terms(text: str) -> frozenset[str]:
    """Character bigrams of the segments (stop words removed, boiler-plate kept).

    A text whose segments are all single characters (``无``) yields those characters, so
    that even a one-character text can be compared."""
    parts = segments(text)
    grams = _bigrams(parts)
    return grams or frozenset(p for p in parts if p)


@lru_cache(maxsize=4096)
def key_terms(text: str, extra: tuple[str, ...] = ()) -> frozenset[str]:
    """Character bigrams of what is left after removing stop words, ``GENERIC_WORDS`` and the
    caller's ``extra`` boiler-plate: the words that say what a text is specifically about.
    May be empty (``服务对象满意度``)."""
    return _bigrams(segments(text, generic=True, extra=extra))


def heads(text: str, extra: tuple[str, ...] = ()) -> frozenset[str]:
    """The last character of each specific segment of two or more characters (as in
    ``key_terms``): Chinese compounds are head-final, so ``大楼`` and ``办公楼`` share ``楼``
    although they share no bigram."""
    return frozenset(s[-1] for s in segments(text, generic=True, extra=extra) if len(s) >= 2)


@lru_cache(maxsize=65536)
def canonical(text: str) -> str:
    """The content characters only (stop words and punctuation removed), for equality tests:
    ``结案率(%)`` and ``结案率`` are the same, ``满足于群众和企业需求`` → ``满足于群众企业需求``."""
    return "".join(segments(text))


def ratio(a: str, b: str) -> float:
    """Edit similarity (``difflib`` ratio, 0…1) of the canonical forms: 1.0 means identical
    after normalisation; one changed character in fifteen gives about 0.95."""
    x, y = canonical(a), canonical(b)
    if not x or not y:
        return 1.0 if x == y else 0.0
    return SequenceMatcher(None, x, y, autojunk=False).ratio()


def ratio_at_least(a: str, b: str, threshold: float) -> bool:
    """``ratio(a, b) >= threshold``, without difflib when the lengths or the characters in
    common rule it out (the ratio is 2·matches/(len a + len b), and matches cannot exceed the
    shorter length nor the characters the two share)."""
    x, y = canonical(a), canonical(b)
    if x == y or not x or not y:  # a description copied from the name: no difflib needed
        return (1.0 if x == y else 0.0) >= threshold
    total = len(x) + len(y)
    if 2.0 * min(len(x), len(y)) / total < threshold:
        return False
    if 2.0 * sum((Counter(x) & Counter(y)).values()) / total < threshold:
        return False  # matches cannot exceed the characters the two have in common
    return SequenceMatcher(None, x, y, autojunk=False).ratio() >= threshold


def dice(a: frozenset[str], b: frozenset[str]) -> float:
    """2|A∩B| / (|A|+|B|); 0.0 when both are empty."""
    total = len(a) + len(b)
    return 2 * len(a & b) / total if total else 0.0


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """|A∩B| / |A∪B|; 0.0 when both are empty."""
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def containment(a: frozenset[str], b: frozenset[str]) -> float:
    """|A∩B| / |A|: how much of ``a`` is found in ``b`` (0.0 when ``a`` is empty)."""
    return len(a & b) / len(a) if a else 0.0


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """|A∩B| / min(|A|, |B|): 1.0 when one set lies inside the other."""
    smaller = min(len(a), len(b))
    return len(a & b) / smaller if smaller else 0.0
