"""Word's automatic list numbers, which are not in the paragraph text.

A project title typed as ``1、…绩效目标表`` and one numbered by Word's list feature look the
same on paper, but only the first has ``1、`` in its XML. The assembler finds project titles
and list items by those markers, so the reader prints Word's numbers back, as Word does:
counters per list and level (deeper levels restart when a shallower one advances),
``w:lvlText`` such as ``%1、`` or ``（%1）``, and the number formats these documents use
(decimal, Chinese counting ``一、二``, circled ``①``, letters, roman). Bullets print nothing.
Numbering can come from the paragraph or from its style (``w:basedOn`` chain).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jixiao.readers.docx.ooxml import Element, W

__all__ = ["Numbering"]

_MAX_LEVEL = 8
_PPR, _NUM_PR, _NUM_ID, _ILVL, _PSTYLE = (
    W + t for t in ("pPr", "numPr", "numId", "ilvl", "pStyle")
)
_DIGITS = "〇一二三四五六七八九"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)
_OPEN_ENDED = tuple("、.．)）:：")


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    suffix: str = "tab"


@dataclass
class _List:
    abstract: str
    levels: dict[int, _Level] = field(default_factory=dict)
    restart_at: dict[int, int] = field(default_factory=dict)  # w:startOverride


class Numbering:
    """Resolves the marker of each numbered paragraph, in document order."""

    def __init__(self, body: Element, numbering: Element | None, styles: Element | None) -> None:
        self._style_num = _read_style_numbering(styles)
        # Most documents number nothing: then skip the per-paragraph lookups altogether.
        used = bool(self._style_num) or body.find(f".//{_NUM_PR}") is not None
        self._lists = _read_lists(numbering) if used else {}
        self._counters: dict[str, list[int | None]] = {}
        self._started: set[str] = set()

    def marker(self, p: Element) -> str:
        """The text Word prints before paragraph ``p`` ("" when it is not numbered)."""
        if not self._lists:
            return ""
        num_id, level = self._num_pr(p)
        if num_id is None or num_id not in self._lists:
            return ""
        lst = self._lists[num_id]
        spec = lst.levels.get(level)
        if spec is None:
            return ""
        counters = self._counters.setdefault(lst.abstract, [None] * (_MAX_LEVEL + 1))
        if num_id not in self._started:
            self._started.add(num_id)  # w:startOverride restarts the list where it is first used
            for lvl, start in lst.restart_at.items():
                counters[lvl] = start - 1
                counters[lvl + 1 :] = [None] * (_MAX_LEVEL - lvl)
        current = counters[level]
        counters[level] = spec.start if current is None else current + 1
        counters[level + 1 :] = [None] * (_MAX_LEVEL - level)
        if spec.fmt in ("bullet", "none"):
            return ""
        text = spec.text
        for lvl in range(level, -1, -1):
            if f"%{lvl + 1}" in text:
                shown = lst.levels.get(lvl, spec)
                value = counters[lvl]
                text = text.replace(
                    f"%{lvl + 1}", _format(shown.start if value is None else value, shown.fmt)
                )
        if not text:
            return ""
        if spec.suffix == "space" or (spec.suffix == "tab" and not text.endswith(_OPEN_ENDED)):
            return text + " "
        return text

    def _num_pr(self, p: Element) -> tuple[str | None, int]:
        ppr = p.find(_PPR)
        if ppr is None:
            return None, 0
        ilvl: str | None = None
        num_pr = ppr.find(_NUM_PR)
        if num_pr is not None:
            num_id = _val(num_pr.find(_NUM_ID))
            ilvl = _val(num_pr.find(_ILVL))
            if num_id is not None:
                return (None if num_id == "0" else num_id), _level(ilvl)
        if not self._style_num:
            return None, 0
        found = self._style_num.get(_val(ppr.find(_PSTYLE)) or "")
        if found is None:
            return None, 0
        return found[0], (found[1] if ilvl is None else _level(ilvl))


def _read_lists(numbering: Element | None) -> dict[str, _List]:
    if numbering is None:
        return {}
    abstracts: dict[str, dict[int, _Level]] = {}
    for abstract in numbering.findall(W + "abstractNum"):
        levels: dict[int, _Level] = {}
        for lvl in abstract.findall(W + "lvl"):
            levels[_level(lvl.get(W + "ilvl"))] = _read_level(lvl)
        abstracts[abstract.get(W + "abstractNumId") or ""] = levels
    lists: dict[str, _List] = {}
    for num in numbering.findall(W + "num"):
        abstract_id = _val(num.find(W + "abstractNumId")) or ""
        lst = _List(abstract_id, dict(abstracts.get(abstract_id, {})))
        for override in num.findall(W + "lvlOverride"):
            level = _level(override.get(W + "ilvl"))
            start = _val(override.find(W + "startOverride"))
            if (restart := _counter(start)) is not None:
                lst.restart_at[level] = restart
            lvl = override.find(W + "lvl")
            if lvl is not None:
                lst.levels[level] = _read_level(lvl)
        lists[num.get(W + "numId") or ""] = lst
    return lists


def _read_level(lvl: Element) -> _Level:
    start = _val(lvl.find(W + "start"))
    return _Level(
        start=_counter(start) or 1,
        fmt=_val(lvl.find(W + "numFmt")) or "decimal",
        text=_val(lvl.find(W + "lvlText")) or "",
        suffix=_val(lvl.find(W + "suff")) or "tab",
    )


def _read_style_numbering(styles: Element | None) -> dict[str, tuple[str, int]]:
    """Paragraph style id → (numId, level) for styles that number their paragraphs."""
    if styles is None:
        return {}
    own: dict[str, tuple[str | None, int | None]] = {}
    based_on: dict[str, str] = {}
    for style in styles.findall(W + "style"):
        style_id = style.get(W + "styleId") or ""
        parent = _val(style.find(W + "basedOn"))
        if parent:
            based_on[style_id] = parent
        num_pr = style.find(f"{W}pPr/{W}numPr")
        if num_pr is not None:
            ilvl = _val(num_pr.find(W + "ilvl"))
            own[style_id] = (_val(num_pr.find(W + "numId")), None if ilvl is None else _level(ilvl))
    out: dict[str, tuple[str, int]] = {}
    for style_id in {*own, *based_on}:
        current: str | None = style_id
        for _ in range(10):  # basedOn chains are short; a cycle must not hang
            if current is None or current in own:
                break
            current = based_on.get(current)
        if current is not None and current in own:
            num_id, level = own[current]
            if num_id and num_id != "0":
                out[style_id] = (num_id, level or 0)
    return out


def _format(n: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified"):
        return _chinese(n)
    if fmt == "ideographDigital":
        return "".join(_DIGITS[int(d)] for d in str(n))
    if fmt.startswith("decimalEnclosedCircle") and 1 <= n <= len(_CIRCLED):
        return _CIRCLED[n - 1]
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(d) + 0xFEE0) for d in str(n))
    if fmt in ("upperLetter", "lowerLetter") and n >= 1:
        letter = chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt in ("upperRoman", "lowerRoman") and 1 <= n < 4000:
        roman = _roman(n)
        return roman if fmt == "upperRoman" else roman.lower()
    return str(n)


def _chinese(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (as Word counts)."""
    if n <= 0:
        return str(n)
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _DIGITS[n // 10] + "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        tail = "" if rest == 0 else ("零" + _DIGITS[rest] if rest < 10 else _tens(rest))
        return _DIGITS[n // 100] + "百" + tail
    return str(n)


def _tens(n: int) -> str:
    return _DIGITS[n // 10] + "十" + (_DIGITS[n % 10] if n % 10 else "")


def _roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out += letters
            n -= value
    return out


def _val(el: Element | None) -> str | None:
    if el is None:
        return None
    value = el.get(W + "val")
    return None if value is None else str(value)


def _counter(text: str | None) -> int | None:
    """A list counter's start: digits only, and at most nine of them (a 5,000-digit start in a
    hostile file would stop ``int()`` with Python's digit limit, and no list counts that far)."""
    if text is None or not text.isdigit() or len(text) > 9:
        return None
    return int(text)


def _level(text: str | None) -> int:
    try:
        return min(max(int(text or 0), 0), _MAX_LEVEL)
    except ValueError:
        return 0
