"""The rule base class: one rule, one module, self-describing.

A rule declares its code, name, dimension, default severity and source as class attributes, its
documentation in a docstring with fixed sections (## 检查内容, ## 为什么, ## 示例, ## 修正,
## 依据, ## 配置), its typed parameters as a pydantic model, and a bad and a good example
document (``bad()``/``good()``) that the tests and the docs both use. ``check`` yields findings.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict

from jixiao.model import Document, Indicator, Project
from jixiao.review.finding import Dimension, Finding, Fix, Severity

__all__ = ["DOC_SECTIONS", "IndicatorRule", "NoParams", "ProjectRule", "ReviewContext", "Rule"]

DOC_SECTIONS = ("## 检查内容", "## 为什么", "## 示例", "## 修正", "## 依据", "## 配置")


class NoParams(BaseModel):
    model_config = ConfigDict(extra="forbid")


@dataclass
class ReviewContext:
    """What a rule may look at besides the document: its parameters and the profile."""

    params: BaseModel
    profile: str = "default"
    cache: dict[str, Any] = field(default_factory=dict)
    ignored_projects: frozenset[int] = frozenset()
    """Positions of the projects where ``per-project-ignores`` switch this rule off: a rule that
    sums rows over the document (VAL-08) leaves them out; per-project findings are dropped by
    the engine anyway."""
    fiscal_year: int | None = None
    """The document's 年度, for suggestions that quote a date (``2024年12月底前``), never a fixed
    year."""
    shared: dict[str, Any] = field(default_factory=dict)
    """One dict for all the rules of one review: what several rules derive from the same
    document (DUP-02 and DUP-03's normalised name sets) is computed once."""


class Rule:
    code: ClassVar[str]
    name: ClassVar[str]
    dimension: ClassVar[Dimension]
    severity: ClassVar[Severity]
    source: ClassVar[str]  # 财预〔2015〕88号, 财预〔2021〕101号, 财预〔2020〕10号, or 实践
    Params: ClassVar[type[BaseModel]] = NoParams
    status: ClassVar[str] = "stable"
    merge_rows: ClassVar[bool] = False
    """The rule's findings on one column of several rows of a project are one defect (a habit
    such as category names as 三级指标名称): reported once (``jixiao.review.merge``)."""
    merge_projects: ClassVar[bool] = False
    """The same finding in several projects is one defect (the basis column blank everywhere):
    reported once for the document, with the projects named."""

    def __init__(self, severity: Severity | None = None):
        self.effective_severity: Severity = severity or self.severity
        self.level_configured = severity is not None
        """The installation (or profile) set this rule's level: a rule that reports some
        defects at another level than its default (DUP-04, STR-03) then uses it for all."""

    def own_level(self, level: Severity) -> Severity | None:
        """``level`` for a defect this rule weighs differently from its default, unless the
        installation set the rule's level (``None``: the finding takes the rule's level)."""
        return None if self.level_configured else level

    # -- to implement ---------------------------------------------------------------------

    def check(self, doc: Document, ctx: ReviewContext) -> Iterator[Finding]:
        raise NotImplementedError

    @classmethod
    def example_params(cls) -> dict[str, Any]:
        """The parameters ``bad()`` and ``good()`` are reviewed with (most rules: none; a rule
        that needs outside data, such as an indicator library, names an example of it)."""
        return {}

    @classmethod
    def bad(cls) -> Document:
        """A small document this rule must report."""
        raise NotImplementedError

    @classmethod
    def good(cls) -> Document:
        """The same document written correctly: this rule must stay silent."""
        raise NotImplementedError

    # -- helpers --------------------------------------------------------------------------

    def finding(
        self,
        message: str,
        *,
        project: Project | None = None,
        indicator_index: int | None = None,
        field: str | None = None,
        text: str | None = None,
        suggestion: str | None = None,
        fix: Fix | None = None,
        severity: Severity | None = None,
    ) -> Finding:
        source = None
        if project is not None:
            source = project.source
            if indicator_index is not None and indicator_index < len(project.indicators):
                source = project.indicators[indicator_index].source
        return Finding(
            code=self.code,
            severity=severity or self.effective_severity,
            dimension=self.dimension,
            message=message,
            project_code=project.code if project is not None else None,
            project_seq=project.seq if project is not None else None,
            indicator_index=indicator_index,
            field=field,
            text=text,
            source=source,
            suggestion=suggestion,
            fix=fix,
        )

    @classmethod
    def doc(cls) -> str:
        return (cls.__doc__ or "").strip()


class ProjectRule(Rule):
    """A rule that looks at one project at a time.

    Implement ``check_project``; a rule whose fixes point into the document (``projects[3]…``)
    implements ``check_project_at`` instead, which also receives the project's position in
    ``doc.projects``, so no rule walks the document or looks a project up by identity.
    """

    def check(self, doc: Document, ctx: ReviewContext) -> Iterator[Finding]:
        if type(self).check_project_at is ProjectRule.check_project_at:
            check_project = self.check_project  # one call a project, not two
            for project in doc.projects:
                yield from check_project(project, doc, ctx)
            return
        for position, project in enumerate(doc.projects):
            yield from self.check_project_at(position, project, doc, ctx)

    def check_project_at(
        self, position: int, project: Project, doc: Document, ctx: ReviewContext
    ) -> Iterator[Finding]:
        return self.check_project(project, doc, ctx)

    def check_project(
        self, project: Project, doc: Document, ctx: ReviewContext
    ) -> Iterator[Finding]:
        raise NotImplementedError


class IndicatorRule(Rule):
    """A rule that looks at one indicator row at a time.

    Implement ``check_indicator``; a rule whose fixes point into the document implements
    ``check_row`` instead, which also receives the project's position in ``doc.projects``.
    """

    def check(self, doc: Document, ctx: ReviewContext) -> Iterator[Finding]:
        if type(self).check_row is IndicatorRule.check_row:
            check_indicator = self.check_indicator  # one call a row, not two
            for project in doc.projects:
                for index, indicator in enumerate(project.indicators):
                    yield from check_indicator(project, index, indicator, ctx)
            return
        check_row = self.check_row
        for position, project in enumerate(doc.projects):
            for index, indicator in enumerate(project.indicators):
                yield from check_row(position, project, index, indicator, ctx)

    def check_row(
        self, position: int, project: Project, index: int, indicator: Indicator, ctx: ReviewContext
    ) -> Iterator[Finding]:
        return self.check_indicator(project, index, indicator, ctx)

    def check_indicator(
        self, project: Project, index: int, indicator: Indicator, ctx: ReviewContext
    ) -> Iterator[Finding]:
        raise NotImplementedError
