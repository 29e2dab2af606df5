"""Which project of NEW continues which project of OLD, and which indicator which.

Projects: an equal 项目编码 first (when both documents print one); then, among the projects
left, an equal or similar name (see ``text``) at or above the threshold. Indicators within a
matched pair: the same name under the same 一级/二级 first, then the same name under other
levels, then similar names (same 二级 preferred). Every pair carries its reason in Chinese.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jixiao.compare.pairing import Candidate, pair_greedily
from jixiao.compare.text import normalise, similarity
from jixiao.model import Indicator, Project
from jixiao.model.categories import normalize_label

__all__ = ["Match", "match_indicators", "match_projects", "project_code"]

_CODE_SPACE = re.compile(r"\s+")
_CODE_CONTENT = re.compile(r"[A-Z1-9]")


@dataclass(frozen=True)
class Match:
    old: int
    new: int
    score: float
    reason: str


@dataclass(frozen=True)
class Matching:
    pairs: list[Match]
    dropped: list[int]
    """Indexes in OLD with no partner (取消)."""
    added: list[int]
    """Indexes in NEW with no partner (新增)."""


def project_code(project: Project) -> str | None:
    if project.code is None:
        return None
    code = _CODE_SPACE.sub("", project.code).upper()
    # placeholders such as 无, /, —, 000 are no code (they would match every other placeholder)
    if not _CODE_CONTENT.search(code):
        return None
    return code


def _score(value: float) -> str:
    return f"{value:.2f}"


def _matching(chosen: list[Candidate], n_old: int, n_new: int) -> Matching:
    pairs = [Match(c.old, c.new, round(c.score, 4), c.reason) for c in chosen]
    used_old = {p.old for p in pairs}
    used_new = {p.new for p in pairs}
    return Matching(
        pairs=pairs,
        dropped=[i for i in range(n_old) if i not in used_old],
        added=[j for j in range(n_new) if j not in used_new],
    )


def match_projects(old: list[Project], new: list[Project], threshold: float) -> Matching:
    """One-to-one project pairs: equal codes first, then names at or above ``threshold``."""
    candidates: list[Candidate] = []
    for i, a in enumerate(old):
        code_a = project_code(a)
        for j, b in enumerate(new):
            code_b = project_code(b)
            if code_a is not None and code_a == code_b:
                candidates.append(Candidate(i, j, 1.0, "项目编码相同", rank=0))
                continue
            note = "，项目编码不同" if code_a and code_b else ""
            if normalise(a.name) == normalise(b.name) and normalise(a.name):
                candidates.append(Candidate(i, j, 1.0, f"项目名称相同{note}", rank=1))
                continue
            score = similarity(a.name, b.name)
            if score >= threshold:
                reason = f"名称相似度 {_score(score)}{note}"
                candidates.append(Candidate(i, j, score, reason, rank=2))
    return _matching(pair_greedily(candidates), len(old), len(new))


def _level(indicator: Indicator) -> tuple[str, str]:
    """The indicator's place in the framework: category code when known, else the labels."""
    if indicator.category:
        return (indicator.category, "")
    return (normalize_label(indicator.level1), normalize_label(indicator.level2))


def _level2_text(indicator: Indicator) -> str:
    return indicator.level2.strip() or indicator.level1.strip() or "（空）"


def match_indicators(old: list[Indicator], new: list[Indicator], threshold: float) -> Matching:
    """One-to-one indicator pairs within one matched project."""
    candidates: list[Candidate] = []
    for i, a in enumerate(old):
        for j, b in enumerate(new):
            same_level = _level(a) == _level(b)
            moved = "" if same_level else f"，所属指标由“{_level2_text(a)}”改为“{_level2_text(b)}”"
            name_a, name_b = normalise(a.name), normalise(b.name)
            if name_a and name_a == name_b:
                rank = 0 if same_level else 1
                candidates.append(Candidate(i, j, 1.0, f"指标名称相同{moved}", rank=rank))
                continue
            score = similarity(a.name, b.name)
            if score >= threshold:
                rank = 2 if same_level else 3
                reason = f"指标名称相似度 {_score(score)}{moved}"
                candidates.append(Candidate(i, j, score, reason, rank=rank))
    return _matching(pair_greedily(candidates), len(old), len(new))
