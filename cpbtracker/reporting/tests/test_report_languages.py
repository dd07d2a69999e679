"""A Party picks its report's languages; text answers are entered and read per language."""

from __future__ import annotations

import io
import json

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from cpbtracker.reporting.bch import export_document, import_bch_documents
from cpbtracker.reporting.models import ReportVersion
from cpbtracker.reporting.services import save_answers
from cpbtracker.reporting.tests.conftest import kenya_draft as draft
from cpbtracker.reporting.tests.conftest import save_section
from cpbtracker.tests.html import parse, text

pytestmark = pytest.mark.django_db
EDIT = "/reports/KE/5/edit/"
LANGUAGES = "/reports/KE/5/languages/"
ARTICLE2 = "/reports/KE/5/edit/Article2/"
OFFLINE = "/reports/KE/5/offline/"


def choose(client, *languages: str):
    return client.post(LANGUAGES, {"languages": list(languages), "revision": draft().revision})


def test_it_saves_the_languages_chosen_on_the_edit_page(editor):
    assert choose(editor, "fr", "en").status_code == 302
    assert draft().front_matter["languages"] == ["en", "fr"]
    boxes = parse(editor.get(EDIT)).xpath('//input[@name="languages"]')
    assert {b.get("value"): b.get("checked") is not None for b in boxes} == {
        "en": True,
        "zh": False,
        "ar": False,
        "es": False,
        "fr": True,
        "ru": False,
    }


def test_it_refuses_an_unknown_language_and_changes_nothing(editor):
    response = choose(editor, "en", "xx")
    assert response.status_code == 409
    assert "xx: not a language of the reports" in response.content.decode()
    assert "languages" not in draft().front_matter


def test_a_text_question_has_one_labelled_input_per_language(editor):
    choose(editor, "ar", "fr")
    areas = parse(editor.get(ARTICLE2)).xpath('//fieldset[@id="Q013"]//textarea')
    assert [(a.get("name"), a.get("lang"), a.get("dir")) for a in areas] == [
        ("Q013:ar", "ar", "rtl"),
        ("Q013:fr", "fr", "ltr"),
    ]
    labels = parse(editor.get(ARTICLE2)).xpath('//fieldset[@id="Q013"]//label')
    assert [text(label) for label in labels] == ["العربية", "Français"]


def test_it_saves_two_languages_and_reads_each_back(editor):
    choose(editor, "en", "fr")
    save_section(
        editor, ARTICLE2, {"Q013:en": "National biosafety law", "Q013:fr": "Loi nationale"}
    )
    assert draft().answers_dict()["Q013"] == {
        "value": {"en": "National biosafety law", "fr": "Loi nationale"}
    }
    page = parse(editor.get(ARTICLE2))
    assert page.xpath('//textarea[@name="Q013:fr"]')[0].text == "Loi nationale"
    # emptying one language keeps the other
    save_section(editor, ARTICLE2, {"Q013:en": "", "Q013:fr": "Loi nationale"})
    assert draft().answers_dict()["Q013"] == {"value": {"fr": "Loi nationale"}}


def test_the_published_report_shows_the_readers_language_or_says_which_it_shows(client, personas):
    client.force_login(personas.ke_nfp)
    client.post(EDIT)
    save_answers(draft(), {"Q013": {"value": {"en": "Biosafety Act", "fr": "Loi"}}}, user=None)
    version = draft()
    version.front_matter = {"languages": ["en", "fr"]}
    version.save()
    submit_with_problems_allowed(version)

    def answer(lang: str) -> str:
        (row,) = parse(client.get(f"/reports/KE/5/?lang={lang}")).xpath(
            '//dt[@id="Q013"]/following-sibling::dd[1]'
        )
        return text(row)

    assert answer("fr") == "Loi"
    assert answer("en") == "Biosafety Act"
    spanish = answer("es")
    assert spanish.startswith("Biosafety Act") and "inglés" in spanish.lower()
    printed = client.get("/reports/KE/5/print/?lang=ru").content.decode()
    assert 'lang="en"' in printed and "fallback-note" in printed


def submit_with_problems_allowed(version: ReportVersion) -> None:
    """Publish the draft as it is (the published page is what is under test)."""
    version.status = ReportVersion.Status.SUBMITTED
    version.complete = False
    version.save()


def test_the_bch_document_carries_the_languages_both_ways(editor, tmp_path):
    choose(editor, "es", "en")
    save_answers(draft(), {"Q013": {"value": {"es": "Ley", "en": "Law"}}}, user=None)
    document = export_document(draft())
    assert document["header"]["languages"] == ["en", "es"]
    assert "languages" not in document
    document["header"]["languages"] = ["fr", "ar"]
    path = tmp_path / "nr5.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    import_bch_documents([path])
    assert draft().front_matter["languages"] == ["ar", "fr"]


def test_an_import_with_unknown_languages_is_refused(editor, tmp_path):
    document = export_document(draft())
    document["header"]["languages"] = ["en", "klingon"]
    path = tmp_path / "nr5.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(Exception, match="header.languages") as refused:
        import_bch_documents([path])
    assert "klingon" in str(refused.value)


def test_the_workbook_has_a_column_per_other_language_and_reads_it_back(editor):
    choose(editor, "en", "fr")
    save_answers(draft(), {"Q013": {"value": {"en": "Law", "fr": "Loi"}}}, user=None)
    workbook = load_workbook(io.BytesIO(editor.get(OFFLINE).content))
    sheet = workbook["report"]
    header = [c.value for c in sheet[1]]
    assert header[-1] == "answer in French"
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    assert (rows["Q013"][6].value, rows["Q013"][-1].value) == ("Law", "Loi")
    rows["Q013"][6].value = "Act"
    rows["Q013"][-1].value = "Loi modifiée"
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "report.xlsx"
    assert editor.post(OFFLINE, {"workbook": buffer}).status_code == 302
    assert draft().answers_dict()["Q013"] == {"value": {"en": "Act", "fr": "Loi modifiée"}}


def test_the_drafts_api_takes_and_returns_languages_and_texts(editor):
    url = reverse("api-draft", args=["KE", 5])
    response = editor.patch(
        url,
        {"languages": ["fr", "en"], "answers": {"Q013": {"value": {"fr": "Loi", "en": "Law"}}}},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    body = editor.get(url).json()
    assert body["languages"] == ["en", "fr"]
    assert body["answers"]["Q013"] == {"value": {"fr": "Loi", "en": "Law"}}
    # a plain string is the text in the user's language; the other language is kept
    response = editor.patch(
        url + "?lang=fr",
        {"answers": {"Q013": {"value": "Loi modifiée"}}, "revision": body["revision"]},
        content_type="application/json",
    )
    assert response.json()["answers"]["Q013"] == {"value": {"en": "Law", "fr": "Loi modifiée"}}
