"""Comparing the indicator sets of two projects (shared by DUP-02 and DUP-03).

Not a rule module: it defines no ``Rule`` class, so the registry imports it and finds nothing.
"""

from __future__ import annotations

from jixiao.model import Project
from jixiao.review.rules._text_terms import has_placeholder_name
from jixiao.review.textsim import canonical

__all__ = ["indicator_names", "indicator_pairs", "project_label"]


def indicator_names(project: Project) -> frozenset[str]:
    """The project's 三级 names, normalised (placeholders such as 无 left out)."""
    return frozenset(
        key
        for ind in project.indicators
        if not has_placeholder_name(ind) and (key := canonical(ind.name))
    )


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
