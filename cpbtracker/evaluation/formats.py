"""The evaluation document's formats: one small writer per format, listed once."""

from __future__ import annotations

import io

from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from docx import Document as WordDocument
from docx.oxml.ns import qn
from openpyxl import Workbook
from openpyxl.styles import Font

from cpbtracker.evaluation.document import (
    INDICATOR_COLUMNS,
    PROVENANCE_GROUPS,
    EvaluationDocument,
    status_text,
)

CJK_FONT = "Noto Sans CJK SC"  # Debian fonts-noto-cjk; first in the HTML's font list too


class DocumentWriter:
    """Base: the document (built in the active language) as bytes."""

    content_type = "application/octet-stream"
    extension = ""

    def write(self, doc: EvaluationDocument) -> bytes:
        raise NotImplementedError


class HtmlWriter(DocumentWriter):
    content_type = "text/html; charset=utf-8"
    extension = "html"

    def write(self, doc: EvaluationDocument) -> bytes:
        return render_to_string(
            "evaluation/document.html",
            {
                "doc": doc,
                "language": get_language(),
                "columns": INDICATOR_COLUMNS,
                "groups": PROVENANCE_GROUPS.values(),
            },
        ).encode()


class PdfWriter(HtmlWriter):
    """The HTML rendered by WeasyPrint (local fonts only: nothing is fetched)."""

    content_type = "application/pdf"
    extension = "pdf"

    def write(self, doc: EvaluationDocument) -> bytes:
        from weasyprint import HTML  # loads the Pango libraries: only when a PDF is asked for

        return HTML(string=super().write(doc).decode()).write_pdf()


class DocxWriter(DocumentWriter):
    content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    extension = "docx"

    def write(self, doc: EvaluationDocument) -> bytes:
        word = WordDocument()
        # Chinese text: declare the CJK font the HTML and PDF use (Word falls back if absent).
        word.styles["Normal"].element.get_or_add_rPr().get_or_add_rFonts().set(
            qn("w:eastAsia"), CJK_FONT
        )
        word.add_paragraph(doc.title)
        word.add_heading(doc.kind, level=0)
        for label, value in _cover(doc):
            word.add_paragraph(f"{label}: {value}")
        if doc.demo:
            word.add_paragraph(_("Demo data.")).runs[0].bold = True
        word.add_page_break()
        word.add_heading(_("Summary"), level=1)
        _table(word, _summary_header(), _summary(doc))
        word.add_paragraph(doc.score_scale)
        word.add_heading(_("Overall conclusions"), level=1)
        for body, text in doc.overall or [(_("None entered yet."), "")]:
            word.add_paragraph(body).runs[0].bold = True
            if text:
                word.add_paragraph(text)
        for goal in doc.goals:
            word.add_heading(goal.title, level=1)
            word.add_paragraph(f"{_('Status')}: {status_text(goal.view.status)}")
            word.add_paragraph(f"{_('Its indicators by status')}: {goal.counts}")
            word.add_heading(_("Objectives"), level=2)
            for code, text, status, indicators in goal.objectives:
                word.add_paragraph(
                    f"{code} {text} — {status} ({_('assessed on')}: {indicators})",
                    style="List Bullet",
                )
            word.add_heading(_("Indicators"), level=2)
            _table(word, [str(label) for _key, label in INDICATOR_COLUMNS], goal.table)
            for row, _chart, view in goal.items:
                word.add_heading(f"{row['code']} {row['text']}", level=3)
                _table(
                    word,
                    [_("Reporting cycle"), _("Year"), _("Value")],
                    [[str(c), str(y), "—" if v is None else f"{v:g}"] for c, y, v in view.series],
                )
                _table(
                    word,
                    [_("Region"), _("Value"), _("Baseline")],
                    [
                        [name, _cell(f, "value"), _cell(f, "baseline_value")]
                        for name, f in view.regions
                    ],
                )
            for title, rows in goal.evidence:
                word.add_heading(title, level=2)
                for label, value in rows or [(_("None recorded in this installation."), "")]:
                    word.add_paragraph(f"{label} {value}".strip())
            word.add_heading(_("Contributions"), level=2)
            for body, text in goal.contributions or [(_("None entered yet."), "")]:
                word.add_paragraph(body).runs[0].bold = True
                if text:
                    word.add_paragraph(text)
        word.add_heading(_("Annex I: methods"), level=1)
        _table(word, [_("Indicator"), _("Method")], [[p.code, p.method] for p in doc.provenance])
        word.add_heading(_("Annex II: provenance of every number"), level=1)
        _table(word, _provenance_header(), _provenance_rows(doc))
        out = io.BytesIO()
        word.save(out)
        return out.getvalue()


class XlsxWriter(DocumentWriter):
    """One sheet per part: summary, each goal, methods, provenance."""

    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    extension = "xlsx"

    def write(self, doc: EvaluationDocument) -> bytes:
        book = Workbook()
        summary = book.active
        summary.title = _("Summary")[:31]
        for label, value in [(doc.title, ""), (doc.kind, ""), *_cover(doc)]:
            summary.append([label, value])
        summary.append([])
        _sheet_rows(summary, _summary_header(), _summary(doc))
        summary.append([doc.score_scale])
        summary.append([])
        summary.append([_("Overall conclusions")])
        for body, text in doc.overall:
            summary.append([body, text])
        for goal in doc.goals:
            sheet = book.create_sheet(goal.view.goal.code)
            sheet.append([goal.title])
            sheet.append([_("Status"), status_text(goal.view.status)])
            sheet.append([_("Its indicators by status"), goal.counts])
            for code, text, status, indicators in goal.objectives:
                sheet.append([code, status, indicators, text])
            header = [str(label) for _key, label in INDICATOR_COLUMNS] + [_("Indicator")]
            _sheet_rows(
                sheet,
                header,
                [[*cells, row["text"]] for cells, row in zip(goal.table, goal.rows, strict=True)],
            )
            for body, text in goal.contributions:
                sheet.append([body, text])
        methods = book.create_sheet(_("Methods")[:31])
        _sheet_rows(
            methods, [_("Indicator"), _("Method")], [[p.code, p.method] for p in doc.provenance]
        )
        provenance = book.create_sheet(_("Provenance")[:31])
        _sheet_rows(provenance, _provenance_header(), _provenance_rows(doc))
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()


def _cover(doc: EvaluationDocument) -> list[tuple[str, str]]:
    return [
        (_("Reporting cycle"), str(doc.cycle)),
        (_("Evidence"), doc.evidence_label),
        (_("Cut-off: reports submitted on or before"), doc.as_of),
        (_("Methods file version"), doc.methods_version),
        (_("Plan data version"), doc.plan_version),
        (_("Produced on"), doc.generated),
    ]


def _summary_header() -> list[str]:
    return [_("Goal"), _("Status"), _("Indicators available"), _("Its indicators by status")]


def _summary(doc: EvaluationDocument) -> list[list[str]]:
    return [
        [g.title, status_text(g.view.status), f"{g.view.available} / {len(g.rows)}", g.counts]
        for g in doc.goals
    ]


def _provenance_header() -> list[str]:
    return [
        _("Indicator"),
        _("Source"),
        _("Questions"),
        *map(str, PROVENANCE_GROUPS.values()),
        _("Report versions"),
    ]


def _provenance_rows(doc: EvaluationDocument) -> list[list[str]]:
    return [
        [p.code, p.source, p.questions, *(parties for _g, parties in p.groups), p.versions]
        for p in doc.provenance
    ]


def _cell(figure, key: str) -> str:
    value = figure[key] if figure else None
    return "—" if value is None else f"{value:g}"


def _table(word, header: list[str], rows: list[list[str]]) -> None:
    table = word.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = str(text)
        cell.paragraphs[0].runs[0].bold = True
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = str(text)


def _sheet_rows(sheet, header: list[str], rows: list[list[str]]) -> None:
    sheet.append([str(h) for h in header])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)


DOCUMENT_WRITERS: dict[str, type[DocumentWriter]] = {
    "docx": DocxWriter,
    "xlsx": XlsxWriter,
    "html": HtmlWriter,
    "pdf": PdfWriter,
}
