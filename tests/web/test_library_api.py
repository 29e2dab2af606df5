"""``/api/library/suggest``: the indicator library the editor offers, from the database."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from jixiao import read_path
from jixiao.library.names import normalise_name
from tests.conftest import SEEDS
from tests.web.conftest import Login


def _seed_counts() -> Counter[str]:
    """How often each normalised indicator name occurs in the seeds (the demo database)."""
    counts: Counter[str] = Counter()
    for path in SEEDS.values():
        doc = read_path(path)
        counts.update(normalise_name(i.name) for p in doc.projects for i in p.indicators)
    return counts


def test_suggestions_come_from_the_stored_indicators(login: Login) -> None:
    client = login("danwei")
    response = client.get("/api/library/suggest", params={"q": "满意"})
    assert response.status_code == 200, response.text
    items = response.json()["items"]
    assert items, "no suggestion for 满意"
    counts = _seed_counts()
    for item in items:
        assert "满意" in item["name"]
        keys = {normalise_name(v) for v in item["variants"]}
        assert item["count"] == sum(counts[k] for k in keys)
        assert item["hint"].startswith("同类指标")
        assert "unit_names" not in item  # which units wrote it is not revealed
    top = items[0]
    assert top["count"] >= max(c for k, c in counts.items() if "满意" in k)


def test_an_exact_name_comes_first_and_nonsense_finds_nothing(login: Login) -> None:
    client = login("shenhe")
    first = client.get("/api/library/suggest", params={"q": "服务对象满意度"}).json()["items"]
    assert first[0]["name"] == "服务对象满意度"
    assert first[0]["typical"] == "≥95%"
    assert client.get("/api/library/suggest", params={"q": "完全不存在的指标名"}).json() == {
        "items": []
    }


def test_signed_out_callers_get_nothing(app: FastAPI) -> None:
    with TestClient(app) as client:
        response = client.get("/api/library/suggest", params={"q": "满意"})
    assert response.status_code == 401


def test_a_configured_library_file_is_used_and_a_missing_one_is_said_in_chinese(
    login: Login, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jixiao.library import build_library
    from jixiao.library.build import IndicatorRecord

    record = IndicatorRecord(
        "专用测试指标", "产出指标", "数量指标", None, "≥10件", ">=", 10.0, "件", "某单位", "1"
    )
    path = tmp_path / "指标库.json"
    build_library([record, record], sources=["测试"]).save(path)
    monkeypatch.setenv("JIXIAO_LIBRARY", str(path))
    client = login("danwei")
    items = client.get("/api/library/suggest", params={"q": "专用测试"}).json()["items"]
    assert [i["name"] for i in items] == ["专用测试指标"]
    monkeypatch.setenv("JIXIAO_LIBRARY", str(tmp_path / "没有.json"))
    missing = client.get("/api/library/suggest", params={"q": "专用测试"})
    assert missing.status_code == 400
    assert "指标库文件不存在" in missing.json()["detail"]
