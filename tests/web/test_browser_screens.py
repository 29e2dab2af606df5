"""Every main page in Chromium at 1400×900 and at a phone's width (420 px): the page body never
scrolls sideways at 420 px (wide tables scroll inside their own box). Screenshots go to
``$JIXIAO_SCREENS_DIR`` (default: a pytest tmp dir) as ``<page>-wide.png``/``-narrow.png``, to
be looked at. On SQLite only: the layout does not depend on the database, and the browser tests
of the workflows run on both (this keeps the suite's time down)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import playwright.sync_api as playwright_api
import pytest

from tests.web.conftest import fresh_databases
from tests.web.server import running_server
from tests.web.test_browser_workbench import NARROW, WIDE, chromium, seed_003_url, signed_in

__all__ = ["chromium"]  # the module-scoped browser fixture, shared

pytestmark = [pytest.mark.slow]


@pytest.fixture(scope="module", params=["sqlite"])
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    root = tmp_path_factory.mktemp("browser-screens")
    with (
        fresh_databases(request.param, request, root) as make,
        running_server(make(), root / "server.log") as base,
    ):
        yield base


@pytest.fixture(scope="module")
def screens(tmp_path_factory: pytest.TempPathFactory) -> Path:
    wanted = os.environ.get("JIXIAO_SCREENS_DIR")
    folder = Path(wanted) if wanted else tmp_path_factory.mktemp("screens")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _pages(admin: object, base: str) -> dict[str, str]:
    """Name → address of every main page, after one saved edit (so there are two versions)."""
    expect = playwright_api.expect
    doc_url = seed_003_url(admin, base)
    doc_id = doc_url.rstrip("/").rsplit("/", 1)[1]
    project = admin.locator("table.projects a").first.get_attribute("href")  # type: ignore[attr-defined]
    admin.goto(f"{doc_url}/department")  # type: ignore[attr-defined]
    admin.click("button.add-item[data-for=safeguards]")  # type: ignore[attr-defined]
    admin.locator("textarea[name=safeguards]").last.fill("严格预算执行监控")  # type: ignore[attr-defined]
    admin.click("#save-department")  # type: ignore[attr-defined]
    expect(admin.locator("#message")).to_have_text("已保存")  # type: ignore[attr-defined]
    history = admin.locator("table.audit a.version-diff").last.get_attribute("href")  # type: ignore[attr-defined]
    return {
        "home": f"{base}/",
        "document": doc_url,
        "editor": f"{base}{project}",
        "department": f"{doc_url}/department",
        "versions": f"{base}/documents/{doc_id}/versions?old=1&new=2",
        "history": f"{base}{history}",
        "diff": f"{doc_url}/diff",
        "overview": f"{doc_url}/overview",
        "monitoring": f"{base}{project}/monitoring",
        "selfeval": f"{base}{project}/selfeval",
        "import": f"{base}/import",
        "new-document": f"{base}/documents/new",
        "analytics": f"{base}/analytics",
        "search": f"{base}/search?q=审批",
        "admin": f"{base}/admin/users",
        "404": f"{base}/no/such/page",
    }


def _overflow(page: object) -> int:
    """How many pixels the page body is wider than the window (0: no sideways scrolling)."""
    return int(
        page.evaluate(  # type: ignore[attr-defined]
            "() => Math.max(document.body.scrollWidth, document.documentElement.scrollWidth)"
            " - document.documentElement.clientWidth"
        )
    )


def test_every_page_fits_a_phone(
    server: str, chromium: object, screens: Path, request: pytest.FixtureRequest
) -> None:
    backend = re.sub(r"\W", "", request.node.callspec.id)
    wide = signed_in(chromium, server, "admin", WIDE)
    narrow = signed_in(chromium, server, "admin", NARROW)
    pages = _pages(wide, server)
    too_wide: dict[str, int] = {}
    for name, url in pages.items():
        for page, size in ((wide, "wide"), (narrow, "narrow")):
            response = page.goto(url)  # type: ignore[attr-defined]
            assert response is not None
            assert response.status == (404 if name == "404" else 200), (name, response.status)
            page.screenshot(path=str(screens / f"{backend}-{name}-{size}.png"), full_page=True)  # type: ignore[attr-defined]
        if (extra := _overflow(narrow)) > 0:
            too_wide[name] = extra
    login = chromium.new_context(viewport=NARROW, locale="zh-CN").new_page()  # type: ignore[attr-defined]
    login.goto(f"{server}/login")
    login.screenshot(path=str(screens / f"{backend}-login-narrow.png"), full_page=True)
    if (extra := _overflow(login)) > 0:
        too_wide["login"] = extra
    wide_login = chromium.new_context(viewport=WIDE, locale="zh-CN").new_page()  # type: ignore[attr-defined]
    wide_login.goto(f"{server}/login")
    wide_login.screenshot(path=str(screens / f"{backend}-login-wide.png"), full_page=True)
    assert too_wide == {}, f"pages wider than 420 px (px too wide): {too_wide}"
