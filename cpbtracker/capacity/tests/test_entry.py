"""Entering an initiative: a draft clearing-house record with its plan tags."""

from __future__ import annotations

import pytest

from cpbtracker.capacity.models import InitiativeTags
from cpbtracker.capacity.tests.conftest import RA
from cpbtracker.records.models import Record, Revision

pytestmark = pytest.mark.django_db

FORM = {
    "title_en": "Risk assessment training for East Africa",
    "description": "Hands-on training of risk assessors.",
    "countries": "ke, TZ",
    "regions": ["AFR"],
    "areas": [RA],
    "start": "2024-01-15",
    "end": "2025-06-30",
    "budget": "250000",
    "funders": "ORG-1",
    "materials": "RES-9",
    "goals": ["A.5"],
    "key_areas": ["A.5/(1)"],
    "level": "subregional",
    "audiences": ["risk-assessors"],
}


def test_a_party_user_enters_an_initiative_as_a_draft_record_with_tags(client, personas):
    client.force_login(personas.ke_user)
    response = client.post("/capacity/initiatives/new/", FORM, follow=True)
    assert "saved as a draft clearing-house record" in response.content.decode()
    record = Record.objects.get(schema="capacityBuildingInitiative")
    assert record.submitted_for == personas.kenya
    revision = record.latest_revision()
    assert revision.status == Revision.Status.DRAFT
    document = revision.document
    assert document["countryRegions"] == [
        {"identifier": "ke"},
        {"identifier": "tz"},
        {"identifier": "AFR"},
    ]
    assert document["cpbThematicAreas"] == [{"identifier": RA}]
    assert (document["totalBudget"], document["startDate"]) == ("250000", "2024-01-15")
    assert document["resultsReference"] == [{"identifier": "RES-9"}]
    tags = InitiativeTags.objects.get(record=record)
    assert (tags.key_areas, tags.level, tags.audiences) == (
        ["A.5/(1)"],
        "subregional",
        ["risk-assessors"],
    )
    # a draft is not published: the list does not show it yet
    assert "Risk assessment training" not in client.get("/capacity/initiatives/").content.decode()


def test_an_unknown_country_is_named_and_nothing_is_kept(client, personas):
    client.force_login(personas.secretariat)
    response = client.post("/capacity/initiatives/new/", {**FORM, "countries": "KE QQ"})
    assert "countries: QQ is not a known country code." in response.content.decode()
    assert not Record.objects.exists() and not InitiativeTags.objects.exists()
    response = client.post("/capacity/initiatives/new/", {**FORM, "end": "2020-01-01"})
    assert "The end date is before the start date." in response.content.decode()
    assert not Record.objects.exists()


def test_the_public_may_not_enter_initiatives(client, db):
    assert client.get("/capacity/initiatives/new/").status_code == 403
    assert client.post("/capacity/initiatives/new/", FORM).status_code == 403
    assert not Record.objects.exists()
