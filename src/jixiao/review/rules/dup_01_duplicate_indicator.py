"""DUP-01: a 三级指标 repeated in one project, or only restating its 二级 label or the project."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict

from jixiao.model import Document, Project
from jixiao.model.categories import level1_code, normalize_label
from jixiao.review.examples import (
    example_document,
    example_indicator,
    example_indicators,
    example_project,
)
from jixiao.review.finding import Finding
from jixiao.review.rule import ProjectRule, ReviewContext
from jixiao.review.rules._suggestions import measure_name_example
from jixiao.review.rules._text_terms import has_placeholder_name, row, show
from jixiao.review.textsim import canonical

_PROJECT_SUFFIX = re.compile(r"(?:专项经费|专项资金|工作经费|经费|资金|费用|专项|项目|费)$")


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    check_satisfaction_labels: bool = False
    """Also report a satisfaction indicator named exactly like its 二级 label
    (服务对象满意度 under 服务对象满意度指标)."""


def _core(text: str) -> str:
    return canonical(normalize_label(text))


class DuplicateIndicator(ProjectRule):
    """同一项目内三级指标不应重复，也不应只是二级指标名称或项目名称。

    ## 检查内容
    报告在 `indicators[i].name`，每行最多一条：
    - 同一项目中两行三级指标名称相同（去掉空白、标点、虚词和“(%)”后比较），报告后出现的一行；
    - 三级指标名称与其二级指标名称相同（去掉“指标”后缀比较）；
    - 三级指标名称与项目名称相同（项目名称去掉“经费”“专项”“费”等后缀后比较）。
    名称是占位文字或分类名称的行（如“生态效益指标”）由 TXT-01 报告，本规则跳过；满意度指标
    写作“服务对象满意度”是通行写法，默认不按“与二级指标同名”报告。

    ## 为什么
    重复的指标会重复计分，挤占其他指标的位置；只写二级指标名称或项目名称的三级指标没有说明
    衡量什么，是“以名代指”的复述型指标。

    ## 示例
    反例：同一项目中“审批业务办结率”出现两次（质量指标、时效指标下各一次）。
    正例：时效指标下改为“审批业务按时办结率”。

    ## 修正
    不自动修正：删除哪一行、改成什么指标需单位判断。

    ## 依据
    实践（本项目 rules.md §7.6 复述型指标）；财预〔2015〕88号“细化、量化”。

    ## 配置
    `check_satisfaction_labels`：是否也报告与二级指标同名的满意度指标（“服务对象满意度”），
    默认 false。
    """

    code = "DUP-01"
    name = "三级指标重复或照抄上级名称"
    dimension = "一致性"
    severity = "warning"
    source = "实践；财预〔2015〕88号"
    Params = Params

    def check_project(
        self, project: Project, doc: Document, ctx: ReviewContext
    ) -> Iterator[Finding]:
        assert isinstance(ctx.params, Params)
        seen: dict[str, int] = {}
        project_core = canonical(_PROJECT_SUFFIX.sub("", "".join(project.name.split())))
        for index, indicator in enumerate(project.indicators):
            if has_placeholder_name(indicator):
                continue
            name = indicator.name.strip()
            key = canonical(name)
            if not key:
                continue
            message: str | None = None
            suggestion = ""
            if key in seen:
                first = seen[key]
                message = f"三级指标“{show(name)}”与{row(first)}重复"
                where = [project.indicators[first], indicator]
                if (where[0].level1, where[0].level2) != (where[1].level1, where[1].level2):
                    message += (
                        f"（分别在“{where[0].level2.strip() or where[0].level1.strip()}”和"
                        f"“{indicator.level2.strip() or indicator.level1.strip()}”下）"
                    )
                suggestion = "请删除重复的一行，或改为衡量其他产出、效益的指标。"
            else:
                seen[key] = index
                satisfaction = level1_code(indicator.level1) == "satisfaction"
                if (
                    indicator.level2.strip()
                    and _core(name) == _core(indicator.level2)
                    and (ctx.params.check_satisfaction_labels or not satisfaction)
                ):
                    message = (
                        f"三级指标“{show(name)}”只是重复二级指标名称“{indicator.level2.strip()}”"
                    )
                    example = measure_name_example(project, indicator)
                    suggestion = f"请写出具体衡量的内容，如{example}。"
                elif project_core and key == project_core:
                    message = f"三级指标“{show(name)}”只是重复项目名称“{project.name.strip()}”"
                    suggestion = (
                        "请写出项目的具体产出或效益，如办理数量、完成率、服务对象满意度等。"
                    )
            if message is None:
                continue
            yield self.finding(
                message,
                project=project,
                indicator_index=index,
                field=f"indicators[{index}].name",
                text=indicator.name,
                suggestion=suggestion,
            )

    @classmethod
    def bad(cls) -> Document:
        rows = example_indicators()
        rows[2] = example_indicator(
            "产出指标", "时效指标", "审批业务办结率", "在承诺时限内办结的比例", "≥98%", "历史标准"
        )
        return example_document(example_project(indicators=rows))

    @classmethod
    def good(cls) -> Document:
        return example_document()
