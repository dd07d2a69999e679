"""Records under hostile input: identifiers that cannot travel in an address or fit their
column, control characters in texts, and a page size beyond reason."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from cpbtracker.records.models import Record, Revision

pytestmark = pytest.mark.django_db
ASSETS = Path(__file__).parent / "assets"
# The assets carry no publication date of their own (BCH submittedOn): the import is given one.
DATED = ("--published-on", "2021-03-01")


def law(tmp_path: Path, identifier: str, title: str = "A law") -> Path:
    document = json.loads((ASSETS / "biosafetyLaw.json").read_text())
    document["header"]["identifier"] = identifier
    document["title"] = {"en": title}
    path = tmp_path / "law.json"
    path.write_text(json.dumps(document))
    return path


@pytest.mark.parametrize(
    ("identifier", "problem"),
    [
        ("LAW/1", "not a valid identifier"),
        ("LAW\x001", "not a valid identifier"),
        ("L" * 5000, "longer than 100 characters"),
    ],
)
@pytest.mark.parametrize("dry_run", [False, True])
def test_it_refuses_an_identifier_that_cannot_be_an_address(tmp_path, identifier, problem, dry_run):
    args = ["records", "import", str(law(tmp_path, identifier)), *DATED] + (["--dry-run"] * dry_run)
    with pytest.raises(CommandError, match=problem) as refused:
        call_command(*args)
    assert "header.identifier" in str(refused.value)
    assert not Record.objects.exists()


def test_it_refuses_a_control_character_in_a_record_text_naming_the_field(tmp_path):
    with pytest.raises(CommandError, match=r"title\.en holds a control character \(U\+000B\)"):
        call_command("records", "import", str(law(tmp_path, "LAW-1", "a\x0bb")), *DATED)
    assert not Record.objects.exists()


def test_the_records_list_has_a_maximum_page_size(client, tmp_path):
    call_command("records", "import", str(law(tmp_path, "LAW-1")), *DATED)
    listed = client.get("/api/v1/records/", {"limit": "9" * 20})
    assert listed.status_code == 400 and listed.json()["problems"][0]["key"] == "limit"
    page = client.get("/api/v1/records/", {"limit": "100000"})
    assert page.status_code == 200 and page.json()["count"] == 1


def test_it_refuses_a_link_that_is_not_a_web_address_and_never_shows_one_as_a_link(
    client, tmp_path
):
    document = json.loads((ASSETS / "biosafetyLaw.json").read_text())
    document["documents"] = [{"url": "javascript:alert(1)"}]
    path = tmp_path / "law.json"
    path.write_text(json.dumps(document))
    with pytest.raises(CommandError, match=r"documents: must be a list of links"):
        call_command("records", "import", str(path), *DATED)

    call_command("records", "import", str(ASSETS / "biosafetyLaw.json"), *DATED)
    revision = Record.objects.get().current
    document = {**revision.document, "documents": [{"url": "javascript:alert(1)"}]}
    Revision.objects.filter(pk=revision.pk).update(document=document)  # stored before the rule
    page = client.get(f"/records/{Record.objects.get().identifier}/").content.decode()
    assert 'href="javascript:' not in page and "javascript:alert(1)" in page
    assert 'href="https://example.org/document.pdf"' in page
