"""Drafts, requests for publication and publication of records, by role, as for reports."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from cpbtracker.accounts.models import AuditEntry
from cpbtracker.records.models import Record, Revision
from cpbtracker.records.services import (
    RecordError,
    RecordInvalid,
    create_draft,
    publish_revision,
    request_publication,
    save_draft,
)

pytestmark = pytest.mark.django_db

DATABASE = {
    "header": {"languages": ["en"]},
    "title": {"en": "National biosafety database"},
    "description": {"en": "Permits and decisions."},
    "websites": [{"url": "https://biosafety.example.org"}],
}
# a complete LMO record (every mandatory field filled), from the golden import file
LMO = json.loads((Path(__file__).parent / "assets" / "modifiedOrganism.json").read_text())


@pytest.fixture
def kenya_draft(personas) -> Revision:
    return create_draft("database", DATABASE, user=personas.ke_user, party=personas.kenya)


def test_an_authorized_user_drafts_a_national_record_with_the_partys_identity(kenya_draft):
    document = kenya_draft.document
    assert document["government"] == {"identifier": "ke"}
    assert document["header"]["schema"] == "database"
    assert document["header"]["identifier"] == kenya_draft.record.identifier
    assert kenya_draft.status == "draft"
    assert AuditEntry.objects.filter(action="record.created").count() == 1


@pytest.mark.parametrize("who", ["cn_user", "anonymous"])
def test_others_cannot_draft_or_change_kenyas_records(personas, kenya_draft, who):
    user = AnonymousUser() if who == "anonymous" else getattr(personas, who)
    with pytest.raises(PermissionDenied):
        create_draft("database", DATABASE, user=user, party=personas.kenya)
    with pytest.raises(PermissionDenied):
        save_draft(kenya_draft.record, DATABASE, user=user, token=kenya_draft.token)
    assert Record.objects.count() == 1
    assert Revision.objects.get().saves == 0


def test_only_the_focal_point_publishes_a_national_record(personas, kenya_draft):
    requested = request_publication(kenya_draft, user=personas.ke_user, token=kenya_draft.token)
    assert requested.status == "requested"
    for user in (personas.ke_user, personas.secretariat, personas.cn_user):
        with pytest.raises(PermissionDenied):
            publish_revision(requested, user=user, token=requested.token)
    published = publish_revision(
        requested, user=personas.ke_nfp, token=requested.token, on=dt.date(2024, 5, 1)
    )
    assert (published.status, published.published_on) == ("published", dt.date(2024, 5, 1))
    assert Record.objects.get(pk=published.record_id).current == published


def test_a_reference_record_is_edited_by_its_partys_users_and_published_by_the_secretariat(
    personas,
):
    draft = create_draft("modifiedOrganism", LMO, user=personas.ke_user, party=personas.kenya)
    assert draft.record.government is None
    assert draft.record.submitted_for == personas.kenya
    assert "government" not in draft.document
    with pytest.raises(PermissionDenied):
        save_draft(draft.record, LMO, user=personas.cn_user, token=draft.token)
    with pytest.raises(PermissionDenied):
        publish_revision(draft, user=personas.ke_nfp, token=draft.token)
    assert publish_revision(draft, user=personas.secretariat, token=draft.token).is_published


def test_the_secretariat_alone_drafts_a_reference_record_for_no_party(personas):
    with pytest.raises(PermissionDenied):
        create_draft("organization", {"name": {"en": "Lab"}}, user=personas.ke_nfp, party=None)
    draft = create_draft(
        "organization", {"name": {"en": "Lab"}}, user=personas.secretariat, party=None
    )
    assert draft.record.submitted_for is None


def test_a_stale_edit_is_refused_and_changes_nothing(personas, kenya_draft):
    token = kenya_draft.token
    save_draft(
        kenya_draft.record,
        DATABASE | {"title": {"en": "First"}},
        user=personas.ke_user,
        token=token,
    )
    with pytest.raises(RecordError) as error:
        save_draft(
            kenya_draft.record,
            DATABASE | {"title": {"en": "Second"}},
            user=personas.ke_nfp,
            token=token,
        )
    assert error.value.code == "conflict"
    assert "reload it" in str(error.value)
    assert Revision.objects.get().title == "First"
    with pytest.raises(RecordError):
        publish_revision(kenya_draft, user=personas.ke_nfp, token=token)
    assert Revision.objects.get().status == "draft"


def test_a_published_revision_never_changes_and_an_edit_starts_a_new_draft(personas, kenya_draft):
    published = publish_revision(kenya_draft, user=personas.ke_nfp, token=kenya_draft.token)
    draft = save_draft(
        published.record,
        DATABASE | {"title": {"en": "Renamed"}},
        user=personas.ke_user,
        token=published.token,
    )
    assert (draft.number, draft.status) == (2, "draft")
    published.refresh_from_db()
    assert published.title == "National biosafety database"
    assert Record.objects.get(pk=published.record_id).current == published
    published.document = {}
    with pytest.raises(ValidationError):
        published.save()
    with pytest.raises(RecordError) as error:
        publish_revision(published, user=personas.ke_nfp, token=draft.token)
    assert error.value.code == "published"


def test_publication_is_blocked_by_empty_mandatory_fields(personas):
    draft = create_draft(
        "database", {"title": {"en": "Untitled"}}, user=personas.ke_user, party=personas.kenya
    )
    with pytest.raises(RecordInvalid) as error:
        publish_revision(draft, user=personas.ke_nfp, token=draft.token)
    assert [p.key for p in error.value.problems] == ["description", "websites"]
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_a_document_of_the_wrong_shape_is_refused_naming_the_field(personas):
    with pytest.raises(RecordInvalid, match="websites: must be a list of links"):
        create_draft(
            "database", DATABASE | {"websites": "x"}, user=personas.ke_user, party=personas.kenya
        )
    assert not Record.objects.exists()


def test_a_refusal_is_worded_in_the_readers_language(personas):
    with pytest.raises(RecordInvalid) as error:
        create_draft(
            "database", DATABASE | {"websites": "x"}, user=personas.ke_user, party=personas.kenya
        )
    assert [(p.key, p.code) for p in error.value.problems] == [("websites", "record.field-shape")]
    with translation.override("fr"):
        assert str(error.value) == 'websites\u00a0: doit être une liste de liens {"url": "..."}'
    with translation.override("zh-hans"):
        assert str(error.value) == 'websites：必须是链接列表 {"url": "..."}'
