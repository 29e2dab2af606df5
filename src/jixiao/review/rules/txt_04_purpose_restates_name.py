"""TXT-04: the 资金用途 only repeats the project's name."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict

from jixiao.model import Document, Project
from jixiao.review.examples import example_document, example_project
from jixiao.review.finding import Finding
from jixiao.review.rule import ProjectRule, ReviewContext
from jixiao.review.textsim import canonical, ratio_at_least

_GENERIC = re.compile(r"(项目|专项|经费|资金|费用|费|支出)")


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    min_ratio: float = 0.85
    """Edit similarity of name and 资金用途 (generic words such as 经费/项目 removed) from
    which the 资金用途 counts as a repetition."""


class PurposeRestatesName(ProjectRule):
    """资金用途不应只重复项目名称。

    ## 检查内容
    “资金用途”（预算规模及资金用途中的文字说明）与项目名称相同或只差“项目”“经费”“资金”“费”
    等泛称（编辑相似度不低于 `min_ratio`），例如项目“卫生健康信息化运维费”的资金用途
    “卫生健康信息化运维费”。资金用途为空时由 STR-01 报告。

    ## 为什么
    资金用途要说明钱花在哪里、怎么花（支出内容、标准、数量），审核时据此判断预算是否合理、
    指标是否对应；只写项目名称等于没有说明。

    ## 示例
    反例：项目“农业综合行政执法经费”，资金用途“农业综合行政执法经费”。
    正例：资金用途“用于农资市场执法检查车辆运行、执法文书印制和抽检样品购置”。

    ## 修正
    不自动修正：请写明支出内容、标准或数量。

    ## 依据
    财预〔2015〕88号：绩效目标要与预算确定的项目内容相对应（实践中资金用途用于审核预算合理性）。

    ## 配置
    `min_ratio`：相似度阈值，默认 0.85。
    """

    code = "TXT-04"
    name = "资金用途重复项目名称"
    dimension = "完整性"
    severity = "warning"
    source = "财预〔2015〕88号；实践"
    Params = Params

    def check_project(
        self, project: Project, doc: Document, ctx: ReviewContext
    ) -> Iterator[Finding]:
        assert isinstance(ctx.params, Params)
        purpose = (project.purpose or "").strip()
        if not purpose or not project.name.strip():
            return
        name, use = _core(project.name), _core(purpose)
        if not use or not (use in name or ratio_at_least(name, use, ctx.params.min_ratio)):
            return
        yield self.finding(
            f"资金用途“{purpose}”只重复了项目名称，没有说明资金的具体用途",
            project=project,
            field="purpose",
            text=purpose,
            suggestion="请写明资金用于哪些支出（内容、标准、数量），如“用于……的购置、印制、运行维护”。",
        )

    @classmethod
    def bad(cls) -> Document:
        return example_document(example_project(purpose="审批大厅运行维护经费"))

    @classmethod
    def good(cls) -> Document:
        return example_document()


def _core(text: str) -> str:
    return canonical(_GENERIC.sub("", text))
