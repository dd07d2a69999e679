"""The evaluation document as a Word file (python-docx): A4, page numbers, a table of
contents field, Word's heading styles, the web's charts as images, right to left for Arabic."""

from __future__ import annotations

import io
from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from docx import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm

from cpbtracker.evaluation.chart import SeriesChart
from cpbtracker.evaluation.document import INDICATOR_COLUMNS, EvaluationDocument, status_text
from cpbtracker.evaluation.formats import (
    DocumentWriter,
    HtmlWriter,
    cover_rows,
    section_paragraphs,
    summary_header,
    summary_rows,
)
from cpbtracker.indicators.engine.compute import Result

CJK_FONT = "Noto Sans CJK SC"  # Debian fonts-noto-cjk; first in the HTML's font list too


def chart_png(chart: SeriesChart, code: str) -> bytes:
    """The web page's SVG chart (the same template, the same figures) drawn as a PNG."""
    import cairosvg  # loads the Cairo library: only when a Word document is made

    svg = render_to_string(
        "evaluation/_series_chart.html", {"chart": chart, "code": code, "n": code}
    )
    start, end = svg.index("<svg"), svg.index("</svg>") + len("</svg>")
    markup = svg[start:end].replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1)
    markup = markup.replace('class="series"', 'font-family="DejaVu Sans" font-size="11"')
    return cairosvg.svg2png(bytestring=markup.encode(), output_width=chart.width * 2)


class DocxWriter(DocumentWriter):
    """A4, page numbers in the footer, a table-of-contents field (Word fills it on opening),
    Word's heading styles, the charts as images; right to left for Arabic."""

    def write(self, doc: EvaluationDocument) -> bytes:
        word = WordDocument()
        _page_setup(word, rtl=doc.rtl)
        word.add_paragraph(doc.title)
        word.add_heading(doc.kind, level=0)
        for label, value in cover_rows(doc):
            word.add_paragraph(f"{label}: {value}")
        if doc.demo:
            word.add_paragraph(_("Demo data.")).runs[0].bold = True
        _field(word.add_paragraph(), 'TOC \\o "1-2" \\h \\z \\u')
        word.add_page_break()
        paragraphs = section_paragraphs(HtmlWriter().write(doc).decode())
        word.add_heading(_("Introduction"), level=1)
        for text in paragraphs.get("introduction", []):
            word.add_paragraph(text)
        word.add_heading(_("Data and method"), level=1)
        for text in paragraphs.get("data-and-method", [])[:1]:
            word.add_paragraph(text)
        _table(
            word,
            [
                _("Regional group"),
                _("Parties"),
                _("Reports received"),
                _("Reports received, baseline cycle"),
                _("Received by the deadline"),
            ],
            [
                [r.name, str(r.parties), str(r.reports), str(r.baseline_reports), str(r.on_time)]
                for r in doc.received
            ],
        )
        for text in paragraphs.get("data-and-method", [])[1:]:
            word.add_paragraph(text)
        word.add_heading(_("Limitations"), level=1)
        for text in paragraphs.get("limitations", []):
            word.add_paragraph(text)
        _table(word, [_("Indicator"), _("Limitation")], [list(r) for r in doc.limitations])
        word.add_heading(_("Findings"), level=1)
        _table(word, summary_header(), summary_rows(doc))
        for goal in doc.goals:
            word.add_heading(goal.title, level=2)
            word.add_paragraph(f"{_('Status')}: {status_text(goal.view.status)}")
            word.add_paragraph(f"{_('Its indicators by status')}: {goal.counts}")
            for sentence in goal.sentences:
                word.add_paragraph(sentence)
            for title, areas in (
                (_("Areas of progress"), goal.progress),
                (_("Areas needing further work"), goal.further),
            ):
                if areas:
                    word.add_paragraph(title).runs[0].bold = True
                    for area in areas:
                        word.add_paragraph(area, style="List Bullet")
            word.add_paragraph(_("Objectives")).runs[0].bold = True
            for code, text, status, indicators in goal.objectives:
                word.add_paragraph(
                    f"{code} {text} — {status} ({_('assessed on')}: {indicators})",
                    style="List Bullet",
                )
            _table(word, [str(label) for _key, label in INDICATOR_COLUMNS], goal.table)
            charts = word.add_paragraph()
            for row, chart, _view in goal.items:
                charts.add_run().add_picture(
                    io.BytesIO(chart_png(chart, row["code"])), width=Cm(7.8)
                )
            regions = [name for name, _f in goal.view.indicators[0].regions] if goal.rows else []
            _table(
                word,
                [_("Indicator"), *regions],
                [
                    [row["code"], *(_cell(f, "value") for _n, f in view.regions)]
                    for row, _c, view in goal.items
                ],
            )
            for title, rows in goal.evidence:
                if rows:
                    word.add_paragraph(title).runs[0].bold = True
                    for label, value in rows:
                        word.add_paragraph(f"{label}: {value}", style="List Bullet")
        word.add_heading(_("The Capacity-Building Action Plan"), level=1)
        _table(word, [_("Initiatives"), _("Value")], [list(r) for r in doc.capacity])
        plan = doc.capacity_plan
        for sentence in plan.coherence:
            word.add_paragraph(sentence)
        if plan.items:
            word.add_paragraph(
                _("Initiatives by key capacity-building area and example activity")
            ).runs[0].bold = True
            _table(
                word,
                [
                    _("Code"),
                    _("Key area or example activity"),
                    _("Initiatives"),
                    _("Budget of its initiatives, each counted once (not additive across rows)"),
                ],
                [
                    [
                        line.code,
                        _("%(label)s:") % {"label": line.label} + " " + line.text
                        if line.text
                        else line.label,
                        _("none: uncovered") if line.uncovered else str(line.initiatives),
                        line.budget,
                    ]
                    for line in plan.items
                ],
            )
            word.add_paragraph(
                _(
                    "Main donors and partners: the initiatives naming each, every initiative "
                    "counted once"
                )
            ).runs[0].bold = True
            _table(
                word,
                [_("Role"), _("Organization"), _("Initiatives")],
                [[role, name, str(n)] for role, name, n in plan.organizations]
                or [[_("No initiative names a donor or partner."), "", ""]],
            )
        for goal in doc.goals:
            if goal.capacity:
                word.add_heading(goal.title, level=2)
                _table(word, [_("Key area"), _("Value")], [list(r) for r in goal.capacity])
        word.add_heading(_("Contributions"), level=1)
        for title, entries in doc.contributions or [(_("None entered yet."), [])]:
            word.add_heading(title, level=2)
            for body, text in entries:
                word.add_paragraph(body).runs[0].bold = True
                word.add_paragraph(text)
        word.add_heading(_("Conclusions and recommendations"), level=1)
        for title, text in doc.conclusions:
            word.add_heading(title, level=2)
            word.add_paragraph(text or f"[{_('To be entered by the Secretariat.')}]")
        word.add_heading(_("Annex I: methods"), level=1)
        _table(word, [_("Indicator"), _("Method")], [[p.code, p.method] for p in doc.provenance])
        word.add_heading(_("Annex II: provenance"), level=1)
        for text in paragraphs.get("annex-provenance", [])[:1]:
            word.add_paragraph(text)
        _table(
            word,
            [
                _("Indicator"),
                _("Source"),
                _("Questions"),
                _("Parties counted / population, by cycle"),
            ],
            [
                [
                    p.code,
                    p.source,
                    p.questions,
                    "; ".join(f"{c}: {n}" for c, n in p.cycles)
                    + (f"\n{p.records}" if p.records else ""),
                ]
                for p in doc.provenance
            ],
        )
        if doc.rtl:
            _right_to_left(word)
        out = io.BytesIO()
        word.save(out)
        return out.getvalue()


def _page_setup(word: Any, *, rtl: bool) -> None:
    """A4 portrait with 2 cm margins, the CJK font declared, ``page / pages`` in the footer."""
    section = word.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2))
    fonts = word.styles["Normal"].element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), CJK_FONT)  # Chinese: the CJK font the HTML and PDF use
    footer = section.footer.paragraphs[0]
    footer.alignment = 1  # centred
    _field(footer, "PAGE")
    footer.add_run(" / ")
    _field(footer, "NUMPAGES")


def _field(paragraph: Any, instruction: str) -> None:
    """A Word field (page number, table of contents) Word computes when it lays the pages out."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, instruction), ("separate", None), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _right_to_left(word: Any) -> None:
    """Arabic: every paragraph (``w:bidi``), run (``w:rtl``) and table (``w:bidiVisual``)."""
    paragraphs = list(word.paragraphs) + [
        p for t in word.tables for row in t.rows for c in row.cells for p in c.paragraphs
    ]
    for paragraph in paragraphs:
        paragraph._p.get_or_add_pPr().append(OxmlElement("w:bidi"))
        for run in paragraph.runs:
            run._r.get_or_add_rPr().append(OxmlElement("w:rtl"))
    for table in word.tables:
        table._tbl.tblPr.append(OxmlElement("w:bidiVisual"))
    word.sections[0]._sectPr.append(OxmlElement("w:bidi"))


def _cell(figure: Result | None, key: str) -> str:
    value = getattr(figure, key) if figure else None
    return "—" if value is None else f"{value:g}"


def _table(word: Any, header: list[str], rows: list[list[str]]) -> None:
    table = word.add_table(rows=1 + len(rows), cols=len(header))
    table.style = "Table Grid"
    cells = table._cells  # one read of the grid: cell lookups by row are quadratic
    width = len(header)
    for n, text in enumerate(header):
        cells[n].text = str(text)
        cells[n].paragraphs[0].runs[0].bold = True
    for r, row in enumerate(rows, start=1):
        for c, text in enumerate(row):
            cells[r * width + c].text = str(text)
