"""VAL-08: formatting anomalies in a printed 指标值, with a safe fix to the canonical text."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from jixiao.model import Document, Indicator, Project
from jixiao.review.examples import example_document
from jixiao.review.finding import Edit, Finding, Fix
from jixiao.review.rule import IndicatorRule, NoParams, ReviewContext
from jixiao.review.rules._edit_paths import indicator_path
from jixiao.review.rules._value_terms import (
    document_with,
    indicator_label,
    same_meaning,
    show,
    value_finding,
)
from jixiao.values import ANOMALIES, parse_value, render_value
from jixiao.values.grammar import anomaly_tokens

# Anomalies that are pure formatting: the canonical rendering removes them, meaning unchanged.
FORMATTING = (
    "number_repeated",
    "redundant_operator_word",
    "unit_spelled_out",
    "line_break",
    "fullwidth_chars",
)
SUMMARY_ROWS = 3
"""From how many rows with the same safely fixable formatting defect they are one finding."""
# Anomalies whose rendering would settle a question of meaning: no safe fix then.
_JUDGEMENT = frozenset(
    {
        "conflicting_operator",
        "approximate",
        "range_with_operator",
        "unit_mismatch",
        "stray_number",
        "number_in_text",
        "invalid_date",
        "unparsed",
    }
)


def _reasons(value_text: str, anomalies: list[str]) -> list[str]:
    tokens = anomaly_tokens(value_text, anomalies)  # the grammar's own words, never a copy
    reasons: list[str] = []
    for code in anomalies:
        token = tokens.get(code)
        if code == "number_repeated":
            reasons.append(f"数值“{token}”重复录入" if token else "数值重复录入")
        elif code == "redundant_operator_word":
            reasons.append(f"符号与“{token}”重复" if token else "比较符号重复")
        elif code == "unit_spelled_out":
            reasons.append(f"单位“{token}”用文字书写" if token else "单位用文字书写")
        elif code == "line_break":
            reasons.append("中间有换行")
        elif code == "fullwidth_chars":
            reasons.append("含全角字符")
    return reasons


@lru_cache(maxsize=16384)  # the same printed values recur across projects
def _canonical_text(value_text: str) -> str | None:
    value = parse_value(value_text)
    if _JUDGEMENT & set(value.anomalies):
        return None
    new = render_value(value)
    again = parse_value(new)
    if (
        new == value_text
        or not same_meaning(value, again)
        or set(FORMATTING) & set(again.anomalies)
    ):
        return None
    return new


def canonical_fix(value_text: str, path: str) -> Fix | None:
    """The safe fix to the canonical text, only if re-reading it gives the same value."""
    new = _canonical_text(value_text)
    if new is None:
        return None
    return Fix(
        title=f"将“{show(value_text)}”改为“{new}”",
        safety="safe",
        edits=(Edit(path=path, old=value_text, new=new),),
    )


class ValueFormatting(IndicatorRule):
    """指标值书写不规范（数值重复、符号与文字重复、单位写成文字、换行、全角字符）。

    ## 检查内容
    指标值的写法有可以无损去除的格式问题：数值重复录入（“≥9595%以上”）、比较符号与“以上”“以内”等文字重复、
    单位用文字书写（“≥95百分比”）、中间有换行（PDF 导出折行）、含全角数字或符号（“≥９５％”）。
    约数、符号与文字矛盾、区间另带符号等需要判断的写法不在此列。
    同一种可以无损改正的写法问题出现在3个及以上指标值中（如全部写成“≥9595%以上”），全文档只报告
    一条（`field="indicators"`），其安全修正一次改好全部这些指标值；只是单位用文字书写的
    （“≥95百分比”，预算管理系统导出的写法）无论几处都只报一条，级别为“提示”。

    ## 为什么
    指标值会被汇总、公开、在年底按数值评分。不规范的写法让读者和系统都可能误读
    （“9595%”是 95% 还是 9595%？），公开时也显得粗糙。

    ## 示例
    反例：质量指标“审批业务办结率”，指标值“≥9595%以上”。
    正例：质量指标“审批业务办结率”，指标值“≥95%”。

    ## 修正
    安全修正：改为规范写法（如“≥9595%以上”→“≥95%”，“≥95百分比”→“≥95%”），含义不变。
    只有规范写法重新识别后数值、符号、单位都不变时才提供修正。

    ## 依据
    指标值“符号+数值+单位”的规范写法（实践）。

    ## 配置
    无。
    """

    code = "VAL-08"
    name = "指标值书写不规范"
    dimension = "规范性"
    severity = "warning"
    source = "实践"
    Params = NoParams

    def check(self, doc: Document, ctx: ReviewContext) -> Iterator[Finding]:
        # Rows with a safely fixable formatting defect, grouped by kind: (row, path, new text).
        # The summary's Fix is built once a group is known to be summarised, not a Fix a row.
        groups: dict[tuple[str, ...], list[tuple[Indicator, str, str]]] = {}
        rows: list[tuple[int, Project, int, Indicator]] = []
        for position, project in enumerate(doc.projects):
            if position in ctx.ignored_projects:
                continue  # per-project-ignores: its rows are in no finding, summary or not
            for index, indicator in enumerate(project.indicators):
                anomalies = indicator.value.anomalies
                if not anomalies:
                    continue  # nothing to report on this row
                kinds = tuple(c for c in anomalies if c in FORMATTING)
                if not kinds:
                    continue
                new = _canonical_text(indicator.value_text)
                if new is not None:
                    path = indicator_path(position, index, "value_text")
                    groups.setdefault(kinds, []).append((indicator, path, new))
                rows.append((position, project, index, indicator))
        summarised = {
            id(indicator)
            for kinds, group in groups.items()
            if _summarised(kinds, group)
            for indicator, _, _ in group
        }
        for position, project, index, indicator in rows:
            if id(indicator) not in summarised:
                yield from self.check_row(position, project, index, indicator, ctx)
        for kinds, group in groups.items():
            if _summarised(kinds, group):
                yield self._summary(kinds, group)

    def _summary(self, kinds: tuple[str, ...], group: list[tuple[Indicator, str, str]]) -> Finding:
        """One finding for rows with the same formatting habit (``≥95百分比``, ``≥9595%以上``):
        one habit of the document or of the system that exported it, not one defect a row."""
        first, _, new = group[0]
        old = show(first.value_text)
        count = len(group)
        reasons = "、".join(_reasons(first.value_text, list(kinds)))
        fix = Fix(
            title=f"将{count}个指标值改为规范写法（如“{old}”→“{new}”）",
            safety="safe",
            edits=tuple(
                Edit(path=path, old=row.value_text, new=row_new) for row, path, row_new in group
            ),
        )
        spelled_only = kinds == ("unit_spelled_out",)
        if spelled_only:
            message = (
                f"{count}个指标值的单位用文字书写（如“{old}”应写为“{new}”），这是预算管理系统"
                "导出的写法，含义不变，可一次全部改为规范写法"
            )
        else:
            message = (
                f"{count}个指标值{reasons}（如“{old}”应写为“{new}”），同一写法问题出现在多处，"
                "可一次全部改为规范写法"
            )
        default = self.effective_severity == type(self).severity
        return self.finding(
            message,
            field="indicators",
            text=first.value_text,
            suggestion=f"改为规范写法，如“{old}”改为“{new}”（自动修正会一次改好全部{count}处）。",
            fix=fix,
            severity="info" if spelled_only and default else None,
        )

    def check_row(
        self, position: int, project: Project, index: int, indicator: Indicator, ctx: ReviewContext
    ) -> Iterator[Finding]:
        anomalies = [code for code in indicator.value.anomalies if code in FORMATTING]
        if not anomalies:
            return
        path = indicator_path(position, index, "value_text")
        fix = canonical_fix(indicator.value_text, path)
        printed = show(indicator.value_text)
        reasons = "、".join(_reasons(indicator.value_text, anomalies))
        if fix is not None:
            new = fix.edits[0].new
            message = f"{indicator_label(indicator)}的指标值“{printed}”{reasons}，应写为“{new}”"
            suggestion = f"改为“{new}”。"
        else:
            message = f"{indicator_label(indicator)}的指标值“{printed}”{reasons}"
            doubts = [ANOMALIES[code] for code in indicator.value.anomalies if code in _JUDGEMENT]
            suggestion = "请核实含义后按“符号+数值+单位”规范书写（如“≥95%”）。"
            if doubts:
                suggestion += f"另请注意：{'；'.join(doubts)}。"
        yield value_finding(
            self, project, index, indicator, message, suggestion=suggestion, fix=fix
        )

    @classmethod
    def bad(cls) -> Document:
        return document_with(1, "≥9898%以上")

    @classmethod
    def good(cls) -> Document:
        return example_document()


def _summarised(kinds: tuple[str, ...], group: list[tuple[Indicator, str, str]]) -> bool:
    """Spelled-out units are always one finding; another habit once it recurs."""
    return kinds == ("unit_spelled_out",) or len(group) >= SUMMARY_ROWS
