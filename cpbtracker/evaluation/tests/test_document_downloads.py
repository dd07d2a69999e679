"""Documents are made once, by the Secretariat, stored, and served from storage; the public
downloads the published ones only."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from cpbtracker.accounts.models import AuditEntry
from cpbtracker.evaluation.models import Conclusion, Contribution, StoredDocument
from cpbtracker.plan.models import Goal

pytestmark = pytest.mark.django_db
GENERATE = "/evaluation/documents/generate/?cycle=5"
DOWNLOAD = "/evaluation/documents/download/?cycle=5&kind=midterm&language=en&format=xlsx"
CHOICE = {"kind": "midterm", "language": "en", "format": "xlsx"}


def test_it_lets_only_the_secretariat_start_a_generation(client, personas, reports):
    assert client.post(GENERATE, CHOICE).status_code == 403  # anonymous
    client.force_login(personas.ke_nfp)
    assert client.post(GENERATE, CHOICE).status_code == 403
    assert not StoredDocument.objects.exists()
    assert client.get(DOWNLOAD).status_code == 404  # never made on a download


def test_a_second_download_is_served_from_storage_and_the_public_sees_it_once_published(
    client, personas, reports
):
    client.force_login(personas.secretariat)
    assert client.post(GENERATE, CHOICE).status_code == 302
    first = client.get(DOWNLOAD)
    assert first["Content-Disposition"].endswith('-en.xlsx"')
    assert load_workbook(io.BytesIO(first.content)).sheetnames[0] == "Summary"
    # a change that a remade document would show: the stored one is served as it was
    Contribution.objects.create(
        goal=Goal.objects.get(code="A.1"), body="sbi", kind="midterm", text="Entered later."
    )
    assert client.get(DOWNLOAD).content == first.content
    assert client.post(GENERATE, CHOICE).status_code == 302  # made once: not remade
    assert StoredDocument.objects.count() == 1
    document = StoredDocument.objects.get()
    client.logout()
    assert client.get(DOWNLOAD).status_code == 404  # not published yet
    assert client.get(f"/evaluation/documents/{document.pk}/").status_code == 404
    assert client.post(f"/evaluation/documents/{document.pk}/publish/").status_code == 403
    client.force_login(personas.secretariat)
    client.post(f"/evaluation/documents/{document.pk}/publish/")
    remade = client.post(GENERATE, {**CHOICE, "remake": "1"}, follow=True)
    assert "published documents never change" in remade.content.decode()
    client.logout()
    assert client.get(DOWNLOAD).content == first.content
    page = client.get("/evaluation/documents/").content.decode()
    assert f"/evaluation/documents/{document.pk}/" in page and "generate" not in page


def test_the_secretariat_enters_conclusions_in_the_admin_and_sees_the_documents_there(
    client, personas
):
    client.force_login(personas.secretariat)
    client.post(
        "/admin/evaluation/conclusion/add/",
        {"kind": "midterm", "part": "recommendations", "text": "Train customs officers."},
    )
    assert Conclusion.objects.get().text == "Train customs officers."
    assert AuditEntry.objects.filter(action="conclusion.saved").count() == 1
    assert client.get("/admin/evaluation/storeddocument/").status_code == 200
    client.force_login(personas.ke_nfp)
    assert client.get("/admin/evaluation/conclusion/add/").status_code in (302, 403)


def test_a_document_made_on_the_command_line_is_stored_and_served_from_storage(
    client, personas, reports, tmp_path
):
    out = tmp_path / "document.xlsx"
    make = ("evaluation", "report", "--cycle", "5", "--kind", "midterm", "--language", "en")
    client.force_login(personas.secretariat)
    assert client.get(DOWNLOAD).status_code == 404  # not made yet
    call_command(*make, "--format", "xlsx", "--output", str(out))
    document = StoredDocument.objects.get()
    assert (document.kind, document.language, document.format) == ("midterm", "en", "xlsx")
    assert AuditEntry.objects.filter(action="document.generated").count() == 1
    # a change that a remade document would show: the download is the stored document
    Contribution.objects.create(
        goal=Goal.objects.get(code="A.1"), body="sbi", kind="midterm", text="Entered later."
    )
    assert client.get(DOWNLOAD).content == out.read_bytes() == bytes(document.content)
    client.post(f"/evaluation/documents/{document.pk}/publish/")
    with pytest.raises(CommandError, match="published documents never change"):
        call_command(*make, "--format", "xlsx", "--output", str(tmp_path / "again.xlsx"))
    assert bytes(StoredDocument.objects.get().content) == out.read_bytes()
