"""Names made comparable across years, and their similarity.

Names of the same project or indicator differ between years in small ways: a year in the name
(``2023年劳务派遣人员经费``), full-width vs half-width brackets, a unit note (``结案率(%)``),
traditional characters. ``normalise`` removes these so equal names compare equal; the
similarity of what is left is ``difflib.SequenceMatcher``'s ratio (0…1), which is transparent
enough to be quoted to users (``名称相似度 0.86``).
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from functools import lru_cache

from jixiao.textutil import to_simplified

__all__ = ["normalise", "similarity"]

_YEAR = re.compile(r"(?:19|20)\d{2}\s*年(?:度)?")
_NOT_CONTENT = re.compile(r"[^0-9a-z\u3400-\u9fff\U00020000-\U0002ffff]+")


@lru_cache(maxsize=8192)
def normalise(text: str) -> str:
    """Letters, digits and Chinese characters only, lower case, simplified, years removed."""
    text = to_simplified(unicodedata.normalize("NFKC", text)).lower()
    text = _YEAR.sub("", text)
    return _NOT_CONTENT.sub("", text)


def similarity(a: str, b: str) -> float:
    """The ``SequenceMatcher`` ratio of the normalised names (1.0: equal after normalising)."""
    x, y = normalise(a), normalise(b)
    if not x or not y:
        return 1.0 if x == y else 0.0
    return SequenceMatcher(None, x, y, autojunk=False).ratio()
