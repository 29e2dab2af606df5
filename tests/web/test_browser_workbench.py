"""The workbench's pages in real Chromium: the field at fault outlined with its message, the
keyboard in the indicator table, the unsaved-changes question, the department page's goal
boxes (seed 003 keeps its 8 分目标), the Chinese 404 page and the API docs without a CDN.

Screenshots of every page touched, at 1400×900 and at a phone's width (420 px), go to
``test-output/browser/`` (workbench-*.png).
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import playwright.sync_api as playwright_api
import pytest

from tests.store.conftest import BACKENDS
from tests.web.conftest import PASSWORDS, fresh_databases
from tests.web.server import running_server
from tests.web.test_browser import CHROMIUM, shot

pytestmark = [pytest.mark.slow]

WIDE = {"width": 1400, "height": 900}
NARROW = {"width": 420, "height": 860}


@pytest.fixture(scope="module", params=BACKENDS)
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """The workbench on a database with the seeds: on SQLite, then on PostgreSQL."""
    root = tmp_path_factory.mktemp("browser-workbench")
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


def signed_in(chromium: object, base: str, username: str, viewport: dict[str, int]) -> object:
    context = chromium.new_context(viewport=viewport, locale="zh-CN")  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(f"{base}/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORDS[username])
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")
    return page


def seed_003_url(page: object, base: str) -> str:
    page.goto(f"{base}/")  # type: ignore[attr-defined]
    page.click("text=乐亭县行政审批局2025年部门预算绩效信息")  # type: ignore[attr-defined]
    return str(page.url)  # type: ignore[attr-defined]


def test_editor_highlights_keyboard_and_unsaved_warning(server: str, chromium: object) -> None:
    expect = playwright_api.expect
    unit = signed_in(chromium, server, "danwei", WIDE)
    doc_url = seed_003_url(unit, server)
    shot(unit, "workbench-document-wide")
    unit.locator("table.projects a").first.click()  # type: ignore[attr-defined]
    # the value a VAL-08 finding is about is outlined, its message as the tooltip (the seed's
    # spelled-out units are one finding for the document: type a row-level defect instead)
    unit.locator("input[name=ind_value_text]").nth(1).fill("≥９８％")  # type: ignore[attr-defined]
    finding = unit.locator("li.finding[data-code=VAL-08]").first  # type: ignore[attr-defined]
    expect(finding).to_be_visible()
    index = finding.get_attribute("data-field").split("[", 1)[1].split("]", 1)[0]
    value = unit.locator(f"tr.indicator[data-index='{index}'] input[name=ind_value_text]")  # type: ignore[attr-defined]
    expect(value).to_have_class("field-warning")
    assert value.get_attribute("aria-invalid") == "true"
    assert value.get_attribute("aria-describedby") == f"findings-ind{index}"
    assert "VAL-08" in (value.get_attribute("title") or "")
    shot(unit, "workbench-editor-wide")
    # one click applies the finding's safe fix (as `review --fix` would); the review follows
    fixes = unit.locator(f"#findings-ind{index} li[data-code=VAL-08] button.apply-fix")  # type: ignore[attr-defined]
    fixes.first.click()
    expect(value).to_have_value("≥98%")
    expect(unit.locator(f"#findings-ind{index} li[data-code=VAL-08]")).to_have_count(0)  # type: ignore[attr-defined]
    all_fixes = unit.locator("#apply-all-fixes")  # type: ignore[attr-defined]
    expect(all_fixes).to_contain_text("全部一键修正")
    all_fixes.click()
    expect(unit.locator("#editor button.apply-fix")).to_have_count(0)  # type: ignore[attr-defined]
    expect(unit.locator("#editor li[data-code=VAL-08]")).to_have_count(0)  # type: ignore[attr-defined]
    shot(unit, "workbench-editor-fixed-wide")
    # Enter moves to the same column of the next row; past the last row it adds one
    values = unit.locator("input[name=ind_value_text]")  # type: ignore[attr-defined]
    count = values.count()
    values.first.focus()
    values.first.press("Enter")
    expect(values.nth(1)).to_be_focused()
    values.last.focus()
    values.last.press("Enter")
    expect(values).to_have_count(count + 1)
    expect(values.last).to_be_focused()
    # Alt+↓ moves a row down
    names = unit.locator("input[name=ind_name]")  # type: ignore[attr-defined]
    first_name = names.first.input_value()
    names.first.focus()
    names.first.press("Alt+ArrowDown")
    expect(names.nth(1)).to_have_value(first_name)
    # leaving with unsaved changes asks first
    asked: list[str] = []

    def answer(dialog: object) -> None:
        asked.append(dialog.type)  # type: ignore[attr-defined]
        dialog.dismiss()  # type: ignore[attr-defined]

    unit.on("dialog", answer)  # type: ignore[attr-defined]
    editor_url = unit.url  # type: ignore[attr-defined]
    unit.close(run_before_unload=True)  # type: ignore[attr-defined]
    expect_dialog = unit.context.new_page()  # type: ignore[attr-defined]
    expect_dialog.wait_for_timeout(300)
    assert asked == ["beforeunload"]
    # a page left unchanged does not ask
    calm = unit.context.new_page()  # type: ignore[attr-defined]
    calm.goto(editor_url)
    calm.on("dialog", answer)
    calm.close(run_before_unload=True)
    expect_dialog.wait_for_timeout(300)
    assert asked == ["beforeunload"]
    narrow = signed_in(chromium, server, "danwei", NARROW)
    narrow.goto(editor_url)  # type: ignore[attr-defined]
    shot(narrow, "workbench-editor-narrow")
    narrow.goto(doc_url)  # type: ignore[attr-defined]
    shot(narrow, "workbench-document-narrow")
    narrow.goto(f"{server}/")  # type: ignore[attr-defined]
    shot(narrow, "workbench-list-narrow")


def test_department_goal_boxes(server: str, chromium: object) -> None:
    expect = playwright_api.expect
    admin = signed_in(chromium, server, "admin", WIDE)
    doc_url = seed_003_url(admin, server)
    admin.goto(f"{doc_url}/department")  # type: ignore[attr-defined]
    boxes = admin.locator("textarea[name=sub_goals]")  # type: ignore[attr-defined]
    expect(boxes).to_have_count(8)
    assert "\n" in boxes.first.input_value()  # a multi-line goal stays one goal
    height = boxes.first.evaluate("el => el.getBoundingClientRect().height")
    assert height > 40  # grown to its lines
    shot(admin, "workbench-department-wide")
    admin.click("#save-department")  # type: ignore[attr-defined]
    expect(admin.locator("#message")).to_have_text("已保存")  # type: ignore[attr-defined]
    admin.goto(f"{doc_url}/department")  # type: ignore[attr-defined]
    expect(boxes).to_have_count(8)  # saved without edits: still 8
    admin.click("button.add-item[data-for=safeguards]")  # type: ignore[attr-defined]
    added = admin.locator("textarea[name=safeguards]").last  # type: ignore[attr-defined]
    expect(added).to_be_focused()
    added.fill("严格预算执行监控")
    admin.click("#save-department")  # type: ignore[attr-defined]
    expect(admin.locator("li", has_text="严格预算执行监控")).to_be_visible()  # type: ignore[attr-defined]
    narrow = signed_in(chromium, server, "admin", NARROW)
    narrow.goto(f"{doc_url}/department")  # type: ignore[attr-defined]
    shot(narrow, "workbench-department-narrow")


def test_error_page_and_api_docs(server: str, chromium: object) -> None:
    expect = playwright_api.expect
    page = signed_in(chromium, server, "danwei", WIDE)
    page.goto(f"{server}/no/such/page")  # type: ignore[attr-defined]
    expect(page.locator("h1")).to_have_text("页面不存在")  # type: ignore[attr-defined]
    shot(page, "workbench-404-wide")
    outside: list[str] = []
    # what reached the network (ReDoc's footer logo from redoc.ly is stopped by the CSP)
    page.on(  # type: ignore[attr-defined]
        "requestfinished",
        lambda r: outside.append(r.url) if not r.url.startswith(server) else None,
    )
    page.goto(f"{server}/api/docs")  # type: ignore[attr-defined]
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("jixiao")  # type: ignore[attr-defined]
    shot(page, "workbench-api-docs")
    page.goto(f"{server}/api/redoc")  # type: ignore[attr-defined]
    expect(page.locator("h1", has_text="jixiao")).to_be_visible()  # type: ignore[attr-defined]
    assert not [u for u in outside if u.startswith("http")], outside
    narrow = signed_in(chromium, server, "danwei", NARROW)
    narrow.goto(f"{server}/no/such/page")  # type: ignore[attr-defined]
    shot(narrow, "workbench-404-narrow")


@pytest.fixture(scope="module", params=BACKENDS)
def gated_server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """The workbench with the seeds and the quality gate on (explain each error)."""
    root = tmp_path_factory.mktemp("browser-gate")
    before = os.environ.get("JIXIAO_QUALITY_GATE")
    os.environ["JIXIAO_QUALITY_GATE"] = "explain"  # read by the server process at start
    try:
        with (
            fresh_databases(request.param, request, root) as make,
            running_server(make(), root / "server.log") as base,
        ):
            yield base
    finally:
        if before is None:
            os.environ.pop("JIXIAO_QUALITY_GATE", None)
        else:
            os.environ["JIXIAO_QUALITY_GATE"] = before


def test_a_year_of_work_from_scratch(gated_server: str, chromium: object) -> None:
    """A unit writes next year's document (one project copied from last year, one new),
    explains the errors it leaves and submits; the reviewer finds it in 待办, reads the
    explanations first, compares two versions, resolves a comment thread and approves."""
    expect = playwright_api.expect
    base = gated_server
    unit = signed_in(chromium, base, "danwei", WIDE)
    unit.on("dialog", lambda dialog: dialog.accept())  # type: ignore[attr-defined]
    expect(unit.locator("#tasks-draft")).to_be_visible()  # type: ignore[attr-defined]
    shot(unit, "workbench-home-unit-wide")
    unit.click("header nav >> text=新建")  # type: ignore[attr-defined]
    option = unit.locator("select[name=unit] option", has_text="乐亭县行政审批局本级")  # type: ignore[attr-defined]
    unit.select_option("select[name=unit]", option.get_attribute("value"))  # type: ignore[attr-defined]
    unit.fill("input[name=year]", "2026")  # type: ignore[attr-defined]
    shot(unit, "workbench-new-document-wide")
    unit.click("#create-document")  # type: ignore[attr-defined]
    expect(unit.locator("#flash")).to_contain_text("已新建文档")  # type: ignore[attr-defined]
    expect(unit.locator("h1")).to_have_text("乐亭县行政审批局2026年部门预算绩效信息")  # type: ignore[attr-defined]
    doc_url = unit.url.split("#", 1)[0]  # type: ignore[attr-defined]
    unit.locator("#copy-earlier").select_option(index=0)  # type: ignore[attr-defined]
    unit.click("#copy-earlier-button")  # type: ignore[attr-defined]
    expect(unit.locator("#flash")).to_contain_text("已添加项目 1")  # type: ignore[attr-defined]
    expect(unit.locator("input[name=ind_name]").first).not_to_have_value("")  # type: ignore[attr-defined]
    unit.goto(doc_url)  # type: ignore[attr-defined]
    unit.fill("#new-project-name", "智慧审批系统运维")  # type: ignore[attr-defined]
    unit.click("#add-project-button")  # type: ignore[attr-defined]
    expect(unit.locator("h1")).to_have_text("智慧审批系统运维")  # type: ignore[attr-defined]
    unit.goto(doc_url)  # type: ignore[attr-defined]
    expect(unit.locator("table.projects tbody tr")).to_have_count(2)  # type: ignore[attr-defined]
    # the quality gate: each 错误 explained before 提交审核
    unit.click("#gate-details summary")  # type: ignore[attr-defined]
    boxes = unit.locator("ol.gate-errors textarea")  # type: ignore[attr-defined]
    assert boxes.count() >= 1
    for i in range(boxes.count()):
        boxes.nth(i).fill("新增项目，指标在下周补充完整")
    shot(unit, "workbench-gate-wide")
    unit.click("#action-submit")  # type: ignore[attr-defined]
    expect(unit.locator("#flash")).to_contain_text("已提交审核")  # type: ignore[attr-defined]
    expect(unit.locator("#doc-status")).to_have_text("已提交")  # type: ignore[attr-defined]
    # the reviewer: 待办 → explanations first → comment, resolve → approve
    reviewer = signed_in(chromium, base, "shenhe", WIDE)
    reviewer.on("dialog", lambda dialog: dialog.accept())  # type: ignore[attr-defined]
    waiting = reviewer.locator("#tasks-submitted a", has_text="乐亭县行政审批局2026年")  # type: ignore[attr-defined]
    expect(waiting).to_be_visible()
    shot(reviewer, "workbench-home-reviewer-wide")
    waiting.click()
    expect(reviewer.locator("#explanations")).to_contain_text("新增项目，指标在下周补充完整")  # type: ignore[attr-defined]
    reviewer.click("#action-start")  # type: ignore[attr-defined]
    expect(reviewer.locator("#flash")).to_contain_text("已开始审核")  # type: ignore[attr-defined]
    reviewer.fill(".comment-form input[name=body]", "请补充第 2 个项目的绩效指标")  # type: ignore[attr-defined]
    reviewer.click(".comment-form button")  # type: ignore[attr-defined]
    thread = reviewer.locator(".comment", has_text="请补充第 2 个项目")  # type: ignore[attr-defined]
    expect(thread.locator("time")).to_be_visible()
    thread.locator("button.resolve").click()
    expect(reviewer.locator("#flash")).to_contain_text("已标为已解决")  # type: ignore[attr-defined]
    expect(reviewer.locator(".comment.resolved .resolved-tag")).to_have_text("已解决")  # type: ignore[attr-defined]
    compare_versions(reviewer)
    reviewer.click("#action-approve")  # type: ignore[attr-defined]
    expect(reviewer.locator("#doc-status")).to_have_text("通过")  # type: ignore[attr-defined]
    audit = reviewer.locator("table.audit").inner_text()  # type: ignore[attr-defined]
    for action in ("新建文档", "复制项目", "新增项目", "提交审核", "意见已解决", "审核通过"):
        assert action in audit
    shot(reviewer, "workbench-approved-wide")
    narrow = signed_in(chromium, base, "shenhe", NARROW)
    shot(narrow, "workbench-home-reviewer-narrow")
    narrow_unit = signed_in(chromium, base, "danwei", NARROW)
    narrow_unit.goto(f"{base}/documents/new")  # type: ignore[attr-defined]
    shot(narrow_unit, "workbench-new-document-narrow")


def compare_versions(reviewer: object) -> None:
    """From the document page: the versions page, two versions chosen and compared, then the
    history's 修改前后对比 of one save; back on the document page."""
    expect = playwright_api.expect
    doc_url = reviewer.url.split("#", 1)[0]  # type: ignore[attr-defined]
    reviewer.click("#versions-link")  # type: ignore[attr-defined]
    rows = reviewer.locator("table.versions tbody tr")  # type: ignore[attr-defined]
    expect(rows).to_have_count(3)  # 新建文档, 复制项目, 新增项目
    reviewer.check("#version-1 input[name=old]")  # type: ignore[attr-defined]
    reviewer.check("#version-3 input[name=new]")  # type: ignore[attr-defined]
    reviewer.click("#compare-versions")  # type: ignore[attr-defined]
    expect(reviewer.locator("#comparison-title")).to_have_text("第 1 版 → 第 3 版")  # type: ignore[attr-defined]
    expect(reviewer.locator("#field-changes")).to_contain_text("智慧审批系统运维")  # type: ignore[attr-defined]
    expect(reviewer.locator("#diff-summary")).to_contain_text("新增 2 个")  # type: ignore[attr-defined]
    shot(reviewer, "workbench-versions-wide")
    reviewer.goto(doc_url)  # type: ignore[attr-defined]
    reviewer.locator("table.audit a.version-diff", has_text="修改前后对比").last.click()  # type: ignore[attr-defined]
    expect(reviewer.locator("#comparison-title")).to_have_text("第 2 版 → 第 3 版")  # type: ignore[attr-defined]
    expect(reviewer.locator("#field-changes")).to_contain_text("智慧审批系统运维")  # type: ignore[attr-defined]
    reviewer.goto(doc_url)  # type: ignore[attr-defined]
