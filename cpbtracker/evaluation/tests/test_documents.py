"""The evaluation document, read back: every goal and indicator, Chinese, contributions."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook
from pypdf import PdfReader

from cpbtracker.evaluation.models import Contribution
from cpbtracker.plan.content import read_plan
from cpbtracker.plan.models import Goal, Indicator
from cpbtracker.plan.services import load_plan
from cpbtracker.plan.tests.translation_fixture import translation, write_translation
from cpbtracker.reporting.models import ReportingCycle

pytestmark = pytest.mark.django_db


@pytest.fixture
def codes(db):
    return (
        list(Goal.objects.values_list("code", flat=True)),
        list(Indicator.objects.values_list("code", flat=True)),
    )


def report(tmp_path, *args: str) -> bytes:
    fmt = args[args.index("--format") + 1]
    out = tmp_path / f"document.{fmt}"
    call_command("evaluation", "report", "--cycle", "5", *args, "--output", str(out))
    return out.read_bytes()


def test_the_docx_has_headings_and_word_tables_for_every_goal_and_indicator(
    reports, codes, tmp_path
):
    goal = Goal.objects.get(code="A.4")
    Contribution.objects.create(
        goal=goal, body="compliance_committee", kind="midterm", text="Compliance improved."
    )
    Contribution.objects.create(goal=goal, body="sbi", kind="final", text="Final only.")
    Contribution.objects.create(
        goal=None, body="liaison_group", kind="midterm", text="On the whole, on track."
    )
    data = report(tmp_path, "--kind", "midterm", "--language", "en", "--format", "docx")
    word = Document(io.BytesIO(data))
    headings = [p.text for p in word.paragraphs if p.style.name.startswith("Heading")]
    goals, indicators = codes
    for code in goals:
        assert any(h.startswith(f"{code} ") for h in headings), code
    cells = {c.text for t in word.tables for row in t.rows for c in row.cells}
    assert set(indicators) <= cells
    normal = word.styles["Normal"].element.rPr.rFonts
    assert normal.get(qn("w:eastAsia")) == "Noto Sans CJK SC"  # declared for Chinese
    texts = [p.text for p in word.paragraphs]
    assert "Compliance improved." in texts and "Final only." not in texts
    overall = texts.index("Overall conclusions")
    assert texts[overall + 1 : overall + 3] == [
        "Liaison Group on the Cartagena Protocol on Biosafety",
        "On the whole, on track.",
    ]
    # the clearing-house evidence names record types as the BCH does, never by their keys
    assert "National Focal Points 0" in texts and "Capacity Development Initiative 0" in texts
    assert not [t for t in texts if t.startswith(("focalPoint", "capacityBuildingInitiative"))]
    assert [p.text for p in word.paragraphs if p.style.name == "Title"] == ["mid-term evaluation"]
    # A.1(a): 50% now, 0% at the baseline, no target: a zero baseline gives no growth rate
    summary = next(t for t in word.tables if t.rows[0].cells[0].text == "Indicator")
    assert [c.text for c in summary.rows[1].cells] == [
        "A.1(a)", "50%", "0%", "+50", "2 / 172", "1.2%", "no target",
        "no target: growth rate since the baseline",
        "Not available (zero baseline: growth rate undefined)",
    ]  # fmt: skip
    assert "Score: from -5 (deterioration) to +5" in "".join(texts)
    assert any(t.startswith("A.1.1 ") and t.endswith("(assessed on: A.1(a))") for t in texts)


def test_the_chinese_pdf_contains_every_goal_and_indicator(reports, codes, tmp_path):
    data = report(tmp_path, "--kind", "midterm", "--language", "zh", "--format", "pdf")
    pdf = PdfReader(io.BytesIO(data))
    text = "".join(page.extract_text() for page in pdf.pages)
    fonts = {f.get_object()["/BaseFont"] for f in pdf.pages[0]["/Resources"]["/Font"].values()}
    assert any("CJK" in str(font) for font in fonts)  # the Chinese font is embedded
    goals, indicators = codes
    for code in goals + indicators:
        assert code in text, code
    assert "缔约方建立了有效的国家生物安全框架" in text  # goal A.1, in Chinese


def test_the_xlsx_has_one_sheet_per_part(reports, codes, tmp_path):
    data = report(tmp_path, "--kind", "midterm", "--language", "zh", "--format", "xlsx")
    book = load_workbook(io.BytesIO(data))
    goals, indicators = codes
    assert book.sheetnames[1:15] == goals and len(book.sheetnames) == 17
    assert (book.sheetnames[0], book.sheetnames[-1]) == ("概要", "来源")  # in Chinese
    values = {str(c.value) for sheet in book for row in sheet.iter_rows() for c in row}
    assert set(indicators) <= values
    assert any("生物安全" in v for v in values)


def test_the_html_says_live_data_and_demo_data(reports, tmp_path):
    html = report(tmp_path, "--kind", "midterm", "--language", "en", "--format", "html").decode()
    assert "live, not frozen" in html
    assert "Demo data." not in html  # these reports are not demo reports


def test_the_download_page_serves_each_format(client, reports):
    page = client.get("/evaluation/documents/").content.decode()
    assert "kind=final&amp;language=zh&amp;format=docx" in page
    response = client.get("/evaluation/documents/download/?kind=midterm&language=en&format=xlsx")
    assert response["Content-Disposition"].endswith('.xlsx"')
    assert load_workbook(io.BytesIO(response.content)).sheetnames[0] == "Summary"
    assert client.get("/evaluation/documents/download/?kind=x&format=xlsx").status_code == 404


def test_a_document_in_french_has_the_plan_in_french_or_english_without_it(reports, tmp_path):
    load_plan(read_plan(translations_dir=tmp_path / "none"))
    data = report(tmp_path, "--kind", "midterm", "--language", "fr", "--format", "docx")
    headings = [p.text for p in Document(io.BytesIO(data)).paragraphs]
    assert "A.1 Parties have in place functional national biosafety frameworks" in headings
    write_translation(tmp_path, translation("fr"))
    load_plan(read_plan(translations_dir=tmp_path))
    data = report(tmp_path, "--kind", "midterm", "--language", "fr", "--format", "docx")
    headings = [p.text for p in Document(io.BytesIO(data)).paragraphs]
    assert "A.1 [fr] Parties have in place functional national biosafety frameworks" in headings
    data = report(tmp_path, "--kind", "midterm", "--language", "fr", "--format", "xlsx")
    values = {
        str(c.value)
        for sheet in load_workbook(io.BytesIO(data))
        for row in sheet.iter_rows()
        for c in row
    }
    assert any(v.startswith("[fr] Percentage of Parties") for v in values)


def test_a_final_evaluation_is_refused_before_the_plans_final_cycle(reports, tmp_path, client):
    with pytest.raises(CommandError, match=(
        r"cycle 5: a final evaluation is made for the plan's final cycle, and no reporting "
        r"cycle has a deadline in 2030 or later yet"
    )):  # fmt: skip
        report(tmp_path, "--kind", "final", "--language", "en", "--format", "html")
    ReportingCycle.objects.create(
        number=6, schema="cpbNationalReport5", period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2029, 12, 31), deadline=dt.date(2030, 2, 28),
    )  # fmt: skip
    with pytest.raises(CommandError, match=r"cycle 5: .* final cycle \(6\), not before"):
        report(tmp_path, "--kind", "final", "--language", "en", "--format", "html")
    assert not (tmp_path / "document.html").exists()
    response = client.get(
        "/evaluation/documents/download/?cycle=5&kind=final&language=en&format=html"
    )
    assert response.status_code == 400 and b"final cycle (6)" in response.content


@pytest.mark.parametrize(
    ("language", "method"),
    [("fr", "Q7 « Votre pays a-t-il adopté"), ("ar", "س7 «هل اتخذ بلدكم")],
)
def test_the_methods_annex_is_in_the_documents_language(reports, tmp_path, language, method):
    data = report(tmp_path, "--kind", "midterm", "--language", language, "--format", "docx")
    word = Document(io.BytesIO(data))
    texts = [c.text for t in word.tables for row in t.rows for c in row.cells]
    texts += [p.text for p in word.paragraphs]
    assert any(t.startswith(method) for t in texts)
    assert not any("Has your country introduced the necessary national" in t for t in texts)
