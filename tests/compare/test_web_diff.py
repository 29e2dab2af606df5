"""The 与上年对比 page of the workbench: default partner, selector, explanations, access."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from tests.compare.documents import find, pair, set_value
from tests.web.conftest import Login

SEED_003 = "003_a8ba5af9fb959666.txt"


def _ids(client: TestClient) -> dict[str, int]:
    return {d["source_name"]: d["id"] for d in client.get("/api/documents").json()}


def _import_next_year(client: TestClient) -> int:
    """Seed 003 a year later (2026): one target lowered, one project renamed without code."""
    _, new = pair()
    set_value(find(new, 0, "购买各种管理机、终端机产品合格率"), "≥95%")
    new.projects[0].code = None
    new.projects[0].name = "公共资源双盲评审工作经费"
    files = {"file": ("乐亭2026.json", new.to_json().encode(), "application/json")}
    response = client.post("/api/documents", files=files)
    assert response.status_code == 201, response.text
    return int(response.json()["id"])


def test_page_compares_with_the_same_units_previous_year_by_default(login: Login) -> None:
    client = login("danwei")
    new_id = _import_next_year(client)
    old_id = _ids(client)[SEED_003]
    document = client.get(f"/documents/{new_id}").text
    assert f'<a href="/documents/{new_id}/diff" id="diff-link">与上年对比</a>' in document
    page = client.get(f"/documents/{new_id}/diff")
    assert page.status_code == 200
    text = page.text
    assert "<h1>与上年对比</h1>" in text
    assert re.search(rf'<option value="{old_id}" selected>[^<]*（2025 年）</option>', text)
    assert "上年：" in text and "（2025 年）" in text and "本年：" in text
    assert "匹配项目 8 个，新增 0 个，取消 0 个" in text
    assert "名称相似度 0.83" in text and "项目编码相同" in text
    assert "目标值低于上年" in text and "≥98% → ≥95%" in text
    # the explicit choice gives the same comparison
    chosen = client.get(f"/documents/{new_id}/diff", params={"against": old_id})
    assert chosen.status_code == 200
    assert "名称相似度 0.83" in chosen.text
    # a reviewer of the unit may compare too
    assert login("shenhe").get(f"/documents/{new_id}/diff").status_code == 200


def test_without_an_earlier_year_the_user_chooses(login: Login) -> None:
    client = login("danwei")
    new_id = _import_next_year(client)
    ids = _ids(client)
    old_id = ids[SEED_003]
    page = client.get(f"/documents/{old_id}/diff").text
    assert "没有找到同一单位上一年度的文档" in page
    assert f'<option value="{new_id}">' in page
    assert 'id="diff"' not in page
    # a unit with no other document at all
    alone = client.get(f"/documents/{ids['000_217769b0965ce555.txt']}/diff").text
    assert "没有找到同一单位的其他文档" in alone


def test_access_is_that_of_viewing_both_documents(login: Login) -> None:
    client = login("danwei")
    new_id = _import_next_year(client)
    old_id = _ids(client)[SEED_003]
    outsider = login("other")
    refused = outsider.get(f"/documents/{new_id}/diff")
    assert refused.status_code == 403 and "无权" in refused.text
    # the outsider's own document against one they may not see
    own_id = _import_next_year(outsider)
    assert outsider.get(f"/documents/{own_id}/diff").status_code == 200
    against = outsider.get(f"/documents/{own_id}/diff", params={"against": old_id})
    assert against.status_code == 403 and "无权查看该文档" in against.text
    assert client.get(f"/documents/{new_id}/diff?against=999").status_code == 404
    itself = client.get(f"/documents/{new_id}/diff", params={"against": new_id})
    assert itself.status_code == 400 and "不能与文档自身对比" in itself.text
