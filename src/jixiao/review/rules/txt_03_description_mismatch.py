"""TXT-03: the 绩效指标描述 has nothing to do with the 三级指标 name."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from jixiao.model import Document, Indicator, Project
from jixiao.review.examples import example_document, example_indicators, example_project
from jixiao.review.finding import Finding
from jixiao.review.rule import IndicatorRule, ReviewContext
from jixiao.review.rules._text_terms import has_placeholder_name, is_placeholder, show
from jixiao.review.textsim import canonical, terms

# Name endings that say "this is a measure" but nothing about what is measured.
_MEASURE_CHARS = frozenset("率度性数量比值例重")
_RATE_NAME = re.compile(r"(?:率|比例|比重|占比|比值)$")
_RATE_DEFINITION = re.compile(
    r"占.{0,40}(?:比率|比例|比重|比值|百分比)|(?:比率|比例|比重|比值|百分比)$"
)


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    max_char_overlap: float = Field(0.0, ge=0.0, le=1.0)
    """Largest share of the name's content characters that may appear in the description for
    the pair still to count as unrelated (0.0: not one character in common)."""
    exempt_rate_definitions: bool = True
    """A rate whose description is a ratio definition (…占…的比率) is never reported."""


def _char_overlap(name: str, description: str) -> float:
    own = set(canonical(name)) - _MEASURE_CHARS
    if not own:
        return 1.0  # nothing specific in the name to compare
    return len(own & set(canonical(description))) / len(own)


class DescriptionMismatch(IndicatorRule):
    """绩效指标描述应说明本指标，不能与指标名称毫不相干。

    ## 检查内容
    三级指标名称与绩效指标描述没有任何共同词语：去掉虚词（的、和、及）和“工作”“情况”后，
    两者没有共同的二字词，且名称中的实义字（不计“率、度、数、量”等指标词尾）出现在描述中的
    比例不超过 `max_char_overlap`（默认 0，即一个字也不相同）。报告在
    `indicators[i].description`。
    为避免误报：描述是比率定义（“……占……的比率/比例”）而名称是“……率”的，不报告（如
    “工作贡献率”—“人事代理人员完成的工作量占单位总体工作量的比率”）；名称或描述是占位文字的
    由 TXT-01 报告，本规则跳过。

    ## 为什么
    描述与名称所指不同，多半是填错了行或从别的表格复制而来，监控和自评时无法确定按哪个口径
    取数、打分。

    ## 示例
    反例：三级指标“群众反馈和投诉”，描述“制作印刷政府服务代表工作手册数量”。
    正例：三级指标“群众反馈和投诉办结率”，描述“已办结的群众反馈和投诉件数占受理件数的比例”。

    ## 修正
    不自动修正：请核对名称和描述哪一个填错，使描述说明该指标的含义和口径。

    ## 依据
    实践：绩效指标描述用于界定指标口径；财预〔2015〕88号 要求目标“指向明确”。

    ## 配置
    `max_char_overlap`：默认 0.0。在四份样例上，名称与描述毫无共同字词的行几乎都是真问题；
    只有一个字相同的（如“事物活动完成率”—“保障大厅各项事务符合办事群众需求”）多为写法粗糙而非
    所指不同，故默认不报。调高（如 0.2）会把这类行也报出。
    `exempt_rate_definitions`：默认 true，比率定义式的描述不报告。
    """

    code = "TXT-03"
    name = "指标描述与指标名称不符"
    dimension = "一致性"
    severity = "warning"
    source = "实践；财预〔2015〕88号"
    Params = Params

    def check_indicator(
        self, project: Project, index: int, indicator: Indicator, ctx: ReviewContext
    ) -> Iterator[Finding]:
        assert isinstance(ctx.params, Params)
        description = (indicator.description or "").strip()
        if not description or is_placeholder(description) or has_placeholder_name(indicator):
            return
        name = indicator.name.strip()
        if terms(name) & terms(description):
            return
        if _char_overlap(name, description) > ctx.params.max_char_overlap:
            return
        if (
            ctx.params.exempt_rate_definitions
            and _RATE_NAME.search(canonical(name))
            and _RATE_DEFINITION.search(canonical(description))
        ):
            return
        yield self.finding(
            f"三级指标“{show(name)}”的绩效指标描述“{show(description)}”与指标名称毫不相干，"
            "两者所指不是同一件事",
            project=project,
            indicator_index=index,
            field=f"indicators[{index}].description",
            text=indicator.description,
            suggestion="请核对是名称还是描述填错（或错行），使描述说明该指标的含义、口径或计算方法。",
        )

    @classmethod
    def bad(cls) -> Document:
        rows = example_indicators()
        rows[0] = rows[0].model_copy(update={"description": "制作印刷政策宣传手册"})
        return example_document(example_project(indicators=rows))

    @classmethod
    def good(cls) -> Document:
        return example_document()
