"""CAT-01: a satisfaction indicator filed under 产出 or 效益 (or 成本)."""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.model import Document, Project
from jixiao.model.categories import level1_code
from jixiao.review.examples import (
    example_document,
    example_indicator,
    example_indicators,
    example_project,
)
from jixiao.review.finding import Edit, Finding, Fix
from jixiao.review.rule import NoParams, ProjectRule, ReviewContext
from jixiao.review.rules._edit_paths import indicator_path
from jixiao.review.rules._text_terms import is_satisfaction_name, show

_LEVEL1 = {"output": "产出指标", "effect": "效益指标", "cost": "成本指标"}


class SatisfactionMisfiled(ProjectRule):
    """满意度指标应放在“满意度指标—服务对象满意度指标”下。

    ## 检查内容
    三级指标名称以“满意度”“满意率”“满意程度”结尾（如“群众满意率”“援疆干部家属满意度”），
    却放在一级指标“产出指标”“效益指标/效果指标”或“成本指标”下。报告在 `indicators[i].level1`。
    “满意度调查覆盖率”之类以满意度调查为对象的产出指标不算满意度指标。

    ## 为什么
    满意度是服务对象对项目的主观评价，有自己的一级指标和固定权重（自评 10 分）。放在产出或
    效益下，会让产出、效益指标缺位而满意度重复计分，也说明该项目的效益指标没有真正设置。

    ## 示例
    反例：一级指标“效益指标”、二级指标“社会效益指标”下的三级指标“群众满意率”。
    正例：“群众满意率”放在“满意度指标—服务对象满意度指标”下，效益指标另设（如
    “企业群众办事平均跑动次数”）。

    ## 修正
    给出不安全修正：把该行移到“满意度指标—服务对象满意度指标”。若项目已有满意度指标，
    应删除重复的一行，并补设真正的产出或效益指标，需单位判断。

    ## 依据
    财预〔2015〕88号、财预〔2021〕101号 指标体系：满意度指标为独立的一级指标（本项目 rules.md §1）。

    ## 配置
    无参数。
    """

    code = "CAT-01"
    name = "满意度指标放在产出或效益下"
    dimension = "规范性"
    severity = "error"
    source = "财预〔2015〕88号；财预〔2021〕101号"
    Params = NoParams

    def check_project_at(
        self, position: int, project: Project, doc: Document, ctx: ReviewContext
    ) -> Iterator[Finding]:
        for index, indicator in enumerate(project.indicators):
            code1 = level1_code(indicator.level1)
            if code1 not in _LEVEL1 or not is_satisfaction_name(indicator.name):
                continue
            level1, level2 = indicator.level1.strip(), indicator.level2.strip()
            base = indicator_path(position, index)
            fix = Fix(
                title="移到“满意度指标—服务对象满意度指标”下",
                safety="unsafe",
                edits=(
                    Edit(path=f"{base}.level1", old=indicator.level1, new="满意度指标"),
                    Edit(path=f"{base}.level2", old=indicator.level2, new="服务对象满意度指标"),
                    Edit(
                        path=f"{base}.category",
                        old=indicator.category,
                        new="satisfaction.beneficiary",
                    ),
                ),
            )
            where = f"{level1}—{level2}" if level2 else level1
            kind = "产出" if code1 == "output" else "效益"
            yield self.finding(
                f"满意度指标“{show(indicator.name)}”放在了“{where}”下，应属于满意度指标",
                project=project,
                indicator_index=index,
                field=f"indicators[{index}].level1",
                text=indicator.name,
                suggestion="请将其移到“满意度指标—服务对象满意度指标”下（已有同类满意度指标的删除"
                f"该行），并为“{_LEVEL1[code1]}”设置真正反映{kind}的指标。",
                fix=fix,
            )

    @classmethod
    def bad(cls) -> Document:
        rows = example_indicators()
        rows[4] = example_indicator(
            "效益指标", "社会效益指标", "群众满意率", "满足大厅办事群众需求", "≥95%", "行业标准"
        )
        return example_document(example_project(indicators=rows))

    @classmethod
    def good(cls) -> Document:
        return example_document()
