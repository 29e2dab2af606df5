"""STR-09: every indicator row gives its 指标值确定依据."""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.model import Document, Indicator, Project
from jixiao.review.examples import (
    example_document,
    example_indicator,
    example_indicators,
    example_project,
)
from jixiao.review.finding import Finding
from jixiao.review.rule import NoParams, ProjectRule, ReviewContext
from jixiao.review.rules._suggestions import basis_suggestion

# Cell contents that mean "no basis given".
BLANK_BASES = frozenset({"无", "暂无", "/", "-", "—", "——", "－", "_", "空", "略"})


def basis_is_blank(basis: str | None) -> bool:
    """True when the 指标值确定依据 is missing, empty, or only says 无 or a dash."""
    if basis is None:
        return True
    text = "".join(basis.split())
    return not text or text in BLANK_BASES


def _name(indicator: Indicator) -> str:
    return indicator.name.strip()


class BasisMissing(ProjectRule):
    """每个三级指标都应说明指标值确定依据。

    ## 检查内容
    三级指标的“指标值确定依据”为空，或只写“无”“/”“—”等。表格本身没有这一栏的模板不检查。
    - 项目中所有指标的依据都为空时（多见于整列未填的表），只报一条，`field="indicators"`；
    - 否则每个缺依据的指标报一条，`field="indicators[i].basis"`。
    依据写了但看不出属于哪类标准的，由 STR-12 提示。

    ## 为什么
    指标值应有来源：计划标准、行业标准、历史标准或财政与预算部门认可的其他标准。没有依据，
    审核无法判断指标值定得是否合理，也无法发现目标定得过低的问题。

    ## 示例
    反例：“年度办理审批业务量 ≥7000件”的指标值确定依据为空。
    正例：依据写为“计划标准：上年办理6800件”。

    ## 修正
    不自动修正：依据需单位说明。

    ## 依据
    财预〔2015〕88号、财预〔2021〕101号：绩效标准分为计划标准、行业标准、历史标准和其他标准
    （本项目 rules.md T5）。

    ## 配置
    无参数。`legacy` 配置把本规则降为提示（旧模板常不设依据栏）。
    """

    code = "STR-09"
    name = "指标值确定依据缺失"
    dimension = "完整性"
    severity = "warning"
    source = "财预〔2015〕88号；财预〔2021〕101号"
    merge_rows = True
    merge_projects = True
    Params = NoParams

    def check_project(
        self, project: Project, doc: Document, ctx: ReviewContext
    ) -> Iterator[Finding]:
        if "basis" in project.form_lacks:
            return  # the form has no 指标值确定依据 column
        rows = project.indicators
        missing = [i for i, indicator in enumerate(rows) if basis_is_blank(indicator.basis)]
        if not missing:
            return
        lead = "请写明指标值的确定依据及其类别"
        if len(missing) == len(rows) and len(rows) > 1:
            yield self.finding(
                f"全部{len(rows)}个三级指标均未填写指标值确定依据",
                project=project,
                field="indicators",
                suggestion=basis_suggestion(lead, project, 0, doc.fiscal_year),
            )
            return
        for index in missing:
            basis = (rows[index].basis or "").strip()
            detail = f"只写了“{basis}”" if basis else "为空"
            yield self.finding(
                f"三级指标“{_name(rows[index])}”的指标值确定依据{detail}",
                project=project,
                indicator_index=index,
                field=f"indicators[{index}].basis",
                text=rows[index].basis,
                suggestion=basis_suggestion(lead, project, index, doc.fiscal_year),
            )

    @classmethod
    def bad(cls) -> Document:
        rows = example_indicators()
        rows[0] = example_indicator(basis=None)
        return example_document(example_project(indicators=rows))

    @classmethod
    def good(cls) -> Document:
        return example_document()
