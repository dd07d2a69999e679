"""Entry forms generated from the field data, and the publication workflow on the web."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command

from cpbtracker.records.models import Record, Revision

pytestmark = pytest.mark.django_db
ASSETS = Path(__file__).parent / "assets"
NEW_DATABASE = {
    "party": "KE",
    "languages": ["en", "zh"],
    "title__en": "Kenya biosafety database",
    "title__zh": "肯尼亚生物安全数据库",
    "description__en": "Permits issued since 2010.",
    "websites": "https://biosafety.example.ke\nhttps://mirror.example.ke",
}


def test_the_form_marks_mandatory_and_conditional_fields(client, personas):
    client.force_login(personas.ke_user)
    page = client.get("/records/new/biosafetyDecision/").content.decode()
    assert "Title / Reference number of the decision or communication [en] *" in page
    assert (
        "Please select the record(s) containing the decision or communication being amended (*)"
        in page
    )
    assert "LMOs for intentional introduction into the environment" in page  # a term picker
    assert client.get("/records/new/modifiedOrganism/").status_code == 404  # reference


def test_an_authorized_user_drafts_and_the_focal_point_publishes(client, personas):
    client.force_login(personas.ke_user)
    response = client.post("/records/new/database/", NEW_DATABASE)
    assert response.status_code == 302
    record = Record.objects.get()
    draft = record.latest_revision()
    assert draft.document["title"] == {
        "en": "Kenya biosafety database",
        "zh": "肯尼亚生物安全数据库",
    }
    assert draft.document["websites"] == [
        {"url": "https://biosafety.example.ke"},
        {"url": "https://mirror.example.ke"},
    ]
    assert draft.document["government"] == {"identifier": "ke"}
    assert client.get(f"/records/{record.identifier}/").status_code == 302  # to the draft
    client.post(f"/records/{record.identifier}/request/", {"token": draft.token})
    draft.refresh_from_db()
    assert draft.status == "requested"
    assert (
        client.post(f"/records/{record.identifier}/publish/", {"token": draft.token}).status_code
        == 403
    )
    client.force_login(personas.ke_nfp)
    client.post(f"/records/{record.identifier}/publish/", {"token": draft.token})
    client.logout()
    page = client.get(f"/records/{record.identifier}/").content.decode()
    assert "Kenya biosafety database" in page and "revision 1, published" in page


def test_other_parties_and_the_public_cannot_touch_a_draft(client, personas):
    client.force_login(personas.ke_user)
    client.post("/records/new/database/", NEW_DATABASE)
    record = Record.objects.get()
    token = record.latest_revision().token
    client.force_login(personas.cn_user)
    assert client.get(f"/records/{record.identifier}/edit/").status_code == 404
    assert client.get(f"/records/{record.identifier}/").status_code == 404
    assert (
        client.post(f"/records/{record.identifier}/request/", {"token": token}).status_code == 404
    )
    client.post("/records/new/database/", NEW_DATABASE)  # KE is not one of China's Parties
    assert Record.objects.count() == 1
    client.logout()
    assert client.get(f"/records/{record.identifier}/edit/").status_code == 302
    assert client.get("/records/new/database/").status_code == 302


def test_a_stale_form_is_refused_with_a_message_and_nothing_changes(client, personas):
    client.force_login(personas.ke_user)
    client.post("/records/new/database/", NEW_DATABASE)
    record = Record.objects.get()
    stale = record.latest_revision().token
    url = f"/records/{record.identifier}/edit/"
    client.post(url, {**NEW_DATABASE, "title__en": "First", "token": stale})
    response = client.post(
        url, {**NEW_DATABASE, "title__en": "Second", "token": stale}, follow=True
    )
    assert "Someone else changed this record" in response.content.decode()
    assert Revision.objects.get().document["title"]["en"] == "First"


def test_editing_a_published_record_keeps_unknown_fields_and_starts_revision_two(client, personas):
    call_command(
        "records",
        "import",
        str(ASSETS / "database.json"),
        "--published-on",
        "2021-03-01",
        stdout=io.StringIO(),
    )
    record = Record.objects.get()
    client.force_login(personas.ke_user)
    page = client.get(f"/records/{record.identifier}/edit/").content.decode()
    assert "Website or database name (sample)" in page
    response = client.post(
        f"/records/{record.identifier}/edit/",
        {**NEW_DATABASE, "title__en": "Renamed", "token": record.current.token},
    )
    assert response.status_code == 302
    draft = record.latest_revision()
    assert (draft.number, draft.status) == (2, "draft")
    assert draft.document["unknownFieldKept"]["note"] == "not a field of the schema"
    assert draft.document["title"]["en"] == "Renamed"
    record.refresh_from_db()
    assert record.current.number == 1
