"""STR-12: the 指标值确定依据 can be read as a 计划 / 行业 / 历史 / 其他 standard."""

from __future__ import annotations

import re
from collections.abc import Iterator

from jixiao.model import Document, Indicator, Project
from jixiao.review.examples import (
    example_document,
    example_indicator,
    example_indicators,
    example_project,
)
from jixiao.review.finding import Finding
from jixiao.review.rule import NoParams, ProjectRule, ReviewContext
from jixiao.review.rules._suggestions import basis_suggestion
from jixiao.review.rules.str_09_basis_missing import basis_is_blank
from jixiao.values import render_value

__all__ = ["BasisUnclassified", "classify_basis"]

STANDARDS = ("计划标准", "行业标准", "历史标准", "其他标准")
# Checked in this order on what is left of the basis once the indicator's own words are removed.
KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("历史标准", ("历史", "上年", "往年", "以前年度", "去年", "历年", "上一年度", "近三年")),
    (
        "计划标准",
        (
            *("计划", "规划", "方案", "合同", "预算", "批复", "定额", "测算", "协议"),
            *("任务", "下达", "可行性研究", "可研", "名册", "名录", "工作要点", "台账"),
        ),
    ),
    ("行业标准", ("行业", "国家", "标准", "规范", "规程")),
    # A cited document (《…》), a regulation or a policy requirement: a basis the finance and
    # budget departments can recognise (其他标准), even when its kind is not named.
    ("其他标准", ("《", "办法", "制度", "文件", "政策", "通知", "意见", "要求")),
)
# One pattern a kind: ``search`` is ``any(word in text for word in words)`` in one C call.
_KEYWORD_PATTERNS = tuple(
    (kind, re.compile("|".join(map(re.escape, words)))) for kind, words in KEYWORDS
)
_FILLER = re.compile(r"[\W\d_]+")


def _compact(text: str | None) -> str:
    return "".join((text or "").split())


def _own_words(indicator: Indicator) -> list[str]:
    """The indicator's name, description and value, longest first."""
    parts = {
        _compact(indicator.name),
        _compact(indicator.description),
        _compact(indicator.value_text),
        _compact(render_value(indicator.value)),
        _compact(indicator.value.text),
    }
    return sorted((part for part in parts if part), key=len, reverse=True)


def _remainder(basis: str, indicator: Indicator | None) -> str:
    text = _compact(basis)
    if indicator is not None:
        for part in _own_words(indicator):
            text = text.replace(part, "")
    return text


def classify_basis(basis: str, indicator: Indicator | None = None) -> str | None:
    """计划标准 / 行业标准 / 历史标准 / 其他标准, or None when the basis does not say.

    A basis that names its kind (``计划标准：…``) is that kind. Otherwise keywords decide, but
    only in what remains after removing the indicator's own name, description and value: a basis
    that repeats ``预算成本控制数≤29.25万元`` says nothing about where 29.25 came from.
    """
    return _named_kind(basis) or _keyword_kind(_remainder(basis, indicator))


def _named_kind(basis: str) -> str | None:
    """The kind a basis names (``计划标准：…``), the first named if several."""
    text = _compact(basis)
    named = [(text.find(label), label) for label in STANDARDS if label in text]
    return min(named)[1] if named else None


def _keyword_kind(remainder: str) -> str | None:
    for kind, pattern in _KEYWORD_PATTERNS:
        if pattern.search(remainder) is not None:
            return kind
    return None


def _restates(remainder: str) -> bool:
    """The basis only repeats the indicator's name, description or value: nothing but
    punctuation and digits is left once they are removed."""
    return not _FILLER.sub("", remainder)


class BasisUnclassified(ProjectRule):
    """指标值确定依据应能看出属于计划标准、行业标准、历史标准或其他标准。

    ## 检查内容
    “指标值确定依据”已填写，但看不出是哪类标准（表格本身没有这一栏的模板不检查）。判断方法：
    - 写明“计划标准”“行业标准”“历史标准”“其他标准”的，按所写归类；
    - 否则先去掉依据中重复的指标名称、指标描述和指标值，再按关键词归类：历史、上年、往年、
      以前年度、去年、历年 → 历史标准；计划、规划、方案、合同、预算、批复、定额、测算、协议、
      （上级下达的）任务、可行性研究（可研）报告、（对象）名册或名录、工作要点、台账 → 计划标准；
      行业、国家、标准、规范、规程 → 行业标准；引用文件（《》）或办法、制度、文件、政策、通知、
      意见、要求 → 其他标准；
    - 都不符合的报告。只是重复指标名称或指标值的（如“预算成本控制数≤29.25万元”），消息中说明。
    同一项目中所有已填依据都无法归类时只报一条（`field="indicators"`）；否则每条依据报一条
    （`field="indicators[i].basis"`），内容相同的依据合并，定位到第一行。空依据由 STR-09 报告。

    ## 为什么
    依据要回答“指标值为什么定这么高”。重复指标本身、或只描述工作内容（如“律师起草上诉状”），
    审核无法判断指标值是否合理，也无法发现目标定得过低。这类判断带有不确定性，所以只作提示。

    ## 示例
    反例：“服务对象满意度 ≥98%”的依据写“服务对象满意度≥98%”。
    正例：依据写“历史标准：近三年满意度均在97%以上”。

    ## 修正
    不自动修正：依据需单位说明。

    ## 依据
    财预〔2015〕88号、财预〔2021〕101号：绩效标准分为计划标准、行业标准、历史标准和财政部门、
    预算部门确认或认可的其他标准（本项目 rules.md T5）。

    ## 配置
    无参数。
    """

    code = "STR-12"
    name = "指标值确定依据无法归类"
    dimension = "完整性"
    severity = "info"
    source = "财预〔2015〕88号；财预〔2021〕101号"
    merge_rows = True
    Params = NoParams

    def check_project(
        self, project: Project, doc: Document, ctx: ReviewContext
    ) -> Iterator[Finding]:
        if "basis" in project.form_lacks:
            return
        rows = project.indicators
        given = [i for i, row in enumerate(rows) if not basis_is_blank(row.basis)]
        # What is left of each unclassified basis, kept for telling a restatement (computed
        # once: the indicator's own words are the costly part).
        remainders: dict[int, str] = {}
        for i in given:
            basis = rows[i].basis or ""
            if _named_kind(basis) is None:
                remainder = _remainder(basis, rows[i])
                if _keyword_kind(remainder) is None:
                    remainders[i] = remainder
        unclear = list(remainders)
        if not unclear:
            return
        lead = "请写明指标值的来源及标准类别"
        if len(unclear) == len(given) > 1:
            examples = list(dict.fromkeys((rows[i].basis or "").strip() for i in unclear))
            quoted = "".join(f"“{text.rstrip('。；;')}”" for text in examples[:2])
            scope = (
                f"全部{len(rows)}个" if len(given) == len(rows) else f"已填写依据的{len(given)}个"
            )
            if all(_restates(remainders[i]) for i in unclear):
                what = "都只是重复指标名称、描述或指标值，没有说明指标值的来源"
            else:
                what = "都看不出属于计划标准、行业标准、历史标准还是其他标准"
            yield self.finding(
                f"{scope}三级指标的指标值确定依据{what}（如{quoted}）",
                project=project,
                field="indicators",
                text=examples[0],
                suggestion=basis_suggestion(lead, project, unclear[0], doc.fiscal_year),
            )
            return
        groups: dict[str, list[int]] = {}
        for index in unclear:
            groups.setdefault(_compact(rows[index].basis), []).append(index)
        for indexes in groups.values():
            first = rows[indexes[0]]
            basis = (first.basis or "").strip()
            if _restates(remainders[indexes[0]]):  # as of the stripped basis: no spaces
                what = "只是重复了指标名称、描述或指标值，没有说明指标值的来源"
            else:
                what = "看不出属于计划标准、行业标准、历史标准还是其他标准"
            same = f"（共{len(indexes)}个指标的依据相同）" if len(indexes) > 1 else ""
            yield self.finding(
                f"三级指标“{first.name.strip()}”的指标值确定依据“{basis}”{what}{same}",
                project=project,
                indicator_index=indexes[0],
                field=f"indicators[{indexes[0]}].basis",
                text=first.basis,
                suggestion=basis_suggestion(lead, project, indexes[0], doc.fiscal_year),
            )

    @classmethod
    def bad(cls) -> Document:
        rows = example_indicators()
        rows[0] = example_indicator(basis="年度办理审批业务量≥7000件")
        return example_document(example_project(indicators=rows))

    @classmethod
    def good(cls) -> Document:
        return example_document()
