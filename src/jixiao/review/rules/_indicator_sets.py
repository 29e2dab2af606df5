"""Comparing the indicator sets of two projects (shared by DUP-02 and DUP-03).

Not a rule module: it defines no ``Rule`` class, so the registry imports it and finds nothing.
"""

from __future__ import annotations

import math
from collections import Counter

from jixiao.model import Document, Project
from jixiao.review.rule import ReviewContext
from jixiao.review.rules._text_terms import has_placeholder_name
from jixiao.review.textsim import canonical, dice

__all__ = [
    "document_names",
    "first_equal_earlier",
    "indicator_names",
    "indicator_pairs",
    "project_label",
    "similar_earlier",
]


def indicator_names(project: Project) -> frozenset[str]:
    """The project's 三级 names, normalised (placeholders such as 无 left out)."""
    return frozenset(
        key
        for ind in project.indicators
        if not has_placeholder_name(ind) and (key := canonical(ind.name))
    )


def document_names(doc: Document, ctx: ReviewContext) -> list[frozenset[str]]:
    """``indicator_names`` of every project of ``doc``, computed once per review (DUP-02 and
    DUP-03 both need them)."""
    entry = ctx.shared.get("indicator_names")
    if entry is None or entry[0] is not doc:
        entry = ctx.shared["indicator_names"] = (doc, [indicator_names(p) for p in doc.projects])
    names: list[frozenset[str]] = entry[1]
    return names


def indicator_pairs(project: Project) -> frozenset[tuple[str, str]]:
    """(normalised name, printed value without spaces) of every filled-in row."""
    return frozenset(
        (canonical(ind.name), "".join(ind.value_text.split()))
        for ind in project.indicators
        if not has_placeholder_name(ind)
    )


def project_label(project: Project) -> str:
    """How a message names another project: 项目3“审批局代理记账、专网费”."""
    return f"项目{project.seq}“{project.name.strip()}”"


def first_equal_earlier(names: list[frozenset[str]], minimum: int) -> list[int | None]:
    """For each project, the first earlier one with exactly the same name set (both at least
    ``minimum`` names), or None: one hash look-up per project instead of all pairs."""
    first: dict[frozenset[str], int] = {}
    out: list[int | None] = []
    for j, mine in enumerate(names):
        if len(mine) < minimum:
            out.append(None)
            continue
        out.append(first.get(mine))
        first.setdefault(mine, j)
    return out


def similar_earlier(
    names: list[frozenset[str]],
    minimum: int,
    threshold: float,
    skip: list[bool] | None = None,
) -> list[list[int]]:
    """For each project, the earlier projects (both at least ``minimum`` names) whose name sets
    have a Dice coefficient of at least ``threshold`` with its own, in document order
    (left empty for the projects ``skip`` marks).

    Exact, without comparing all pairs: Dice ≥ t needs an overlap of at least
    t·|A| / (2 − t) names, so a similar earlier set must hold one of A's |A| − overlap + 1
    rarest names (rarity counted over the document, ties by the name). Only the earlier sets
    listed under those names are compared, each distinct set once; common names such as
    服务对象满意度 are not looked up when a project has rarer ones.
    """
    frequency = Counter(name for mine in names if len(mine) >= minimum for name in mine)
    postings: dict[str, list[frozenset[str]]] = {}  # name → distinct earlier sets holding it
    holders: dict[frozenset[str], list[int]] = {}  # distinct set → its projects so far
    out: list[list[int]] = []
    for j, mine in enumerate(names):
        if len(mine) < minimum:
            out.append([])
            continue
        if skip is not None and skip[j]:
            out.append([])
        else:
            overlap = max(1, math.floor(threshold * len(mine) / (2 - threshold) - 1e-9))
            rarest = sorted(mine, key=lambda name: (frequency[name], name))
            candidates: set[frozenset[str]] = set()
            for name in rarest[: max(1, len(mine) - overlap + 1)]:
                candidates.update(postings.get(name, ()))
            similar = [
                i for other in candidates if dice(other, mine) >= threshold for i in holders[other]
            ]
            out.append(sorted(similar))
        if mine in holders:
            holders[mine].append(j)
        else:
            holders[mine] = [j]
            for name in mine:
                postings.setdefault(name, []).append(mine)
    return out
