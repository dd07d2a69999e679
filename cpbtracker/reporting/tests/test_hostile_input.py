"""Reports under hostile input: control characters, revisions out of range, and approval of
exactly what was requested."""

from __future__ import annotations

import json
import random

import pytest
from django.core.management import CommandError, call_command

from cpbtracker.reporting.demo import demo_answers
from cpbtracker.reporting.models import NationalReport, PublicationRequest, ReportingCycle
from cpbtracker.reporting.questionnaire import load_questionnaire
from cpbtracker.reporting.services import open_draft, save_answers

pytestmark = pytest.mark.django_db
DRAFT_API = "/api/v1/drafts/KE/5/"


def patch(client, body: dict, **headers: str):
    return client.patch(DRAFT_API, json.dumps(body), content_type="application/json", **headers)


@pytest.fixture
def complete_draft(personas):
    draft = open_draft(personas.kenya, ReportingCycle.objects.get(number=5), user=personas.ke_user)
    questionnaire = load_questionnaire("cpbNationalReport5")
    save_answers(draft, demo_answers(questionnaire, random.Random(7), 0.7), user=personas.ke_user)
    return draft


def test_it_refuses_a_control_character_in_an_answer_so_the_workbook_still_opens(client, personas):
    client.force_login(personas.ke_nfp)
    response = patch(client, {"answers": {"Q013": "a\u000bb"}})
    assert response.status_code == 400
    [rejected] = response.json()["rejected"]
    assert rejected["key"] == "Q013"
    assert "control character (U+000B)" in rejected["message"]
    assert patch(client, {"answers": {"Q013": "a\tb\r\nc"}}).status_code == 200  # allowed
    workbook = client.get("/reports/KE/5/offline/")
    assert workbook.status_code == 200 and workbook["Content-Type"].startswith("application/")


def test_it_refuses_a_revision_beyond_any_whole_number_without_a_server_error(client, personas):
    client.force_login(personas.ke_nfp)
    client.post("/reports/KE/5/edit/")
    for revision in (str(2**63), "9" * 5000):
        body = '{"answers": {"Q013": "x"}, "revision": ' + revision + "}"
        response = client.patch(DRAFT_API, body, content_type="application/json")
        assert response.status_code == 400, revision
    for header in (str(2**63), "9" * 5000):
        response = patch(client, {"answers": {"Q013": "x"}}, HTTP_IF_MATCH=f'"{header}"')
        assert response.status_code == 400
        assert "If-Match" in response.json()["detail"]
    section = client.post("/reports/KE/5/edit/Article2/", {"revision": "9" * 5000, "Q013": "x"})
    assert section.status_code == 400
    assert "revision" in section.content.decode()


def test_it_refuses_to_publish_a_draft_changed_since_the_request(client, personas, complete_draft):
    client.force_login(personas.ke_user)
    assert client.post("/reports/KE/5/request-publication/").status_code == 302
    request = PublicationRequest.objects.get()
    complete_draft.refresh_from_db()
    assert request.revision == complete_draft.revision
    save_answers(complete_draft, {"Q013": "changed after the request"}, user=personas.ke_user)

    client.force_login(personas.ke_nfp)
    refused = client.post(f"/reports/KE/5/requests/{request.pk}/", {"decision": "approve"})
    assert refused.status_code == 409
    assert "Q013" in refused.content.decode()  # the changes are listed
    report = NationalReport.objects.get(party__iso2="KE", cycle__number=5)
    assert report.published_version() is None
    request.refresh_from_db()
    assert request.status == "pending"


@pytest.mark.parametrize(
    ("document", "problem"),
    [
        ({"header": "x"}, "header.schema: None is not a national report schema"),
        ({"government": "BR"}, "header.schema: None is not a national report schema"),
        ({"header": {"schema": ["x"]}}, "header.schema: ['x'] is not a national report schema"),
        (
            {"header": {"schema": "cpbNationalReport5"}, "government": "BR"},
            "government.identifier: ",
        ),
    ],
)
def test_reports_import_refuses_malformed_headers_in_one_line(tmp_path, document, problem):
    path = tmp_path / "report.json"
    path.write_text(json.dumps(document))
    with pytest.raises(CommandError) as refused:
        call_command("reports", "import", str(path))
    assert problem in str(refused.value)
    assert not NationalReport.objects.exists()


def test_an_evaluation_report_into_a_missing_folder_is_one_line(tmp_path):
    target = tmp_path / "missing" / "report.xlsx"
    with pytest.raises(CommandError, match=r"cannot write .*report\.xlsx: No such file"):
        call_command(
            "evaluation",
            "report",
            "--cycle",
            "5",
            "--kind",
            "midterm",
            "--format",
            "xlsx",
            "--output",
            str(target),
        )


def test_two_editors_saving_different_answers_from_one_revision_both_keep_their_work(
    client, personas
):
    client.force_login(personas.ke_nfp)
    assert patch(client, {"answers": {"Q013": "first"}}).status_code == 200  # revision 1
    one = {"answers": {"Q007": {"value": "implementation.none"}}, "revision": 1}
    assert patch(client, one).status_code == 200  # revision 2
    other = patch(client, {"answers": {"Q013": "second"}, "revision": 1})  # stale: merged
    assert other.status_code == 200
    answers = client.get(DRAFT_API).json()["answers"]
    assert answers == {
        "Q007": {"value": "implementation.none"},
        "Q013": {"value": {"en": "second"}},
    }
    both = {"answers": {"Q007": {"value": "implementation.fullInPlace"}}, "revision": 1}
    conflict = patch(client, both)
    assert conflict.status_code == 409  # Q007 changed since revision 1 and sent changed
    assert "changed Q007" in conflict.json()["detail"]
