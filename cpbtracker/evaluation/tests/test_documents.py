"""The evaluation document, read back in every format: its parts, the reports received by
region, A4 and page numbers, charts, right to left for Arabic, the Party listing apart."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from html.parser import HTMLParser

import pytest
from django.core.management import CommandError, call_command
from django.utils.translation import override
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook
from pypdf import PdfReader

from cpbtracker.capacity.models import InitiativeTags
from cpbtracker.capacity.tests.conftest import RA, initiative, publish  # noqa: F401
from cpbtracker.evaluation.document import note_text
from cpbtracker.evaluation.models import Contribution, StoredDocument
from cpbtracker.plan.content import read_plan
from cpbtracker.plan.models import Goal, Indicator
from cpbtracker.plan.services import load_plan
from cpbtracker.plan.tests.translation_fixture import translation, write_translation
from cpbtracker.records.models import Record
from cpbtracker.reporting.models import ReportingCycle

pytestmark = pytest.mark.django_db

SECTIONS = [
    "introduction",
    "data-and-method",
    "limitations",
    "findings",
    "capacity-building",
    "contributions",
    "conclusions",
    "annex-methods",
    "annex-provenance",
]


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


class Page(HTMLParser):
    """The ids of the sections, the <html> attributes and the reports-received rows."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.sections: list[str] = []
        self.root: dict[str, str | None] = {}
        self.received: dict[str, dict[str, str | None]] = {}
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "html":
            self.root = found
        elif tag == "section" and found.get("id"):
            self.sections.append(str(found["id"]))
        elif tag == "tr" and "data-region" in found:
            self.received[str(found["data-region"])] = found


def test_it_has_every_part_in_order_and_counts_the_reports_received_by_region(
    reports, submit, tmp_path
):
    deadline = ReportingCycle.objects.get(number=5).deadline
    submit("MX", 5, {}, on=deadline + dt.timedelta(days=3))  # late: received, not on time
    page = Page(
        report(tmp_path, "--kind", "midterm", "--language", "en", "--format", "html").decode()
    )
    assert [s for s in page.sections if not s.startswith("goal-")] == ["cover", *SECTIONS]
    assert {s for s in page.sections if s.startswith("goal-")} == {
        f"goal-{code}" for code in Goal.objects.values_list("code", flat=True)
    }
    # hand count: cycle 5 Kenya (AFR), China (APAC), Mexico (GRULAC, late); cycle 4 Kenya
    reports_by_region = {r: row["data-reports"] for r, row in page.received.items()}
    assert reports_by_region == {
        "AFR": "1",
        "APAC": "1",
        "CEE": "0",
        "GRULAC": "1",
        "WEOG": "0",
        "NONE": "0",
        "ALL": "3",
    }
    assert page.root == {"lang": "en", "dir": "ltr"}


def test_the_html_prints_the_conclusions_entered_and_marks_the_parts_not_entered(reports, tmp_path):
    text = tmp_path / "conclusions.txt"
    text.write_text("Frameworks are in place in most Parties.", encoding="utf-8")
    call_command(
        "evaluation",
        "conclusions",
        "--kind",
        "midterm",
        "--part",
        "conclusions",
        "--file",
        str(text),
    )
    html = report(tmp_path, "--kind", "midterm", "--language", "en", "--format", "html").decode()
    conclusions = html[html.index('id="conclusions"') : html.index('id="annex-methods"')]
    assert "Frameworks are in place in most Parties." in conclusions
    assert conclusions.count('class="placeholder"') == 2  # recommendations, draft elements
    # conclusions are per kind: those entered for the final evaluation stay out of the mid-term
    text.write_text("Written for the final evaluation.", encoding="utf-8")
    call_command(
        "evaluation", "conclusions", "--kind", "final", "--part", "recommendations",
        "--file", str(text),
    )  # fmt: skip
    html = report(tmp_path, "--kind", "midterm", "--language", "en", "--format", "html").decode()
    assert "Written for the final evaluation." not in html
    assert "Frameworks are in place in most Parties." in html


def test_the_docx_is_a4_with_page_numbers_a_contents_field_charts_and_every_goal(
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
    section = word.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    footer = "".join(t.text for t in section.footer._element.iter(qn("w:instrText")))
    assert "PAGE" in footer and "NUMPAGES" in footer
    body = [t.text for t in word.element.body.iter(qn("w:instrText"))]
    assert any(t.startswith("TOC") for t in body)
    assert len(word.inline_shapes) == Indicator.objects.count()  # one chart per indicator
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
    # the clearing-house evidence names record types as the BCH does, never by their keys:
    # one bullet per type, "title: count"
    assert "National Focal Points: 0" in texts and "Capacity Development Initiative: 0" in texts
    assert not [t for t in texts if t.startswith(("focalPoint", "capacityBuildingInitiative"))]
    assert [p.text for p in word.paragraphs if p.style.name == "Title"] == ["mid-term evaluation"]
    # A.1(a): 50% now, 0% at the baseline, no target: a zero baseline gives no growth rate
    table = next(t for t in word.tables if t.rows[0].cells[1].text == "Value")
    assert [c.text for c in table.rows[1].cells] == [
        "A.1(a)", "50%", "0%", "+50", "2 / 172", "1.2%", "no target",
        "no target: growth rate since the baseline",
        "Not available (zero baseline: growth rate undefined)",
    ]  # fmt: skip
    # the score scale once, where the method is explained (Data and method)
    scale = [n for n, t in enumerate(texts) if "Score: from -5 (deterioration) to +5" in t]
    assert len(scale) == 1 and texts.index("Data and method") < scale[0] < texts.index(
        "Limitations"
    )
    assert any(t.startswith("A.1.1 ") and t.endswith("(assessed on: A.1(a))") for t in texts)
    assert "Parties counted positive" not in cells  # the Party listing is not in the document


def test_the_arabic_documents_run_right_to_left(reports, tmp_path):
    html = report(tmp_path, "--kind", "midterm", "--language", "ar", "--format", "html").decode()
    assert Page(html).root == {"lang": "ar", "dir": "rtl"}
    word = Document(
        io.BytesIO(report(tmp_path, "--kind", "midterm", "--language", "ar", "--format", "docx"))
    )
    assert all(
        p._p.pPr is not None and p._p.pPr.find(qn("w:bidi")) is not None for p in word.paragraphs
    )
    assert all(t._tbl.tblPr.find(qn("w:bidiVisual")) is not None for t in word.tables)
    pdf = PdfReader(
        io.BytesIO(report(tmp_path, "--kind", "midterm", "--language", "ar", "--format", "pdf"))
    )
    starts: list[float] = []
    pdf.pages[0].extract_text(
        visitor_text=lambda text, cm, tm, *_: (
            starts.append(tm[4] * cm[0] + cm[4]) if text.strip() else None
        )
    )
    width = float(pdf.pages[0].mediabox.width)
    # right to left, the cover's short lines end at the right margin: they start far right
    # (left to right, every line starts at the left margin, 51 points in)
    assert starts and max(starts) > width / 2


def test_the_chinese_pdf_is_a4_numbered_with_bookmarks_and_the_cjk_font(reports, codes, tmp_path):
    data = report(tmp_path, "--kind", "midterm", "--language", "zh", "--format", "pdf")
    pdf = PdfReader(io.BytesIO(data))
    assert [round(float(v)) for v in pdf.pages[0].mediabox[2:]] == [595, 842]  # A4 in points
    last = len(pdf.pages)
    assert pdf.pages[-1].extract_text().strip().endswith(f"{last} / {last}")
    assert len(pdf.outline) >= len(SECTIONS)  # bookmarks from the headings
    text = "".join(page.extract_text() for page in pdf.pages)
    fonts = {f.get_object()["/BaseFont"] for f in pdf.pages[0]["/Resources"]["/Font"].values()}
    assert any("CJK" in str(font) for font in fonts)  # the Chinese font is embedded
    goals, indicators = codes
    for code in goals + indicators:
        assert code in text, code
    assert "缔约方建立了有效的国家生物安全框架" in text  # goal A.1, in Chinese


def test_the_party_listing_is_one_xlsx_sheet_and_the_csv(reports, codes, tmp_path):
    data = report(tmp_path, "--kind", "midterm", "--language", "zh", "--format", "xlsx")
    book = load_workbook(io.BytesIO(data))
    goals, indicators = codes
    assert book.sheetnames[1:15] == goals and len(book.sheetnames) == 17
    assert (book.sheetnames[0], book.sheetnames[-1]) == ("概要", "Parties")
    values = {str(c.value) for sheet in book for row in sheet.iter_rows() for c in row}
    assert set(indicators) <= values
    assert any("生物安全" in v for v in values)
    listing = [[str(c.value) for c in row] for row in book["Parties"].iter_rows(min_row=2)]
    rows = list(
        csv.reader(
            io.StringIO(
                report(tmp_path, "--kind", "midterm", "--language", "zh", "--format", "csv").decode(
                    "utf-8-sig"
                )
            )
        )
    )[1:]
    assert rows == listing
    a1a = {(r[3], r[4]) for r in rows if r[0] == "A.1(a)"}
    assert ("计为正面的缔约方", "KE") in a1a or any(p == "KE" for _g, p in a1a)
    assert {p for _g, p in a1a} >= {"KE", "CN"}


def test_the_html_says_live_data_and_demo_data(reports, tmp_path):
    html = report(tmp_path, "--kind", "midterm", "--language", "en", "--format", "html").decode()
    assert "live, not frozen" in html
    assert "Demo data." not in html  # these reports are not demo reports


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


def test_a_final_evaluation_is_refused_before_the_plans_final_cycle(
    reports, tmp_path, client, personas
):
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
    # the Secretariat generating through the web is refused the same way, and nothing is stored
    client.force_login(personas.secretariat)
    refused = client.post(
        "/evaluation/documents/generate/?cycle=5",
        {"kind": "final", "language": "en", "format": "html"},
        follow=True,
    )
    assert "final cycle (6), not before" in refused.content.decode()
    assert not StoredDocument.objects.exists()


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


def limitations(html: str) -> dict[str, str]:
    """The limitations table: indicator -> its limitation."""
    section = html[html.index('id="limitations"') : html.index('id="findings"')]
    return dict(re.findall(r"<tr><th>([^<]+)</th><td>([^<]*)</td></tr>", section))


def test_the_french_limitations_have_no_english_engine_note(reports, tmp_path):
    english = limitations(
        report(tmp_path, "--kind", "midterm", "--language", "en", "--format", "html").decode()
    )
    french = limitations(
        report(tmp_path, "--kind", "midterm", "--language", "fr", "--format", "html").decode()
    )
    # the engine's notes, worded: a manual figure not entered, records awaited (A.2(b) is
    # measured from national reports meanwhile)
    assert english["A.2(c)"] == "no figure entered"
    assert english["A.1(b)"] == english["A.5(b)"] == "awaiting clearing-house records"
    assert english["A.2(b)"] == "measured from national reports: awaiting clearing-house records"
    assert french.keys() == english.keys()
    assert [code for code in english if french[code] == english[code]] == []
    assert french["A.2(c)"] == "aucun chiffre saisi"


def test_a_note_on_records_is_worded_in_the_readers_language():
    note = "clearing-house records published on or before 2026-02-28"
    with override("fr"):
        assert note_text(note) == (
            "Mesuré à partir des fiches du Centre d'échange publiées au plus tard à la date "
            "limite du cycle, le 28 févr. 2026."
        )
    assert note_text("Secretariat survey, 2026-01-15") == "Secretariat survey, 2026-01-15"


def test_the_action_plan_tables_are_in_the_html_the_docx_and_the_pdf(reports, publish, tmp_path):  # noqa: F811
    funded = {"coreFundingSources": [{"identifier": "ORG-1"}], "totalBudget": "50000"}
    publish(
        [
            initiative("I-1", [RA], ["ke"], **funded),
            initiative("I-2", [RA], ["cn"], executingAgencies=[{"identifier": "ORG-2"}]),
        ]
    )
    for identifier, activities in (("I-1", ["A.5/(i)"]), ("I-2", ["A.5/(i)", "A.5/(ii)"])):
        InitiativeTags.objects.create(
            record=Record.objects.get(identifier=identifier), activities=activities
        )
    html = report(tmp_path, "--kind", "midterm", "--language", "en", "--format", "html").decode()
    assert 'id="capacity-activities"' in html and 'id="capacity-partners"' in html
    # hand count: A.5/(i) 2 initiatives (the budget of I-1 only), A.5/(ii) 1, A.5/(iii) none
    assert 'data-code="A.5/(i)" data-initiatives="2"><th>A.5/(i)</th>' in html
    assert "<td>2</td><td>USD 50,000</td>" in html
    word = Document(
        io.BytesIO(report(tmp_path, "--kind", "midterm", "--language", "en", "--format", "docx"))
    )
    rows = {
        t.rows[0].cells[1].text: [[c.text for c in row.cells] for row in t.rows[1:]]
        for t in word.tables
    }
    activities = {row[0]: row[2:] for row in rows["Key area or example activity"]}
    assert activities["A.5/(i)"] == ["2", "USD 50,000"]
    assert activities["A.5/(ii)"] == ["1", "USD 0"]
    assert activities["A.5/(iii)"] == ["none: uncovered", "USD 0"]
    assert rows["Organization"] == [
        ["Donor or funder", "ORG-1", "1"],
        ["Partner or implementing or executing agency", "ORG-2", "1"],
    ]
    texts = [p.text for p in word.paragraphs]
    assert (
        "0 of the 39 key capacity-building areas (0%) and 2 of the 42 example activities "
        "(4.8%) have at least one initiative." in texts
    )
    pdf = PdfReader(
        io.BytesIO(report(tmp_path, "--kind", "midterm", "--language", "en", "--format", "pdf"))
    )
    text = " ".join(" ".join(page.extract_text().split()) for page in pdf.pages)
    assert "Initiatives by key capacity-building area and example activity" in text
    assert "Main donors and partners" in text and "ORG-2" in text
