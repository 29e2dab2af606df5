"""Running the selected rules over a document and grading the result."""

from __future__ import annotations

from functools import cache
from typing import Any

from pydantic import BaseModel, ValidationError

from jixiao.model import Document
from jixiao.review.config import ConfigError, ReviewConfig
from jixiao.review.finding import Finding
from jixiao.review.merge import merge_findings
from jixiao.review.profiles import PROFILE_PARAMS, PROFILE_SEVERITY
from jixiao.review.registry import all_rules, code_matches, known_pattern, select_codes
from jixiao.review.report import Report, grade_projects, summarize
from jixiao.review.rule import ReviewContext, Rule

__all__ = ["build_rules", "review"]


@cache
def _profile_params(code: str, profile: str) -> BaseModel:
    """A rule's parameters as the profile sets them: validated once, not on every review
    (VAL-01's list of grades alone cost more than reviewing a small document's project)."""
    return all_rules()[code].Params.model_validate(PROFILE_PARAMS[profile].get(code, {}))


_PLANS: dict[object, list[tuple[Rule, BaseModel]]] = {}
"""The selected rules with their parameters, per configuration (without rule parameters set in
the configuration, whose values need not be hashable): rules keep no state, so one instance
serves every review, and a review of a ten-project document no longer pays for selecting and
instantiating 52 rules."""


def build_rules(config: ReviewConfig) -> list[tuple[Rule, ReviewContext]]:
    """The selected rules with their parameters (profile defaults, then config), each with a
    context of its own for one review."""
    key = _plan_key(config)
    plan = _PLANS.get(key) if key is not None else None
    if plan is None:
        plan = _plan(config)
        if key is not None:
            if len(_PLANS) >= 64:
                _PLANS.clear()
            _PLANS[key] = plan
    return [(rule, ReviewContext(params=params, profile=config.profile)) for rule, params in plan]


def _plan_key(config: ReviewConfig) -> object | None:
    if config.params:
        return None
    return (
        config.profile,
        None if config.select is None else tuple(config.select),
        tuple(config.ignore),
        tuple(config.severity.items()),
        tuple((code, tuple(codes)) for code, codes in config.per_project_ignores.items()),
    )


def _plan(config: ReviewConfig) -> list[tuple[Rule, BaseModel]]:
    rules = all_rules()
    patterns = [
        *(config.select or []),
        *config.ignore,
        *(code for codes in config.per_project_ignores.values() for code in codes),
    ]
    unknown = {c for c in [*config.severity, *config.params] if c not in rules}
    unknown |= {p for p in patterns if not known_pattern(p)}
    if unknown:
        raise ConfigError(
            f"配置中有不存在的规则编码：{'、'.join(sorted(unknown))}",
            hint="用 jixiao rules 查看全部规则。",
        )
    built: list[tuple[Rule, BaseModel]] = []
    for code in select_codes(config.select, config.ignore):
        cls = rules[code]
        try:
            if code in config.params:
                params = {**PROFILE_PARAMS[config.profile].get(code, {}), **config.params[code]}
                parsed = cls.Params.model_validate(params)
            else:
                parsed = _profile_params(code, config.profile)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "?"
            raise ConfigError(
                f"规则 {code} 的参数“{where}”有误（取值：{first.get('input')!r}）",
                hint=f"用 jixiao rules {code} 查看该规则的参数及取值范围。",
            ) from None
        severity = config.severity.get(code) or PROFILE_SEVERITY[config.profile].get(code)
        built.append((cls(severity), parsed))
    return built


def review(doc: Document, config: ReviewConfig | None = None) -> Report:
    config = config or ReviewConfig()
    findings: list[Finding] = []
    shared: dict[str, Any] = {}
    for rule, ctx in build_rules(config):
        ctx.fiscal_year = doc.fiscal_year
        ctx.shared = shared
        if not config.per_project_ignores:
            findings.extend(rule.check(doc, ctx))
            continue
        ctx.ignored_projects = frozenset(
            position
            for position, project in enumerate(doc.projects)
            if any(
                code_matches(rule.code, c)
                for c in config.per_project_ignores.get(project.code or "", [])
            )
        )
        for finding in rule.check(doc, ctx):
            ignored = config.per_project_ignores.get(finding.project_code or "", [])
            if any(code_matches(finding.code, c) for c in ignored):
                continue
            findings.append(finding)
    findings = merge_findings(findings)  # one finding per defect, in review order
    grades = grade_projects(doc, findings, config.grading)
    return Report(
        findings=findings, projects=grades, summary=summarize(doc, findings, grades, config.grading)
    )
