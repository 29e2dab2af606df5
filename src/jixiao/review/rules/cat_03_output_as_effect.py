"""CAT-03: an output filed as an effect (效益): coverage, payment and completion rates, and
counts of the unit's own activities under 生态效益 or 可持续影响."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from jixiao.model import Document, Indicator, Project
from jixiao.review.examples import example_document
from jixiao.review.finding import Finding
from jixiao.review.rule import IndicatorRule, ReviewContext
from jixiao.review.rules._value_terms import document_with, indicator_label

_RATES = (
    "覆盖率 保障率 发放率 拨付率 到位率 完成率 完工率 办结率 执行率 建档率 签约率"
    " 运行率 列养率 受检率 检查率 巡查率"
)
_ACTIVITIES = "宣传 培训 讲座 活动 会议 检查 巡查 展板 资料 简报 督导"
_COUNT_UNITS = "场 次 期 份 块 篇 批 册 场次 人次 个"


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    output_rates: list[str] = Field(default_factory=lambda: _RATES.split())
    """Name endings of rates that measure work done (an output), not its effect."""
    activity_words: list[str] = Field(default_factory=lambda: _ACTIVITIES.split())
    """The unit's own activities: counted under 生态效益 or 可持续影响 they are outputs."""
    count_units: list[str] = Field(default_factory=lambda: _COUNT_UNITS.split())


class OutputAsEffect(IndicatorRule):
    """产出写在效益指标下（覆盖率、保障率、发放率、完成率，宣传场次等）。

    ## 检查内容
    效益指标下的三级指标实际衡量的是产出：
    - 名称以“覆盖率”“保障率”“发放率”“拨付率”“到位率”“完成率”“完工率”“办结率”“执行率”
      “建档率”“签约率”“运行率”“列养率”“受检率”“检查率”“巡查率”结尾：这些比率反映工作做了
      多少，属于数量或质量指标；
    - 生态效益或可持续影响指标下，名称含“宣传”“培训”“讲座”“活动”“检查”等单位自身工作、
      以“场”“次”“份”“期”等计数的指标：这是工作量，不是生态效益或长期影响。
    满意度放错类别由 CAT-01、CAT-02 检查。

    ## 为什么
    效益指标反映项目实施带来的经济、社会、生态变化和长期影响；把工作量或完成比例写成效益，
    效益就落了空，年底无法说明花钱带来了什么改变。专家审核时会要求移到产出指标，并补充真正的效益。

    ## 示例
    反例：社会效益指标“家庭医生签约覆盖率”，指标值“≥40%”；生态效益指标“宣传活动场次”，指标值“≥20场”。
    正例：把它们移到产出指标下（质量指标、数量指标），效益指标写“居民健康素养水平 ≥25%”。

    ## 修正
    不自动修正：移到产出指标后，需要单位补写真正的效益指标。

    ## 依据
    财预〔2015〕88号、财预〔2021〕101号：产出指标反映提供的产品和服务，效益指标反映产出带来的
    影响（实践中常见的归类错误）。

    ## 配置
    `output_rates`：视为产出的比率名称结尾；`activity_words`：单位自身工作的用词；
    `count_units`：计数单位。
    """

    code = "CAT-03"
    name = "产出写成效益"
    dimension = "相关性"
    severity = "warning"
    source = "财预〔2015〕88号；财预〔2021〕101号；实践"
    Params = Params

    def check_indicator(
        self, project: Project, index: int, indicator: Indicator, ctx: ReviewContext
    ) -> Iterator[Finding]:
        assert isinstance(ctx.params, Params)
        category = indicator.category or ""
        if not category.startswith("effect."):
            return
        name = "".join(indicator.name.split())
        rate = next((r for r in ctx.params.output_rates if name.endswith(r)), None)
        if rate is not None:
            reason = f"“{rate}”反映工作完成了多少，属于产出"
        elif _activity_count(category, name, indicator, ctx.params):
            reason = "这是单位自身工作的次数或数量，属于产出，不是生态效益或长期影响"
        else:
            return
        yield self.finding(
            f"效益指标下的{indicator_label(indicator)}：{reason}",
            project=project,
            indicator_index=index,
            field=f"indicators[{index}].level2",
            text=indicator.name,
            suggestion="将该指标移到产出指标下（数量或质量指标），并补写反映实际效果的效益指标。",
        )

    @classmethod
    def bad(cls) -> Document:
        return document_with(4, "≥40%", name="家庭医生签约覆盖率")

    @classmethod
    def good(cls) -> Document:
        return example_document()


def _activity_count(category: str, name: str, indicator: Indicator, params: Params) -> bool:
    if category not in ("effect.ecological", "effect.sustainability"):
        return False
    unit = indicator.value.unit or ""
    return any(w in name for w in params.activity_words) and unit in params.count_units
