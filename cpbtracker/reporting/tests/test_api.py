"""The reports API: published reports, and drafts saved and submitted through it."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from django.core.management import call_command

from cpbtracker.reporting.demo import demo_answers
from cpbtracker.reporting.questionnaire import load_questionnaire

pytestmark = pytest.mark.django_db
GOLDEN = Path(__file__).parent / "assets" / "nr5-ke.json"


def patch(client, answers: dict):
    return client.patch(
        "/api/v1/drafts/KE/5/", json.dumps({"answers": answers}), content_type="application/json"
    )


def test_it_lists_and_returns_published_reports(client):
    call_command("reports", "import", str(GOLDEN), "--publish")
    listed = client.get("/api/v1/reports/", {"cycle": 5, "region": "AFR"}).json()
    assert [(r["party"], r["cycle"], r["version"]) for r in listed] == [("KE", 5, 1)]
    assert client.get("/api/v1/reports/", {"cycle": 5, "region": "WEOG"}).json() == []
    detail = client.get("/api/v1/reports/ke/5/").json()
    assert detail["document"]["Q026_adq"] == {"value": 3}
    assert client.get("/api/v1/reports/", {"cycle": 99}).status_code == 400


def test_a_focal_point_saves_and_submits_a_draft_through_the_api(client, personas):
    client.force_login(personas.ke_nfp)
    response = patch(
        client,
        {
            "Q007": {"value": "implementation.none"},
            "Q008": [{"value": "instrument.none"}, {"value": "instrument.indirectLaws"}],
        },
    )
    assert response.status_code == 400
    body = response.json()
    assert body["answers"] == {"Q007": {"value": "implementation.none"}}
    assert body["rejected"][0]["key"] == "Q008"
    assert any(p["key"] == "Q009" for p in body["problems"])

    blocked = client.post("/api/v1/drafts/KE/5/")
    assert blocked.status_code == 400
    assert blocked.json()["problems"]

    complete = demo_answers(load_questionnaire("cpbNationalReport5"), random.Random(11), 0.7)
    assert patch(client, complete).status_code == 200
    submitted = client.post("/api/v1/drafts/KE/5/")
    assert submitted.status_code == 200
    assert submitted.json()["version"] == 1
    assert client.get("/api/v1/reports/KE/5/").status_code == 200
