"""Every role against every reporting page and API endpoint."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.management import call_command

from cpbtracker.reporting.models import ReportingCycle

pytestmark = pytest.mark.django_db
GOLDEN = Path(__file__).parent / "assets" / "nr5-ke.json"
DRAFT_PAGES = [
    "/reports/KE/5/edit/",
    "/reports/KE/5/edit/Article2/",
    "/reports/KE/5/submit/",
    "/reports/KE/5/offline/",
]


@pytest.fixture
def kenya_draft(client, personas):
    client.force_login(personas.ke_user)
    client.post("/reports/KE/5/edit/")
    client.logout()


@pytest.mark.parametrize("url", DRAFT_PAGES)
def test_the_public_is_sent_to_sign_in_for_drafts(client, kenya_draft, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("url", DRAFT_PAGES)
def test_another_partys_user_does_not_see_the_draft(client, personas, kenya_draft, url):
    client.force_login(personas.cn_user)
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("url", DRAFT_PAGES)
@pytest.mark.parametrize("who", ["ke_user", "ke_nfp", "secretariat"])
def test_the_partys_users_and_the_secretariat_see_the_draft(
    client, personas, kenya_draft, url, who
):
    client.force_login(getattr(personas, who))
    assert client.get(url).status_code == 200


def test_a_draft_is_not_public(client, personas, kenya_draft):
    assert client.get("/reports/KE/5/").status_code == 404
    assert client.get("/api/v1/reports/KE/5/").status_code == 404
    assert client.get("/api/v1/reports/", {"cycle": 5}).json() == []


def test_a_published_report_is_public(client, personas):
    call_command("reports", "import", str(GOLDEN), "--publish")
    assert client.get("/reports/KE/5/").status_code == 200
    data = client.get("/api/v1/reports/", {"cycle": 5}).json()
    assert [r["party"] for r in data] == ["KE"]
    # the sample answers part of the questionnaire only: no complete version, so not on time
    assert data[0]["on_time"] is False


def test_only_the_secretariat_reopens(client, personas):
    call_command("reports", "import", str(GOLDEN), "--publish")
    for who in ("ke_nfp", "ke_user", "cn_user"):
        client.force_login(getattr(personas, who))
        assert client.post("/reports/KE/5/reopen/").status_code == 403
    client.logout()
    assert client.post("/reports/KE/5/reopen/").status_code == 302  # to sign in


def test_draft_api_by_role(client, personas, kenya_draft):
    assert client.get("/api/v1/drafts/KE/5/").status_code == 403
    client.force_login(personas.cn_user)
    assert client.get("/api/v1/drafts/KE/5/").status_code == 404
    assert (
        client.patch(
            "/api/v1/drafts/KE/5/", json.dumps({"answers": {}}), content_type="application/json"
        ).status_code
        == 404
    )
    client.force_login(personas.ke_user)
    assert client.get("/api/v1/drafts/KE/5/").status_code == 200
    assert client.post("/api/v1/drafts/KE/5/").status_code == 403  # not the focal point


def test_the_secretariat_edits_a_cycle_deadline_and_party_users_cannot(client, personas):
    cycle = ReportingCycle.objects.get(number=5)
    url = f"/admin/reporting/reportingcycle/{cycle.pk}/change/"
    form = {
        "number": 5,
        "schema": cycle.schema,
        "period_start": cycle.period_start.isoformat(),
        "period_end": cycle.period_end.isoformat(),
        "deadline": "2026-03-31",
        "is_open": "on",
        "note": "extended",
    }
    client.force_login(personas.ke_nfp)
    assert client.post(url, form).status_code == 302  # to the admin login: not staff
    cycle.refresh_from_db()
    assert cycle.deadline.isoformat() == "2026-02-28"
    client.force_login(personas.secretariat)
    assert client.post(url, form).status_code == 302
    cycle.refresh_from_db()
    assert cycle.deadline.isoformat() == "2026-03-31"
