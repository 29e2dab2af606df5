"""The 统计分析 page in real Chromium: the ECharts charts draw (non-empty canvas) from the
vendored script, and clicking a bar opens the documents behind it.

Screenshots go to ``test-output/browser/`` (analytics-*.png).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import playwright.sync_api as playwright_api
import pytest

from tests.store.conftest import BACKENDS
from tests.web.conftest import fresh_databases
from tests.web.server import running_server
from tests.web.test_browser import CHROMIUM, log_in, shot

pytestmark = [pytest.mark.slow]

_PAINTED = """(el) => {
  const canvas = el.querySelector('canvas');
  if (!canvas || canvas.width === 0 || canvas.height === 0) return 0;
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let painted = 0;
  for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) painted++;
  return painted;
}"""

_FIRST_BAR = """(el) => {
  const chart = echarts.getInstanceByDom(el);
  const option = chart.getOption();
  const value = option.series[0].data[0];
  return chart.convertToPixel({seriesIndex: 0}, [0, value / 2]);
}"""


@pytest.fixture(scope="module", params=BACKENDS)
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """The workbench on a database with the seeds: on SQLite, then on PostgreSQL."""
    root = tmp_path_factory.mktemp("browser-analytics")
    with (
        fresh_databases(request.param, request, root) as make,
        running_server(make(), root / "server.log") as base,
    ):
        yield base


@pytest.fixture(scope="module")
def chromium() -> Iterator[object]:
    assert CHROMIUM.exists(), "Debian chromium is required: apt-get install -y chromium"
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox"]
        )
        yield browser
        browser.close()


def test_analytics_charts_and_drill_down(server: str, chromium: object) -> None:
    expect = playwright_api.expect
    page = log_in(chromium, server, "admin")
    page.click("text=统计分析")  # type: ignore[attr-defined]
    page.wait_for_url(re.compile(r"/analytics$"))  # type: ignore[attr-defined]
    page.select_option("select[name=year]", "2020")  # type: ignore[attr-defined]
    page.click("button:has-text('查看')")  # type: ignore[attr-defined]
    page.wait_for_url(re.compile(r"year=2020"))  # type: ignore[attr-defined]
    expect(page.locator("body[data-charts-ready='2']")).to_have_count(1)  # type: ignore[attr-defined]
    charts = page.locator("div.chart")  # type: ignore[attr-defined]
    assert charts.count() == 2
    for i in range(2):
        assert charts.nth(i).evaluate(_PAINTED) > 1000, f"chart {i} drew nothing"
    shot(page, "analytics-01-year")
    # the table under the chart holds the same units as the bars
    units = page.locator("#overview-table tbody tr").count()  # type: ignore[attr-defined]
    assert units == 3
    # click the first unit's 量化率 bar: the documents of that unit in 2020
    first = charts.nth(0)
    x, y = first.evaluate(_FIRST_BAR)
    box = first.bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)  # type: ignore[attr-defined]
    page.wait_for_url(re.compile(r"/\?unit=\d+&year=2020"))  # type: ignore[attr-defined]
    expect(page.locator("p.filters")).to_contain_text("只列出：单位")  # type: ignore[attr-defined]
    rows = page.locator("table.list tbody tr")  # type: ignore[attr-defined]
    assert rows.count() >= 1
    expect(rows.first).to_contain_text("2020")
    shot(page, "analytics-02-drill-down")
    # a unit's own page: its years as a line chart
    page.go_back()  # type: ignore[attr-defined]
    page.locator("#overview-table tbody tr").first.locator("td a").first.click()  # type: ignore[attr-defined]
    page.wait_for_url(re.compile(r"/analytics/units/\d+"))  # type: ignore[attr-defined]
    expect(page.locator("body[data-charts-ready='1']")).to_have_count(1)  # type: ignore[attr-defined]
    assert page.locator("div.chart").first.evaluate(_PAINTED) > 100  # type: ignore[attr-defined]
    shot(page, "analytics-03-unit")
    page.context.close()  # type: ignore[attr-defined]
