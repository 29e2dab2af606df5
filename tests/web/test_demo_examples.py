"""The demo (``serve --demo``) stores every seed with its shipped example actuals: each
project of the four seeds has a July monitoring record and a self-evaluation, and the
workbench shows the lights and scores the CLI computes from the example workbooks."""

from __future__ import annotations

import json

from jixiao.lifecycle.monitoring import monitor_document
from jixiao.lifecycle.report import monitoring_json, scores_json
from jixiao.lifecycle.scoring import score_document
from jixiao.workbench.demo import seed_documents, with_example_actuals
from tests.web.conftest import Login


def test_every_demo_seed_carries_monitoring_and_self_evaluation(login: Login) -> None:
    client = login("danwei")
    stored = {d["source_name"]: d for d in client.get("/api/documents").json()}
    seen = []
    for name, _, doc in seed_documents():
        doc = with_example_actuals(name, doc)
        monitoring = json.loads(monitoring_json(monitor_document(doc, month=7)))["results"]
        scores = json.loads(scores_json(score_document(doc)))["results"]
        projects = stored[name]["projects"]
        assert len(projects) == len(doc.projects) == len(monitoring) == len(scores)
        for position, project in enumerate(projects):
            got = client.get(f"/api/projects/{project['id']}/monitoring").json()
            assert got["month"] == 7 and got["record"] is not None
            assert got["record"]["executed"] is not None
            assert got["results"] == [monitoring[position]]
            selfeval = client.get(f"/api/projects/{project['id']}/selfeval").json()
            assert selfeval["self_evaluation"] is not None
            assert selfeval["results"] == [scores[position]]
            for stage in ("monitoring", "selfeval"):
                page = client.get(f"/projects/{project['id']}/{stage}")
                assert page.status_code == 200 and project["name"] in page.text
        seen.append(name[:3])
    assert seen == ["000", "001", "002", "003"]


def test_demo_shows_every_light_and_grade(login: Login) -> None:
    """Across the four seeds the demo shows red, yellow, green and blue projects and the
    grades 优, 良 and 差 (seed 002's meaningless "11" targets)."""
    client = login("danwei")
    lights, grades = set(), set()
    for document in client.get("/api/documents").json():
        for project in document["projects"]:
            got = client.get(f"/api/projects/{project['id']}/monitoring").json()
            lights.add(got["results"][0]["light"])
            selfeval = client.get(f"/api/projects/{project['id']}/selfeval").json()
            grades.add(selfeval["results"][0]["grade"])
    assert lights == {"red", "yellow", "green", "blue"}
    assert grades == {"优", "良", "差"}
