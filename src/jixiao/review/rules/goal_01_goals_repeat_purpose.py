"""GOAL-01: the 绩效目标 only repeat the 资金用途 or each other."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from jixiao.model import Document, Project
from jixiao.review.examples import example_document, example_project
from jixiao.review.finding import Finding
from jixiao.review.rule import ProjectRule, ReviewContext
from jixiao.review.rules._suggestions import goal_suggestion
from jixiao.review.rules._text_terms import real_goals, show
from jixiao.review.textsim import containment, ratio_at_least, terms


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    purpose_containment: float = Field(0.7, ge=0.0, le=1.0)
    """Share of a goal's word bigrams found in the 资金用途 from which the goal counts as a
    restatement of the purpose."""
    duplicate_ratio: float = Field(0.9, ge=0.0, le=1.0)
    """Edit similarity (0…1) from which two goals count as the same goal."""


class GoalsRepeatPurpose(ProjectRule):
    """绩效目标应写明预期产出和效果，不能只重复资金用途或彼此重复。

    ## 检查内容
    每个项目检查一次，报告在 `goals`：
    - 两条绩效目标相同或几乎相同（规范化后编辑相似度 ≥ `duplicate_ratio`）；
    - 全部绩效目标都只是资金用途的复述：每条目标的二字词中至少 `purpose_containment`
      的比例出现在资金用途中（如资金用途“保障劳务派遣人员经费”，目标“保障劳务派遣人员经费”）。
    只要有一条目标写出了资金用途之外的内容，就不按“复述”报告。占位文字（“目标内容1”）由
    TXT-01 报告，本规则不计。

    ## 为什么
    资金用途说明钱花在哪里（投入），绩效目标应说明花钱后产出什么、达到什么效果。把用途抄作
    目标，或把同一句话写两遍，等于没有设定目标，审核无法判断目标与资金是否匹配。

    ## 示例
    反例：资金用途“保障劳务派遣人员经费”，绩效目标“1.保障劳务派遣人员经费 2.保障劳务派遣人员经费”。
    正例：绩效目标“按月足额发放17名劳务派遣人员工资，发放及时率100%；窗口服务满意度不低于95%”。

    ## 修正
    不自动修正：请按“产出数量、质量、时效 + 效益”的思路重写绩效目标，并与指标对应。

    ## 依据
    财预〔2015〕88号：绩效目标应“指向明确、细化量化”，清晰反映预期产出和效果；
    财预〔2021〕101号 关于绩效目标的定义（预期达到的产出和效果）。

    ## 配置
    `purpose_containment`：默认 0.7。样例 000 的目标多为“保障劳务派遣人员工资”“保障劳务派遣
    人员保险”这类把资金用途“保障劳务派遣人员经费”换一两个字的写法，包含率 0.70–0.78；
    四份样例中其余目标的包含率不超过 0.67（如“满足‘双盲评审’‘分散评标’对系统的要求”），
    写出产出的目标（如“收集资料准确、及时，确保数据资料的准确性”）在 0.4 以下。
    提高到 0.8 只报告几乎逐字照抄的目标。
    `duplicate_ratio`：默认 0.9，只报告几乎逐字相同的两条目标。
    """

    code = "GOAL-01"
    name = "绩效目标复述资金用途或相互重复"
    dimension = "一致性"
    severity = "warning"
    source = "财预〔2015〕88号；财预〔2021〕101号"
    Params = Params

    def check_project(
        self, project: Project, doc: Document, ctx: ReviewContext
    ) -> Iterator[Finding]:
        assert isinstance(ctx.params, Params)
        goals = real_goals(project)
        if not goals:
            return
        problems: list[str] = []
        duplicates = [
            (i, j)
            for j in range(len(goals))
            for i in range(j)
            if ratio_at_least(goals[i], goals[j], ctx.params.duplicate_ratio)
        ]
        if duplicates:
            pairs = "、".join(f"第{i + 1}条与第{j + 1}条" for i, j in duplicates)
            problems.append(f"{pairs}绩效目标重复（“{show(goals[duplicates[0][1]])}”）")
        purpose = (project.purpose or "").strip()
        if purpose and all(
            containment(terms(g), terms(purpose)) >= ctx.params.purpose_containment for g in goals
        ):
            problems.append(f"绩效目标只是复述资金用途“{show(purpose)}”，未写明预期产出和效果")
        if not problems:
            return
        yield self.finding(
            "；".join(problems),
            project=project,
            field="goals",
            text="；".join(goals),
            suggestion=goal_suggestion(
                project, doc.fiscal_year, "请写明项目完成后的产出（数量、质量、时效）和效益"
            ),
        )

    @classmethod
    def bad(cls) -> Document:
        return example_document(
            example_project(
                purpose="保障审批大厅运行维护经费",
                goals=["保障审批大厅运行维护经费", "保障审批大厅运行维护经费"],
            )
        )

    @classmethod
    def good(cls) -> Document:
        return example_document()
