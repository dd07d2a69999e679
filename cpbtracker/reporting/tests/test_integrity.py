"""Nothing lost, nothing broken: submitted versions never change, stale saves are refused,
closed cycles stay closed, bad input is a clear 4xx, and every change is audited."""

from __future__ import annotations

import io
import json
import random
import zipfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook, load_workbook

from cpbtracker.accounts.models import AuditEntry
from cpbtracker.reporting.demo import demo_answers
from cpbtracker.reporting.models import NationalReport, ReportingCycle, ReportVersion
from cpbtracker.reporting.questionnaire import MAX_TEXT_LENGTH, load_questionnaire
from cpbtracker.reporting.services import (
    ReportingError,
    open_draft,
    reopen_report,
    save_answers,
    submit_report,
    write_answers,
)
from cpbtracker.tests.html import parse, text

pytestmark = pytest.mark.django_db
GOLDEN = Path(__file__).parent / "assets" / "nr5-ke.json"
DRAFT_API = "/api/v1/drafts/KE/5/"
ARTICLE2 = "/reports/KE/5/edit/Article2/"
OFFLINE = "/reports/KE/5/offline/"


def complete_answers() -> dict:
    return demo_answers(load_questionnaire("cpbNationalReport5"), random.Random(11), 0.7)


def kenya_draft(personas) -> ReportVersion:
    return open_draft(personas.kenya, ReportingCycle.objects.get(number=5), user=personas.ke_nfp)


def patch(client, body: dict, **headers):
    return client.patch(DRAFT_API, json.dumps(body), content_type="application/json", **headers)


def stored(version: ReportVersion) -> dict:
    return ReportVersion.objects.get(pk=version.pk).answers_dict()


# -- 1. a submitted version never changes ------------------------------------------------------


def test_a_save_that_started_before_the_submission_cannot_change_the_published_version(
    personas,
):
    draft = kenya_draft(personas)
    save_answers(draft, complete_answers(), user=personas.ke_nfp)
    seen_by_the_late_save = ReportVersion.objects.get(pk=draft.pk)  # still a draft in memory
    submit_report(draft, user=personas.ke_nfp)
    published = stored(draft)
    with pytest.raises(ReportingError, match="submitted report cannot be changed"):
        save_answers(seen_by_the_late_save, {"Q007": None}, user=personas.ke_user)
    assert stored(draft) == published
    assert ReportVersion.objects.get(pk=draft.pk).status == "submitted"


def test_no_code_path_writes_answers_into_a_submitted_version(personas):
    draft = kenya_draft(personas)
    save_answers(draft, complete_answers(), user=personas.ke_nfp)
    submit_report(draft, user=personas.ke_nfp)
    published = ReportVersion.objects.get(pk=draft.pk)
    with pytest.raises(ReportingError):
        write_answers(published, {})
    assert stored(draft) != {}


def test_the_api_refuses_a_save_after_the_submission_with_409(client, personas):
    client.force_login(personas.ke_nfp)
    assert patch(client, {"answers": complete_answers()}).status_code == 200
    assert client.post(DRAFT_API).status_code == 200
    published = NationalReport.objects.get(party__iso2="KE").published_version().answers_dict()
    response = patch(client, {"answers": {"Q007": None}})
    assert response.status_code == 409
    assert "submitted" in response.json()["detail"]
    assert NationalReport.objects.get(party__iso2="KE").versions.count() == 1
    assert (
        NationalReport.objects.get(party__iso2="KE").published_version().answers_dict() == published
    )


# -- 2. lost updates ----------------------------------------------------------------------------


def test_a_stale_section_save_is_refused_and_names_who_changed_what(client, personas):
    kenya_draft(personas)
    client.force_login(personas.ke_user)
    page = client.get(ARTICLE2).content.decode()
    assert 'name="revision" value="0"' in page
    other = type(client)()
    other.force_login(personas.ke_nfp)
    assert other.post(ARTICLE2, {"Q007": "implementation.none", "revision": "0"}).status_code == 302
    response = client.post(ARTICLE2, {"Q007": "implementation.fullInPlace", "revision": "0"})
    assert response.status_code == 409
    text = response.content.decode()
    assert "Nothing was saved" in text and "ke-nfp" in text and "Q007" in text
    assert stored(NationalReport.objects.get().draft()) == {
        "Q007": {"value": "implementation.none"}
    }


def test_a_refused_section_save_keeps_what_was_typed_and_saving_again_replaces(client, personas):
    kenya_draft(personas)
    client.force_login(personas.ke_user)
    other = type(client)()
    other.force_login(personas.ke_nfp)
    assert other.post(ARTICLE2, {"Q007": "implementation.none", "revision": "0"}).status_code == 302
    typed = {"Q007": "implementation.fullInPlace", "Q013": "Our Biosafety Act, 2009"}

    response = client.post(ARTICLE2, {**typed, "revision": "0"})

    assert response.status_code == 409
    page = parse(response)
    assert page.xpath('//fieldset[@id="Q007"]//input[@checked]/@value') == [typed["Q007"]]
    assert page.xpath('//fieldset[@id="Q013"]//textarea/text()') == [typed["Q013"]]
    (conflict,) = page.xpath('//*[@id="conflicts"]//li')
    assert text(conflict).startswith("Question 7 Has your country introduced")
    assert "changed by ke-nfp at " in text(conflict)
    assert "Q013" not in stored(NationalReport.objects.get().draft())
    # the refused page carries the draft's revision now: saving it again is deliberate
    (revision,) = page.xpath('//input[@name="revision"]/@value')
    assert client.post(ARTICLE2, {**typed, "revision": revision}).status_code == 302
    assert stored(NationalReport.objects.get().draft())["Q007"] == {"value": typed["Q007"]}


def test_a_section_save_without_a_revision_is_refused_and_replaces_nothing(client, personas):
    draft = kenya_draft(personas)
    save_answers(draft, {"Q007": {"value": "implementation.none"}}, user=personas.ke_nfp)
    client.force_login(personas.ke_user)

    response = client.post(ARTICLE2, {"Q013": "typed on a page that sent no revision"})

    assert response.status_code == 400
    assert "Reload the page" in response.content.decode()
    assert stored(draft) == {"Q007": {"value": "implementation.none"}}


def test_an_autosave_merged_past_another_save_does_not_let_the_page_overwrite_it(client, personas):
    draft = kenya_draft(personas)
    save_answers(draft, {"Q007": {"value": "implementation.partiallyInPlace"}}, user=None)
    client.force_login(personas.ke_user)
    (loaded,) = parse(client.get(ARTICLE2)).xpath('//input[@name="revision"]/@value')
    assert loaded == "1"
    other = type(client)()
    other.force_login(personas.ke_nfp)
    assert other.post(ARTICLE2, {"Q007": "implementation.none", "revision": "1"}).status_code == 302
    # the page autosaves its Q013, merged past the other save; it keeps revision 1 and marks
    # Q013 with the revision holding it, as the page's script does
    autosaved = patch(client, {"answers": {"Q013": "Biosafety Act"}, "revision": 1})
    assert autosaved.status_code == 200 and autosaved.json()["revision"] == 3
    assert autosaved.json()["answer_revisions"] == {"Q013": 3}
    page = {"revision": loaded, "revision:Q013": "3", "Q013": "Biosafety Act, 2009"}

    refused = client.post(ARTICLE2, {**page, "Q007": "implementation.fullInPlace"})

    assert refused.status_code == 409
    (conflict,) = parse(refused).xpath('//*[@id="conflicts"]//li')
    assert text(conflict).startswith("Question 7 ") and "ke-nfp" in text(conflict)
    assert stored(draft)["Q007"] == {"value": "implementation.none"}
    # the page's Q007 as loaded, its own Q013 typed on: merged, the other answer kept
    saved = client.post(ARTICLE2, {**page, "Q007": "implementation.partiallyInPlace"})
    assert saved.status_code == 302
    assert stored(draft) == {
        "Q007": {"value": "implementation.none"},
        "Q013": {"value": {"en": "Biosafety Act, 2009"}},
    }


def test_the_api_checks_the_revision_by_if_match_or_body(client, personas):
    client.force_login(personas.ke_user)
    first = patch(client, {"answers": {"Q007": {"value": "implementation.none"}}})
    assert first.status_code == 200 and first["ETag"] == '"1"' and first.json()["revision"] == 1
    assert patch(client, {"answers": {"Q013": "A"}}, HTTP_IF_MATCH='"1"').status_code == 200
    # Q013 changed since revision 1, Q007 did not: the stale save is merged
    assert patch(client, {"answers": {"Q007": None}}, HTTP_IF_MATCH='"1"').status_code == 200
    stale = patch(client, {"answers": {"Q013": "B"}}, HTTP_IF_MATCH='"1"')  # a real conflict
    assert stale.status_code == 409
    assert "changed Q013" in stale.json()["detail"] and "ke-user" in stale.json()["detail"]
    answers = client.get(DRAFT_API).json()["answers"]
    assert answers == {"Q013": {"value": {"en": "A"}}}


def test_an_older_workbook_does_not_revert_online_edits(client, personas):
    kenya_draft(personas)
    client.force_login(personas.ke_user)
    workbook = load_workbook(io.BytesIO(client.get(OFFLINE).content))
    assert ["revision", 0] in [list(r) for r in workbook["about"].iter_rows(values_only=True)]
    client.post(ARTICLE2, {"Q007": "implementation.none", "revision": "0"})
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "old.xlsx"
    response = client.post(OFFLINE, {"workbook": buffer})
    # merged answer by answer: Q007 was left as the workbook had it, so the newer answer stays
    assert response.status_code == 302
    assert stored(NationalReport.objects.get().draft()) == {
        "Q007": {"value": "implementation.none"}
    }


# -- 3. closed cycles ---------------------------------------------------------------------------


def test_no_report_is_created_edited_or_submitted_in_a_closed_cycle(client, personas):
    client.force_login(personas.ke_nfp)
    assert "This reporting cycle is closed" in client.get("/reports/KE/4/edit/").content.decode()
    response = client.post("/reports/KE/4/edit/")
    assert response.status_code == 409
    assert "cycle 4 is closed" in response.content.decode()
    assert patch_closed(client).status_code == 409
    assert not NationalReport.objects.filter(cycle__number=4).exists()

    draft = kenya_draft(personas)
    save_answers(draft, complete_answers(), user=personas.ke_nfp)
    ReportingCycle.objects.filter(number=5).update(is_open=False)
    assert patch(client, {"answers": {"Q007": None}}).status_code == 409
    assert client.post(DRAFT_API).status_code == 409
    assert client.post("/reports/KE/5/submit/").status_code == 409
    assert ReportVersion.objects.get(pk=draft.pk).is_draft
    assert "Q007" in stored(draft)


def patch_closed(client):
    return client.patch(
        "/api/v1/drafts/KE/4/", json.dumps({"answers": {}}), content_type="application/json"
    )


def test_an_import_into_a_closed_cycle_needs_the_secretariats_option(tmp_path):
    nr4 = tmp_path / "nr4.json"
    nr4.write_text(
        json.dumps(
            {
                "header": {"schema": "cpbNationalReport4"},
                "government": {"identifier": "KE"},
                "date": "2019-09-01",
            }
        )
    )
    with pytest.raises(CommandError, match="cycle 4 is closed; .*--allow-closed-cycle"):
        call_command("reports", "import", str(nr4), "--publish")
    assert not NationalReport.objects.exists()
    call_command("reports", "import", str(nr4), "--publish", "--allow-closed-cycle")
    assert NationalReport.objects.get().published_version() is not None


# -- 4. clear 4xx instead of server errors ------------------------------------------------------


@pytest.mark.parametrize(
    "answers, reason",
    [
        ({"Q026": "true", "Q026_adq": {"value": "²"}}, "is not a whole number"),
        ({"Q026": "true", "Q026_adq": {"value": "٣"}}, "is not a whole number"),
        ({"Q008": {"options": 5}}, "'options' must be a list"),
        ({"Q013": {"value": {"en": "a\x00b"}}}, "NUL character"),
        ({"Q013": {"value": {"en": "x" * (MAX_TEXT_LENGTH + 1)}}}, "longer than 32767"),
        ({"Q013": {"value": {"en": [[[[[[["deep"]]]]]]]}}}, "nested more than"),
    ],
)
def test_bad_answers_are_rejected_by_the_api_with_a_reason(client, personas, answers, reason):
    client.force_login(personas.ke_user)
    response = patch(client, {"answers": answers})
    assert response.status_code == 400
    assert any(reason in r["message"] for r in response.json()["rejected"])
    assert "Q013" not in response.json()["answers"]


def test_json_nested_beyond_the_parser_is_a_400(client, personas):
    client.force_login(personas.ke_user)
    body = '{"answers": {"Q013": ' + "[" * 100_000 + "]" * 100_000 + "}}"
    response = client.patch(DRAFT_API, body, content_type="application/json")
    assert response.status_code == 400
    assert not NationalReport.objects.exists()


def test_a_superscript_number_in_the_form_is_an_error_on_the_page(client, personas):
    kenya_draft(personas)
    client.force_login(personas.ke_user)
    response = client.post(
        "/reports/KE/5/edit/Articles7-10/", {"Q026": "true", "Q026_adq": "²", "revision": "0"}
    )
    assert response.status_code == 200
    assert "is not a whole number" in response.content.decode()
    assert "Q026_adq" not in stored(NationalReport.objects.get().draft())


def test_a_superscript_number_in_the_workbook_is_an_error_naming_the_cell(client, personas):
    kenya_draft(personas)
    client.force_login(personas.ke_user)
    workbook = load_workbook(io.BytesIO(client.get(OFFLINE).content))
    rows = {r[0].value: r for r in workbook["report"].iter_rows(min_row=2)}
    rows["Q026"][6].value = "true"
    rows["Q026_adq"][6].value = "²"
    page = client.get(upload(client, workbook)["Location"]).content.decode()
    line = rows["Q026_adq"][0].row
    assert f"row {line} (Q026_adq), column answer: &#x27;²&#x27; is not a whole number" in page
    assert stored(NationalReport.objects.get().draft()) == {}


@pytest.mark.parametrize(
    "url", ["/api/v1/reports/?cycle=abc", "/api/v1/reports/?cycle=²", "/api/v1/indicators/?cycle=²"]
)
def test_a_bad_cycle_parameter_is_a_400(client, url):
    assert client.get(url).status_code == 400


def test_the_offline_page_of_a_submitted_report_creates_no_draft(client, personas):
    call_command("reports", "import", str(GOLDEN), "--publish")
    client.force_login(personas.ke_user)
    response = client.get(OFFLINE)
    assert response.status_code == 409
    assert "no draft" in response.content.decode()
    assert NationalReport.objects.get().versions.count() == 1


def test_a_workbook_with_a_one_column_about_sheet_is_refused(client, personas):
    kenya_draft(personas)
    client.force_login(personas.ke_user)
    workbook = Workbook()
    workbook.active.title = "report"
    workbook.create_sheet("about").append(["party"])
    response = upload(client, workbook)
    page = client.get(response["Location"]).content.decode()
    assert "this workbook is for None cycle None, not KE cycle 5" in page


@pytest.mark.parametrize("part", ["xl/workbook.xml", "xl/worksheets/sheet1.xml", "xl/styles.xml"])
def test_a_damaged_workbook_is_refused_with_a_message(client, personas, part):
    kenya_draft(personas)
    client.force_login(personas.ke_user)
    original = zipfile.ZipFile(io.BytesIO(client.get(OFFLINE).content))
    damaged = io.BytesIO()
    with zipfile.ZipFile(damaged, "w") as archive:
        for name in original.namelist():
            archive.writestr(name, b"<broken" if name == part else original.read(name))
    damaged.seek(0)
    damaged.name = "report.xlsx"
    response = client.post(OFFLINE, {"workbook": damaged})
    assert "not an XLSX workbook (damaged XML)" in client.get(response["Location"]).content.decode()
    assert stored(NationalReport.objects.get().draft()) == {}


def test_reopening_twice_is_a_409(client, personas):
    call_command("reports", "import", str(GOLDEN), "--publish")
    client.force_login(personas.secretariat)
    assert client.post("/reports/KE/5/reopen/").status_code == 302
    again = client.post("/reports/KE/5/reopen/")
    assert again.status_code == 409
    assert "already has a draft" in again.content.decode()
    assert NationalReport.objects.get().versions.count() == 2


# -- 6. limits ----------------------------------------------------------------------------------


def upload(client, workbook):
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "report.xlsx"
    return client.post(OFFLINE, {"workbook": buffer})


def test_a_workbook_that_unpacks_to_too_much_is_refused(client, personas):
    kenya_draft(personas)
    client.force_login(personas.ke_user)
    workbook = load_workbook(io.BytesIO(client.get(OFFLINE).content))
    sheet = workbook["report"]
    for row in range(2, 1700):
        sheet.cell(row=row, column=20, value="x" * 32_000)
    response = upload(client, workbook)
    page = client.get(response["Location"]).content.decode()
    assert "the workbook unpacks to" in page and "at most are accepted" in page
    assert stored(NationalReport.objects.get().draft()) == {}


def test_a_long_answer_round_trips_through_the_workbook_uncut(client, personas):
    draft = kenya_draft(personas)
    text = "y" * MAX_TEXT_LENGTH
    save_answers(draft, {"Q013": {"value": {"en": text}}}, user=personas.ke_user)
    client.force_login(personas.ke_user)
    workbook = load_workbook(io.BytesIO(client.get(OFFLINE).content))
    assert upload(client, workbook).status_code == 302
    assert stored(draft)["Q013"] == {"value": {"en": text}}


# -- audit ----------------------------------------------------------------------------------


def test_every_change_is_audited_with_old_and_new_values(personas):
    draft = kenya_draft(personas)
    save_answers(draft, {"Q007": "implementation.none"}, user=personas.ke_user)
    save_answers(draft, {"Q007": "implementation.fullInPlace"}, user=personas.ke_nfp)
    entry = AuditEntry.objects.filter(action="report.saved").first()
    assert entry.user == personas.ke_nfp
    assert entry.detail["changes"] == {
        "Q007": {
            "old": {"value": "implementation.none"},
            "new": {"value": "implementation.fullInPlace"},
        }
    }
    save_answers(draft, complete_answers(), user=personas.ke_nfp)
    submit_report(draft, user=personas.ke_nfp)
    reopen_report(draft.report, user=personas.secretariat)
    actions = list(AuditEntry.objects.order_by("id").values_list("action", flat=True))
    assert actions[-2:] == ["report.submitted", "report.reopened"]
