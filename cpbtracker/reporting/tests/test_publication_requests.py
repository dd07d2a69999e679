"""An authorized user requests publication; the national focal point approves or rejects it."""

from __future__ import annotations

import random

import pytest

from cpbtracker.accounts.models import AuditEntry
from cpbtracker.reporting.demo import demo_answers
from cpbtracker.reporting.models import NationalReport, PublicationRequest
from cpbtracker.reporting.questionnaire import load_questionnaire
from cpbtracker.reporting.services import open_draft, save_answers

pytestmark = pytest.mark.django_db
EDIT = "/reports/KE/5/edit/"
REQUEST = "/reports/KE/5/request-publication/"


@pytest.fixture
def complete_draft(personas):
    from cpbtracker.reporting.models import ReportingCycle

    draft = open_draft(personas.kenya, ReportingCycle.objects.get(number=5), user=personas.ke_user)
    questionnaire = load_questionnaire("cpbNationalReport5")
    save_answers(draft, demo_answers(questionnaire, random.Random(7), 0.7), user=personas.ke_user)
    return draft


def report() -> NationalReport:
    return NationalReport.objects.get(party__iso2="KE", cycle__number=5)


def decide(pk: int) -> str:
    return f"/reports/KE/5/requests/{pk}/"


def test_it_publishes_a_request_the_focal_point_approves(client, personas, complete_draft):
    client.force_login(personas.ke_user)
    assert "Request publication" in client.get("/reports/KE/5/submit/").content.decode()
    assert client.post(REQUEST).status_code == 302
    request = PublicationRequest.objects.get()
    assert request.status == "pending" and request.requested_by == personas.ke_user
    assert client.post(REQUEST).status_code == 409  # one request at a time
    assert report().published_version() is None

    client.force_login(personas.ke_nfp)
    page = client.get(EDIT).content.decode()
    assert "ke-user" in page and "awaiting approval" in page and "Approve and publish" in page
    assert client.post(decide(request.pk), {"decision": "approve"}).status_code == 302

    published = report().published_version()
    assert published.submitted_by == personas.ke_nfp
    client.force_login(personas.ke_user)
    page = client.get(EDIT).content.decode()
    assert "approved and published" in page and "ke-nfp" in page
    assert AuditEntry.objects.filter(action="report.publication_approved").count() == 1


def test_it_shows_the_requester_why_a_request_was_rejected(client, personas, complete_draft):
    client.force_login(personas.ke_user)
    client.post(REQUEST)
    request = PublicationRequest.objects.get()

    client.force_login(personas.ke_nfp)
    response = client.post(decide(request.pk), {"decision": "reject", "reason": " "})
    assert response.status_code == 409
    assert "Give the reason" in response.content.decode()
    assert PublicationRequest.objects.get().status == "pending"
    client.post(
        decide(request.pk), {"decision": "reject", "reason": "Check Q026 with the ministry"}
    )

    assert report().published_version() is None and report().draft() is not None
    client.force_login(personas.ke_user)
    page = client.get(EDIT).content.decode()
    assert "rejected" in page and "Check Q026 with the ministry" in page
    entry = AuditEntry.objects.get(action="report.publication_rejected")
    assert (
        entry.user == personas.ke_nfp and entry.detail["reason"] == "Check Q026 with the ministry"
    )


def test_a_draft_with_problems_cannot_be_requested(client, personas):
    client.force_login(personas.ke_user)
    client.post(EDIT)
    response = client.post(REQUEST, follow=True)
    assert "cannot be submitted yet" in response.content.decode()
    assert not PublicationRequest.objects.exists()


def test_only_the_focal_point_decides_and_only_the_partys_editors_request(
    client, personas, complete_draft
):
    client.force_login(personas.cn_user)  # another Party's drafts do not exist for them
    assert client.post(REQUEST).status_code == 404
    client.logout()
    assert client.post(REQUEST).status_code == 302  # to sign in
    assert not PublicationRequest.objects.exists()

    client.force_login(personas.ke_user)
    client.post(REQUEST)
    request = PublicationRequest.objects.get()
    for user, status in (
        (personas.ke_user, 403),
        (personas.secretariat, 403),
        (personas.cn_user, 404),
    ):
        client.force_login(user)
        assert client.post(decide(request.pk), {"decision": "approve"}).status_code == status
        rejected = client.post(decide(request.pk), {"decision": "reject", "reason": "no"})
        assert rejected.status_code == status
    assert PublicationRequest.objects.get().status == "pending"
    assert report().published_version() is None
