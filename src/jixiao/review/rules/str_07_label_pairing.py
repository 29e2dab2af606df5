"""STR-07: every 二级 label belongs to its 一级 (and, in strict profiles, no legacy 效果 labels)."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict

from jixiao.model import Document, Project
from jixiao.model.categories import FRAMEWORK, categorize, level1_code, normalize_label
from jixiao.review.examples import (
    example_document,
    example_indicator,
    example_indicators,
    example_project,
)
from jixiao.review.finding import Edit, Finding, Fix
from jixiao.review.rule import ProjectRule, ReviewContext
from jixiao.review.rules._edit_paths import indicator_path

LEVEL1_NAMES = {
    "output": "产出指标",
    "effect": "效益指标",
    "satisfaction": "满意度指标",
    "cost": "成本指标",
}
LEVEL2_NAMES = {
    "output": "数量、质量、时效、成本指标",
    "effect": "经济效益、社会效益、生态效益、可持续影响指标",
    "satisfaction": "服务对象满意度指标",
    "cost": "经济成本、社会成本、生态环境成本指标",
}


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    accept_legacy_labels: bool = True
    """Accept the older 一级 label 效果指标 as a synonym of 效益指标."""


def _owners(level2: str) -> list[str]:
    """The 一级 names whose vocabulary contains this 二级 label."""
    label = normalize_label(level2)
    return [LEVEL1_NAMES[code] for code, table in FRAMEWORK.items() if label in table]


class LabelPairing(ProjectRule):
    """二级指标应属于其一级指标，一级、二级指标名称应规范。

    ## 检查内容
    - 一级指标名称不在指标体系内（产出、效益/效果、满意度、成本）：报告在 `indicators[i].level1`；
    - 二级指标不属于所在一级指标（如“产出指标”下的“社会效益指标”），或不是任何规范的二级指标：
      报告在 `indicators[i].level2`；
    - `accept_legacy_labels` 为 false 时，一级指标使用旧模板名称“效果指标”的也报告。
    名称比较前去掉空白和“指标”“类”后缀。原表中一级、二级单元格是合并的，所以同一项目内相同的
    标签组合只报一次，定位到第一行，消息中注明涉及的行数。

    ## 为什么
    指标的分类决定它回答什么问题（产出还是效益），也决定自评时的权重（产出 50 分、效益 30 分、
    满意度 10 分）。二级指标放错一级，会让完整性判断和评分都出错。

    ## 示例
    反例：一级指标“产出指标”下写二级指标“社会效益指标”。
    正例：“社会效益指标”放在一级指标“效益指标”下。

    ## 修正
    二级指标放错位置的不自动修正（需要判断指标本身属于产出还是效益）。“效果指标”改为“效益指标”
    是同义替换，给出安全修正。

    ## 依据
    财预〔2015〕88号 时期指标体系与财预〔2021〕101号 核心绩效指标模板（本项目 rules.md §1）。

    ## 配置
    `accept_legacy_labels`：是否接受旧名称“效果指标”，默认 true；`central-2021` 配置为 false。
    """

    code = "STR-07"
    name = "指标层级名称不规范"
    dimension = "规范性"
    severity = "error"
    source = "财预〔2015〕88号；财预〔2021〕101号"
    Params = Params

    def check_project_at(
        self, position: int, project: Project, doc: Document, ctx: ReviewContext
    ) -> Iterator[Finding]:
        assert isinstance(ctx.params, Params)
        unknown1: dict[str, list[int]] = {}
        misplaced: dict[tuple[str, str], list[int]] = {}
        legacy: dict[str, list[int]] = {}
        for index, indicator in enumerate(project.indicators):
            level1, level2 = indicator.level1.strip(), indicator.level2.strip()
            code1 = level1_code(level1)
            if code1 is None:
                unknown1.setdefault(level1, []).append(index)
                continue
            if categorize(level1, level2) is None:
                misplaced.setdefault((level1, level2), []).append(index)
            if not ctx.params.accept_legacy_labels and normalize_label(level1) == "效果":
                legacy.setdefault(indicator.level1, []).append(index)

        for level1, rows in unknown1.items():
            yield self.finding(
                f"一级指标“{level1}”不在指标体系内{_rows(rows)}",
                project=project,
                indicator_index=rows[0],
                field=f"indicators[{rows[0]}].level1",
                text=level1,
                suggestion="一级指标应为产出指标、效益指标、满意度指标（101号模板另有成本指标）之一。",
            )
        for (level1, level2), rows in misplaced.items():
            code1 = level1_code(level1)
            assert code1 is not None
            owners = _owners(level2)
            if not level2:
                message = f"一级指标“{level1}”下的二级指标为空"
            elif owners:
                message = f"二级指标“{level2}”属于{'或'.join(owners)}，不应放在一级指标“{level1}”下"
            else:
                message = f"二级指标“{level2}”不是“{level1}”下的规范二级指标"
            yield self.finding(
                message + _rows(rows),
                project=project,
                indicator_index=rows[0],
                field=f"indicators[{rows[0]}].level2",
                text=level2,
                suggestion=f"“{LEVEL1_NAMES[code1]}”下的二级指标应为{LEVEL2_NAMES[code1]}之一；"
                "请核实该指标属于哪一类，并放到对应的一级、二级指标下。",
            )
        for label, rows in legacy.items():
            new = label.replace("效果", "效益")
            fix = Fix(
                title=f"将“{label}”改为“{new}”",
                safety="safe",
                edits=tuple(
                    Edit(
                        path=indicator_path(position, row, "level1"),
                        old=label,
                        new=new,
                    )
                    for row in rows
                ),
            )
            yield self.finding(
                f"一级指标使用旧名称“{label.strip()}”，现行模板应为“{new.strip()}”{_rows(rows)}",
                project=project,
                indicator_index=rows[0],
                field=f"indicators[{rows[0]}].level1",
                text=label,
                suggestion=f"请将“{label.strip()}”改为“{new.strip()}”。",
                fix=fix,
            )

    @classmethod
    def bad(cls) -> Document:
        rows = example_indicators()
        rows[4] = example_indicator(
            "产出指标", "社会效益指标", "企业群众办事平均跑动次数", None, "≤1次", "历史标准"
        )
        return example_document(example_project(indicators=rows))

    @classmethod
    def good(cls) -> Document:
        return example_document()


def _rows(rows: list[int]) -> str:
    return f"（共{len(rows)}行）" if len(rows) > 1 else ""
