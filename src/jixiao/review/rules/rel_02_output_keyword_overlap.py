"""REL-02: the 产出 indicators share few key words with the 资金用途 and 绩效目标."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from jixiao.model import Document, Project
from jixiao.model.categories import level1_code
from jixiao.review.examples import (
    example_document,
    example_indicator,
    example_indicators,
    example_project,
)
from jixiao.review.finding import Finding
from jixiao.review.rule import ProjectRule, ReviewContext
from jixiao.review.rules._text_terms import (
    has_placeholder_name,
    is_placeholder,
    is_satisfaction_name,
    real_goals,
    show,
)
from jixiao.review.textsim import heads, key_terms, segments

# Head characters too common to link two phrases (事务/财务/业务, 工作/操作, 人员/成员…).
COMMON_HEADS = frozenset("务作费理员性量数率度项况求化工件次人者式制法门心台统")


def _related(text: str, keys: frozenset[str], key_chars: frozenset[str]) -> bool:
    """A shared specific bigram, or a shared head noun (大楼 ~ 办公楼)."""
    if key_terms(text) & keys:
        return True
    return bool((heads(text) - COMMON_HEADS) & key_chars)


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    min_related_share: float = Field(0.25, ge=0.0, le=1.0)
    """Report when fewer than this share of the 产出 indicators share a key word with the
    project name, 资金用途 and 绩效目标."""


class OutputKeywordOverlap(ProjectRule):
    """产出指标应反映资金用途和绩效目标中的工作内容。

    ## 检查内容
    取项目名称、资金用途和绩效目标中的关键词（去掉“保障、提高、完成率、满意度、营商环境”等
    套话后的二字词），看每个产出指标（名称和描述）是否至少含有其中一个，或与之有相同的中心字
    （复合词的末字，如“大楼”与“办公楼”的“楼”；“务、费、员、率”等过于常见的末字不算）。与之有共同关键词的
    产出指标少于 `min_related_share`（默认四分之一）时，在 `indicators` 上提示一次，列出产出
    指标。不计：成本指标（反映的是资金）、满意度类名称、占位文字；没有产出指标或资金用途、
    目标都是空话的项目不检查。

    ## 为什么
    产出指标应衡量资金买来的东西：资金用于“免费复印、免费邮寄”，产出就应是复印、邮寄的份数和
    时效，而不是“活动完成率”“综合事务保障率”。关键词完全对不上，多半说明指标是套用的。这是
    基于字面的提示，同义词（“律师服务”与“结案率”）会被漏认，请人工确认。

    ## 示例
    反例：资金用途“保障免费复印、免费邮寄费”，产出指标“活动完成率”“综合事务保障率”。
    正例：产出指标“免费复印份数”“免费邮寄件数”“邮件按时寄出率”。

    ## 修正
    不自动修正：请按资金用途设置产出指标。

    ## 依据
    财预〔2015〕88号 相关性审核：指标应与目标、资金用途相关（本项目 rules.md §7.2）；
    财预〔2021〕101号“高度关联”原则。

    ## 配置
    `min_related_share`：默认 0.25。四份样例中，产出指标与用途相关的项目至少有三分之一的产出
    指标能对上关键词（如“出具报告的可靠性”对不上而“需第三方评估的业务量”对得上）；提示的
    都是一个也对不上的项目（如“活动完成率”对“免费复印、免费邮寄”）。
    关键词表见 `jixiao.review.textsim.GENERIC_WORDS`。
    """

    code = "REL-02"
    name = "产出指标与资金用途关联弱"
    dimension = "相关性"
    severity = "info"
    source = "财预〔2015〕88号；财预〔2021〕101号"
    Params = Params

    def check_project(
        self, project: Project, doc: Document, ctx: ReviewContext
    ) -> Iterator[Finding]:
        assert isinstance(ctx.params, Params)
        sources = [project.name, *real_goals(project)]
        if project.purpose and not is_placeholder(project.purpose):
            sources.append(project.purpose)
        keys = frozenset().union(*(key_terms(t) for t in sources))
        if not keys:
            return
        key_chars = frozenset(
            "".join(seg for t in sources for seg in segments(t, generic=True) if len(seg) >= 2)
        )
        outputs = [
            ind
            for ind in project.indicators
            if level1_code(ind.level1) == "output"
            and ind.category != "output.cost"
            and not is_satisfaction_name(ind.name)
            and not has_placeholder_name(ind)
        ]
        if not outputs:
            return
        related = [
            ind
            for ind in outputs
            if _related(ind.name, keys, key_chars)
            or _related(ind.description or "", keys, key_chars)
        ]
        if len(related) >= ctx.params.min_related_share * len(outputs):
            return
        names = "、".join(f"“{show(ind.name, 20)}”" for ind in outputs)
        about = show(project.purpose or "；".join(real_goals(project)) or project.name, 40)
        yield self.finding(
            f"产出指标{names}与资金用途、绩效目标（“{about}”）没有共同的关键词，"
            "可能未反映资金的实际产出",
            project=project,
            field="indicators",
            text="；".join(ind.name for ind in outputs),
            suggestion="请核实产出指标是否衡量资金用途中的工作（数量、质量、时效），"
            "不相关的按资金用途改写。",
        )

    @classmethod
    def bad(cls) -> Document:
        rows = example_indicators()
        rows[0] = example_indicator(name="活动完成率", description="保障工作顺利完成", value="≥95%")
        rows[1] = example_indicator(
            "产出指标", "质量指标", "综合事务保障率", "保障日常事务高效运转", "≥95%", "行业标准"
        )
        rows[2] = example_indicator(
            "产出指标", "时效指标", "事项按时完成率", "按时完成的比例", "≥95%", "历史标准"
        )
        return example_document(example_project(indicators=rows))

    @classmethod
    def good(cls) -> Document:
        return example_document()
