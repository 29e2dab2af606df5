"""REL-03: an indicator that has nothing to do with its project."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from jixiao.model import Document, Project
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
    is_satisfaction_indicator,
    real_goals,
    show,
)
from jixiao.review.textsim import containment, key_terms, terms

ADMIN_WORDS: tuple[str, ...] = (
    # money and cost control: every project has them
    "预算",
    "经费",
    "资金",
    "财政",
    "控制",
    "单价",
    # office routine and generic outcomes
    "综合",
    "事务",
    "日常",
    "活动",
    "办公",
    "办理",
    "良好",
    "营造",
    "创造",
    "作出",
    "贡献",
    "有助于",
    "方便",
    "影响力",
    "影响",
    "可持续",
    "保质保量",
    # the vocabulary of ratio definitions (实际完成工作量占计划总量的比率)
    "工作量",
    "总量",
    "人数",
    "应发",
    "享受",
    "接受",
    "提供",
    "基本",
    "重点",
)
"""Extra boiler-plate for this rule, on top of ``textsim.GENERIC_WORDS``."""


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    max_overlap: float = Field(0.0, ge=0.0, lt=1.0)
    """Report when the share of the indicator's specific words found in the project's texts
    is at most this (0.0: none of them)."""
    min_terms: int = Field(4, ge=1)
    """Indicators with fewer specific word bigrams than this are too generic to judge."""


class UnrelatedIndicator(ProjectRule):
    """三级指标应与本项目相关。

    ## 检查内容
    表格本身没有“资金用途”一栏的项目不检查：只有项目名称和目标时，可供对照的文字太少，误报多。
    取三级指标名称和描述中的“具体词”（去掉虚词、套话和“预算、经费、综合、事务、办公”等
    通用词后的二字词），看它们是否出现在本项目的名称、资金用途、绩效目标、单位名称或本项目
    其他指标（名称和描述）中。出现比例不超过 `max_overlap`（默认 0，即一个也没有）时报告在
    `indicators[i].name`。
    不检查：满意度指标（一级为满意度或名称以“满意度/满意率”结尾）、占位文字（TXT-01）、
    具体词少于 `min_terms` 个的笼统指标（如“服务对象满意度”“预算经费控制数”“优化我县营商环境”
    “活动完成率”）：笼统是另一个问题，不是“不相关”。

    ## 为什么
    与项目无关的指标多半是从别的项目表格复制而来（如人事代理经费项目里的“能够长期满足人民群众
    对精神文化的需求”），既不能衡量本项目的绩效，也说明指标未经认真设置。

    ## 示例
    反例：项目“人事代理经费”的可持续影响指标“长期使用性”，描述“能够长期满足人民群众对精神
    文化的需求”。
    正例：改为“人事代理人员队伍稳定率”，描述“年内在岗人事代理人员占年初人数的比例”。

    ## 修正
    不自动修正：请删除无关指标，按本项目的产出和效益重新设置。

    ## 依据
    财预〔2015〕88号 相关性审核；财预〔2021〕101号“高度关联”原则（本项目 rules.md §7.2）。

    ## 配置
    `max_overlap`：默认 0.0。在四份样例上，有一个具体词能在项目文字中找到的指标都与项目有关
    （如“涉外案件配合处置率”与“金融工作经费”的资金用途中的“境外机构和公民领事保护”有“处置”
    相连），只有一个也找不到的才是真正无关的指标；调高到 0.15 会开始误报
    （“大型会议控制率”“营造良好的营商环境—为群众提供免费复印25万份”）。
    `min_terms`：默认 4，约两个具体的双字词。只有一个具体词的笼统指标（“活动完成率—保障政务中心
    工作顺利完成”只有“政务中心”）不报；降到 3 会报出这类笼统而非无关的指标。
    """

    code = "REL-03"
    name = "指标与项目无关"
    dimension = "相关性"
    severity = "warning"
    source = "财预〔2015〕88号；财预〔2021〕101号"
    Params = Params

    def check_project(
        self, project: Project, doc: Document, ctx: ReviewContext
    ) -> Iterator[Finding]:
        assert isinstance(ctx.params, Params)
        if "purpose" in project.form_lacks:
            return  # without a 资金用途 there is too little of the project's own text to judge
        own = [project.name, project.purpose or "", project.unit.name or "", *real_goals(project)]
        own_terms = frozenset().union(*(terms(t) for t in own))
        row_terms = [terms(ind.name) | terms(ind.description or "") for ind in project.indicators]
        for index, indicator in enumerate(project.indicators):
            if is_satisfaction_indicator(indicator) or has_placeholder_name(indicator):
                continue
            specific = key_terms(indicator.name, ADMIN_WORDS) | key_terms(
                indicator.description or "", ADMIN_WORDS
            )
            if len(specific) < ctx.params.min_terms:
                continue
            context = own_terms.union(*(t for i, t in enumerate(row_terms) if i != index))
            if containment(specific, context) > ctx.params.max_overlap:
                continue
            described = indicator.name.strip()
            if indicator.description and indicator.description.strip():
                described += f"（{show(indicator.description)}）"
            yield self.finding(
                f"三级指标“{described}”与项目“{project.name.strip()}”的资金用途、绩效目标和"
                "其他指标都没有共同的内容，疑似与本项目无关",
                project=project,
                indicator_index=index,
                field=f"indicators[{index}].name",
                text=indicator.name,
                suggestion="请核实该指标是否衡量本项目的产出或效益；从其他项目复制而来的请删除，"
                "按本项目实际重新设置。",
            )

    @classmethod
    def bad(cls) -> Document:
        rows = example_indicators()
        rows[4] = example_indicator(
            "效益指标",
            "可持续影响指标",
            "长期使用性",
            "能够长期满足人民群众对精神文化的需求",
            "≥95%",
            "历史标准",
        )
        return example_document(example_project(indicators=rows))

    @classmethod
    def good(cls) -> Document:
        return example_document()
