"""A published report's downloads: print layout, PDF, XLSX and BCH JSON, from its page."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from lxml import html
from openpyxl import load_workbook
from pypdf import PdfReader

from cpbtracker.reporting.models import Answer, ReportVersion

pytestmark = pytest.mark.django_db
GOLDEN = Path(__file__).parent / "assets" / "nr5-ke.json"
REPORT = "/reports/KE/5/"


@pytest.fixture
def published(db):
    call_command("reports", "import", str(GOLDEN), "--publish")


def pdf_text(data: bytes) -> str:
    """The PDF's text with its line breaks joined as spaces."""
    pages = PdfReader(io.BytesIO(data)).pages
    return " ".join(" ".join(page.extract_text().split()) for page in pages)


def test_the_report_page_links_to_every_download(client, published):
    html = client.get(REPORT).content.decode()
    for url in ["print/", "download/pdf/", "download/xlsx/", "download/json/"]:
        assert f'href="{REPORT}{url}"' in html


def test_the_print_layout_has_no_navigation_and_numbers_every_question(client, published):
    html = client.get(REPORT + "print/").content.decode()
    assert "<nav" not in html and "Sign in" not in html
    assert '<span class="number">7</span> Has your country introduced' in html
    assert "National measures are partially in place" in html
    assert "/static/reporting/print.css" in html


def test_the_pdf_has_the_question_numbers_and_answers(client, published):
    response = client.get(REPORT + "download/pdf/")
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="national-report-KE-5.pdf"' in response["Content-Disposition"]
    text = pdf_text(response.content)
    assert "Kenya" in text
    assert "7 Has your country introduced the necessary national measures" in text
    assert "Article 2 – General provisions" in text
    assert "Biosafety Act (2009) and regulations." in text
    assert " 1 / " in text  # the print stylesheet numbers the pages


def test_the_pdf_in_chinese_shows_chinese_text(client, published):
    client.cookies["django_language"] = "zh-hans"
    text = pdf_text(client.get(REPORT + "download/pdf/").content)
    assert "第2条 — 一般规定" in text
    assert "贵国是否已采取必要的国家措施执行议定书" in text.replace(" ", "")


def test_the_xlsx_has_one_row_per_question_with_the_answer(client, published):
    response = client.get(REPORT + "download/xlsx/")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    header = [c.value for c in sheet[1]]
    assert rows["Q007"][header.index("answer")] == "implementation.partiallyInPlace"
    assert rows["Q007"][header.index("number")] == "7"


def test_the_bch_json_is_the_published_document(client, published):
    response = client.get(REPORT + "download/json/")
    assert response["Content-Type"] == "application/json"
    document = json.loads(response.content)
    golden = json.loads(GOLDEN.read_text())
    assert document["government"] == {"identifier": "ke"}
    assert document["Q007"] == golden["Q007"] and document["Q008_a"] == golden["Q008_a"]


@pytest.mark.parametrize("url", ["print/", "download/pdf/", "download/json/"])
def test_a_draft_has_no_downloads(client, personas, url):
    client.force_login(personas.ke_user)
    client.post("/reports/KE/5/edit/")
    assert client.get(REPORT + url).status_code == 404


def test_an_unknown_format_is_not_found(client, published):
    assert client.get(REPORT + "download/docx/").status_code == 404


def test_a_text_answer_missing_in_the_readers_language_is_shown_in_another_with_a_note(
    client, published
):
    french = client.get(REPORT, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Loi sur la biosécurité (2009)." in french
    assert "Biosafety Act (2009)" not in french
    russian = client.get(REPORT, HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert '<span lang="en" dir="ltr">Biosafety Act (2009) and regulations.</span>' in russian
    assert russian.count('class="fallback-note"') == 1
    assert 'class="fallback-note"' not in client.get(REPORT).content.decode()
    printed = client.get(f"{REPORT}print/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert '<span lang="en" dir="ltr">Biosafety Act (2009) and regulations.</span>' in printed


@pytest.fixture
def with_manuals(published):
    """Kenya's report also answers 71 (a) with the manual whose title carries a footnote mark
    (``<sup>3</sup>``), and a text with a tag typed by the Party."""
    version = ReportVersion.objects.get(report__party__iso2="KE", report__cycle__number=5)
    Answer.objects.create(version=version, key="Q071", value={"value": "true"})
    Answer.objects.create(
        version=version, key="Q071_a", value=[{"value": "505AA0C7-CBB7-4961-9956-83588F6C1C20"}]
    )
    Answer.objects.filter(version=version, key="Q008_a").update(
        value={"value": {"en": "Act <sup>2</sup> of 2009"}}
    )


@pytest.mark.parametrize("page", [REPORT, REPORT + "print/"])
def test_the_report_names_follow_up_questions_by_number_and_keeps_the_formats_markup(
    client, with_manuals, page
):
    tree = html.fromstring(client.get(page).content.decode())
    shown = " ".join(tree.text_content().split())
    assert "Q008_a" not in shown and "Q071_a" not in shown
    # 8's follow-up is named 8, then its own text; 71's follow-up 71
    assert "8 Please provide further information on the instruments in place:" in shown
    assert "71 Which materials/guidance are being used" in shown
    # the format's footnote mark is a real superscript; the Party's own tag stays text
    (manual,) = tree.xpath("//*[contains(text(), 'Manual on risk assessment of LMOs')]")
    assert [sup.text for sup in manual.xpath("sup")] == ["3"]
    assert "Act <sup>2</sup> of 2009" in shown


def test_the_pdf_names_follow_up_questions_by_number_and_shows_no_tag(client, with_manuals):
    text = pdf_text(client.get(REPORT + "download/pdf/").content)
    assert "Q008_a" not in text and "&lt;" not in text and "<sup>3" not in text
    assert "8 Please provide further information on the instruments in place:" in text
    assert "Manual on risk assessment of LMOs developed by the CBD Secretariat 3" in text


def test_the_arabic_print_page_and_pdf_run_right_to_left(client, published):
    client.cookies["django_language"] = "ar"
    assert '<html lang="ar" dir="rtl">' in client.get(REPORT + "print/").content.decode()
    page = PdfReader(io.BytesIO(client.get(REPORT + "download/pdf/").content)).pages[0]
    starts: list[float] = []
    page.extract_text(
        visitor_text=lambda text, cm, tm, *_: (
            starts.append(tm[4] * cm[0] + cm[4]) if text.strip() else None
        )
    )
    # right to left, short lines end at the right margin, so start far right (left to right,
    # every line starts at the left margin)
    assert starts and max(starts) > float(page.mediabox.width) / 2
