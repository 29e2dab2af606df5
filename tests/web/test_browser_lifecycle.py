"""运行监控 and 绩效自评 in real Chromium, on SQLite and PostgreSQL: a unit enters actuals and
sees a red light turn green, scores a project and submits; a reviewer returns the
self-evaluation with a comment on a score.

Screenshots of the three pages at 1400×900 and 420 px go to ``test-output/browser/``
(lifecycle-*.png).
"""

from __future__ import annotations

from collections.abc import Iterator

import playwright.sync_api as playwright_api
import pytest

from tests.store.conftest import BACKENDS
from tests.web.conftest import fresh_databases
from tests.web.server import running_server
from tests.web.test_browser import shot
from tests.web.test_browser_workbench import NARROW, WIDE, chromium, signed_in

pytestmark = [pytest.mark.slow]
__all__ = ["chromium"]  # the module-scoped browser fixture, shared

SEED_000 = "秦皇岛市北戴河区行政审批局2020年部门预算绩效信息"


@pytest.fixture(scope="module", params=BACKENDS)
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    root = tmp_path_factory.mktemp("browser-lifecycle")
    with (
        fresh_databases(request.param, request, root) as make,
        running_server(make(), root / "server.log") as base,
    ):
        yield base


def _overview(page: object, base: str) -> str:
    page.goto(f"{base}/")  # type: ignore[attr-defined]
    page.click(f"text={SEED_000}")  # type: ignore[attr-defined]
    page.click("#overview-link")  # type: ignore[attr-defined]
    return str(page.url)  # type: ignore[attr-defined]


def test_unit_fills_in_and_reviewer_returns(server: str, chromium: object) -> None:
    expect = playwright_api.expect
    unit = signed_in(chromium, server, "danwei", WIDE)
    overview = _overview(unit, server)
    expect(unit.locator("#overview-table tbody tr")).to_have_count(8)  # type: ignore[attr-defined]
    expect(unit.locator("body")).to_have_attribute("data-charts-ready", "1")  # type: ignore[attr-defined]
    shot(unit, "lifecycle-overview-wide")
    # 运行监控: the third project's first indicator is red; typing a better value makes it green
    unit.locator("#overview-table tbody tr").nth(2).locator("td").nth(2).locator("a").click()  # type: ignore[attr-defined]
    light = unit.locator("#light-0 .light")  # type: ignore[attr-defined]
    expect(light).to_have_attribute("data-light", "red")
    assert "52.63%" in (light.get_attribute("title") or "")
    expect(unit.locator("#need-0")).to_have_text("已填写偏差原因（红灯、黄灯必填）")  # type: ignore[attr-defined]
    shot(unit, "lifecycle-monitoring-wide")
    unit.fill("input[name=achieved_0]", "96%")  # type: ignore[attr-defined]
    expect(light).to_have_attribute("data-light", "green")
    expect(unit.locator("#need-0")).to_have_text("")  # type: ignore[attr-defined]
    # a yellow row without a cause is asked for one, and submitting is refused
    unit.uncheck("input[name=causes_2][value=其他]")  # type: ignore[attr-defined]
    unit.select_option("select[name=likelihood_2]", "")  # type: ignore[attr-defined]
    expect(unit.locator("#need-2")).to_have_text("须填写偏差原因和完成目标可能性")  # type: ignore[attr-defined]
    expect(unit.locator("#mon-missing")).to_contain_text("否则不能提交审核：活动完成率")  # type: ignore[attr-defined]
    unit.click("#save")  # type: ignore[attr-defined]
    expect(unit.locator("#message")).to_have_text("已保存")  # type: ignore[attr-defined]
    unit.click("#stage-submit")  # type: ignore[attr-defined]
    expect(unit.locator("#flash-error")).to_contain_text(
        "须填写偏差原因和完成目标可能性：活动完成率"
    )  # type: ignore[attr-defined]
    unit.check("input[name=causes_2][value=人员保障]")  # type: ignore[attr-defined]
    unit.select_option("select[name=likelihood_2]", "有可能")  # type: ignore[attr-defined]
    expect(unit.locator("#need-2")).to_have_text("已填写偏差原因（红灯、黄灯必填）")  # type: ignore[attr-defined]
    unit.click("#save")  # type: ignore[attr-defined]
    unit.click("#stage-submit")  # type: ignore[attr-defined]
    expect(unit.locator("#stage-status")).to_have_text("已提交")  # type: ignore[attr-defined]
    expect(unit.locator("#stage-audit")).to_contain_text("运行监控提交审核")  # type: ignore[attr-defined]
    # 绩效自评: scores follow the typing, each with its formula on hover
    unit.goto(overview)  # type: ignore[attr-defined]
    unit.locator("#overview-table tbody tr").nth(2).locator("td").nth(6).locator("a").click()  # type: ignore[attr-defined]
    expect(unit.locator("#total")).to_have_text("99.80")  # type: ignore[attr-defined]
    shot(unit, "lifecycle-selfeval-wide")
    unit.fill("input[name=actual_0]", "48%")  # type: ignore[attr-defined]
    score = unit.locator("#score-0")  # type: ignore[attr-defined]
    expect(score).to_have_text("25.26")
    assert "50 × min(48 ÷ 95, 1) = 25.26" in (score.get_attribute("title") or "")
    expect(unit.locator("#total")).to_have_text("75.06")  # type: ignore[attr-defined]
    expect(unit.locator("#grade")).to_have_text("中")  # type: ignore[attr-defined]
    unit.fill("input[name=analysis_0]", "部分事务延至下年，已制定整改计划")  # type: ignore[attr-defined]
    unit.click("#save")  # type: ignore[attr-defined]
    expect(unit.locator("#message")).to_have_text("已保存")  # type: ignore[attr-defined]
    unit.click("#stage-submit")  # type: ignore[attr-defined]
    expect(unit.locator("#stage-status")).to_have_text("已提交")  # type: ignore[attr-defined]
    selfeval_url = str(unit.url).split("#", 1)[0]  # type: ignore[attr-defined]
    # the reviewer starts, comments on the score of row 1 and returns
    reviewer = signed_in(chromium, server, "shenhe", WIDE)
    reviewer.goto(selfeval_url)  # type: ignore[attr-defined]
    reviewer.click("#stage-start")  # type: ignore[attr-defined]
    expect(reviewer.locator("#stage-status")).to_have_text("审核中")  # type: ignore[attr-defined]
    row = reviewer.locator("#selfeval-rows tr.indicator").first  # type: ignore[attr-defined]
    row.locator("details.row-comment summary").click()
    row.locator("input[name=body]").fill("48% 的依据是什么？请附佐证材料")
    row.locator("details.row-comment button").click()
    expect(reviewer.locator("#stage-comments")).to_contain_text("48% 的依据是什么？")  # type: ignore[attr-defined]
    expect(reviewer.locator("#stage-comments")).to_contain_text("关于：绩效自评：得分")  # type: ignore[attr-defined]
    shot(reviewer, "lifecycle-selfeval-review-wide")
    reviewer.fill("input[name=comment]", "请补充佐证材料后重新提交")  # type: ignore[attr-defined]
    reviewer.click("#stage-return")  # type: ignore[attr-defined]
    expect(reviewer.locator("#stage-status")).to_have_text("已退回")  # type: ignore[attr-defined]
    # the unit sees the comment on the row and may change the figures again
    unit.goto(selfeval_url)  # type: ignore[attr-defined]
    expect(unit.locator("#stage-status")).to_have_text("已退回")  # type: ignore[attr-defined]
    expect(unit.locator("#selfeval-rows span.comment-count").first).to_have_text("意见 1")  # type: ignore[attr-defined]
    expect(unit.locator("input[name=actual_0]")).to_be_editable()  # type: ignore[attr-defined]
    expect(unit.locator("#stage-audit")).to_contain_text("绩效自评退回修改")  # type: ignore[attr-defined]
    for name, url in (
        ("selfeval", selfeval_url),
        ("monitoring", selfeval_url.replace("/selfeval", "/monitoring?month=7")),
        ("overview", overview),
    ):
        narrow = signed_in(chromium, server, "danwei", NARROW)
        narrow.goto(url)  # type: ignore[attr-defined]
        if name == "overview":
            expect(narrow.locator("body")).to_have_attribute("data-charts-ready", "1")  # type: ignore[attr-defined]
        width = narrow.evaluate("document.documentElement.scrollWidth")  # type: ignore[attr-defined]
        assert width <= NARROW["width"], f"{name} scrolls sideways at 420 px ({width})"
        shot(narrow, f"lifecycle-{name}-narrow")
        narrow.context.close()  # type: ignore[attr-defined]
    unit.goto(selfeval_url)  # type: ignore[attr-defined]
    shot(unit, "lifecycle-selfeval-returned-wide")
