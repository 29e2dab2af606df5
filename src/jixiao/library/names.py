"""Indicator names reduced to what identifies them, so spelling variants count together."""

from __future__ import annotations

import re
import unicodedata

from jixiao.textutil import to_simplified

__all__ = ["normalise_name"]

_NUMBERING = re.compile(r"^(?:[（(]?\d{1,2}[)）.、．]|[①-⑳]|[一二三四五六七八九十]{1,2}[、.．])\s*")
_UNIT_NOTE = re.compile(r"[（(][^（）()]{0,8}[)）]$")
_DROP = re.compile(r"[\s\"'“”‘’《》〈〉【】\[\]·•,，。;；:：!！?？、]+")


def normalise_name(name: str) -> str:
    """NFKC, simplified characters, no list numbering, no trailing unit note such as ``（%）``,
    no spaces or punctuation: ``"1、群众满意度（%）"`` → ``"群众满意度"``."""
    text = unicodedata.normalize("NFKC", to_simplified(name)).strip()
    text = _NUMBERING.sub("", text)
    text = _DROP.sub("", text)
    previous = None
    while previous != text:
        previous, text = text, _UNIT_NOTE.sub("", text)
    return text
