"""DUP-04: every indicator of a project has the same 指标值 (a set filled by copying)."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict

from jixiao.model import Document, Project
from jixiao.review.examples import example_document, example_indicators, example_project
from jixiao.review.finding import Finding
from jixiao.review.rule import ProjectRule, ReviewContext
from jixiao.values import parse_value


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    min_rows: int = 4
    """Projects with fewer indicators than this are not checked."""


class SameValueEverywhere(ProjectRule):
    """项目的全部指标值都相同，像是照抄填写。

    ## 检查内容
    项目有不少于 `min_rows` 个三级指标，且全部指标值写法相同（如都是“≥95%”）。数量、时效、
    效益、满意度各自衡量不同的东西，目标值完全一样通常说明是批量照填，而不是逐项测算的。
    指标值为空由 STR-08 报告，无法识别的文字由 VAL-01 逐行报告，不在此计。全部是同一个
    没有单位的数字（如都是“11”）时报告为错误：这样的指标值看不出衡量什么，必须逐项重填。
    一个项目报告一次，`field="indicators"`；各行对同一指标值的意见（VAL-15 缺单位、VAL-14
    不是金额等）并入这一条。

    ## 为什么
    指标值应依据计划、行业或历史标准逐项确定；全部相同的目标值无法反映各指标的实际水平，
    年底也容易“全部达标”。专家审核时会要求逐项说明依据。

    ## 示例
    反例：5个指标（覆盖率、办结率、及时率、合格率、满意度）的指标值都是“≥95%”。
    正例：各指标按依据分别确定，如覆盖率“=100%”、办结率“≥98%”、满意度“≥90%”。

    ## 修正
    不自动修正：请逐项核实指标值及其确定依据。

    ## 依据
    财预〔2015〕88号（指标值应依据计划标准、行业标准、历史标准等确定）；实践。

    ## 配置
    `min_rows`：最少多少个指标才检查，默认 4。
    """

    code = "DUP-04"
    name = "全部指标值相同"
    dimension = "适当性"
    severity = "warning"
    source = "财预〔2015〕88号；实践"
    Params = Params

    def check_project(
        self, project: Project, doc: Document, ctx: ReviewContext
    ) -> Iterator[Finding]:
        assert isinstance(ctx.params, Params)
        rows = project.indicators
        if len(rows) < ctx.params.min_rows:
            return
        values = {"".join(i.value_text.split()) for i in rows}
        if len(values) != 1 or "" in values:
            return
        value = values.pop()
        parsed = rows[0].value
        if parsed.kind != "quantitative":
            return  # text that measures nothing: VAL-01 reports it row by row
        suggestion = "请按计划、行业或历史标准逐项确定指标值，并在指标值确定依据中写明。"
        if parsed.unit is None:
            # the same bare number everywhere ("11") measures nothing at all: must be redone
            yield self.finding(
                f"全部{len(rows)}个三级指标的指标值都是“{value}”，只有数字、没有单位，"
                "看不出衡量的是什么，需要逐项重新确定",
                project=project,
                field="indicators",
                text=value,
                suggestion=suggestion,
                # an error unless the installation set this rule's level itself
                severity=self.own_level("error"),
            )
            return
        yield self.finding(
            f"全部{len(rows)}个三级指标的指标值都是“{value}”，不像是逐项测算确定的",
            project=project,
            field="indicators",
            text=value,
            suggestion=suggestion,
        )

    @classmethod
    def bad(cls) -> Document:
        rows = [
            row.model_copy(update={"value_text": "≥95%", "value": parse_value("≥95%")})
            for row in example_indicators()
        ]
        return example_document(example_project(indicators=rows))

    @classmethod
    def good(cls) -> Document:
        return example_document()
