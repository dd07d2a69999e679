"""The evaluation document's formats: one small writer per export format, listed once. The
Word and workbook writers live in their own modules (``word``, ``workbook``), loaded with
their libraries only when a document of their format is made: a PDF's process never loads
python-docx or openpyxl (with numpy, some 30 MB)."""

from __future__ import annotations

import csv
import io
from html.parser import HTMLParser
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from cpbtracker.evaluation.document import (
    DOCUMENT_LANGUAGES,
    INDICATOR_COLUMNS,
    EvaluationDocument,
    build_document,
    status_text,
)
from cpbtracker.evaluation.evidence import Evidence


class DocumentWriter:
    """Base: the document (built in the active language) as bytes."""

    def write(self, doc: EvaluationDocument) -> bytes:
        raise NotImplementedError


class HtmlWriter(DocumentWriter):
    def write(self, doc: EvaluationDocument) -> bytes:
        return render_to_string(
            "evaluation/document.html", {"doc": doc, "columns": INDICATOR_COLUMNS}
        ).encode()


class PdfWriter(HtmlWriter):
    """The HTML rendered by WeasyPrint (local fonts only: nothing is fetched): A4, page
    numbers in the footer, bookmarks from the headings, fonts embedded as subsets."""

    def write(self, doc: EvaluationDocument) -> bytes:
        from weasyprint import HTML  # loads the Pango libraries: only when a PDF is asked for

        return HTML(string=super().write(doc).decode()).write_pdf()


class CsvWriter(DocumentWriter):
    """The Party-by-Party listing alone: one row per indicator, group and Party."""

    def write(self, doc: EvaluationDocument) -> bytes:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(listing_header())
        writer.writerows(listing_rows(doc))
        return out.getvalue().encode("utf-8-sig")  # the BOM: spreadsheets read it as UTF-8


def listing_header() -> list[str]:
    return [_("Indicator"), _("Reporting cycle"), _("Evidence"), _("Group"), _("Party")]


def listing_rows(doc: EvaluationDocument) -> list[list[Any]]:
    return [
        [p.code, doc.cycle, doc.evidence_label, group, party]
        for p in doc.provenance
        for group, parties in p.groups
        for party in parties
    ]


def cover_rows(doc: EvaluationDocument) -> list[tuple[str, str]]:
    return [
        (_("Reporting cycle"), str(doc.cycle)),
        (_("Evidence"), doc.evidence_label),
        (_("Cut-off: reports submitted on or before"), doc.as_of),
        (_("Methods file version"), doc.methods_version),
        (_("Plan data version"), doc.plan_version),
        (_("Produced on"), doc.generated),
    ]


def summary_header() -> list[str]:
    return [_("Goal"), _("Status"), _("Indicators available"), _("Its indicators by status")]


def summary_rows(doc: EvaluationDocument) -> list[list[str]]:
    return [
        [g.title, status_text(g.view.status), f"{g.view.available} / {len(g.rows)}", g.counts]
        for g in doc.goals
    ]


class _SectionParagraphs(HTMLParser):
    """Collects the text of the <p> elements of each outermost <section>, by its id (the
    paragraphs of a section nested in it count as its own)."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0  # sections nested in the one read
        self.section: str | None = None
        self.texts: dict[str, list[str]] = {}
        self.current: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "section":
            if self.section is not None:
                self.depth += 1
            else:
                self.section = dict(attrs).get("id") or ""
        elif tag == "p" and self.section is not None:
            self.current = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "section" and self.section is not None:
            if self.depth:
                self.depth -= 1
            else:
                self.section = None
        elif tag == "p" and self.current is not None and self.section is not None:
            text = " ".join("".join(self.current).split())
            if text:
                self.texts.setdefault(self.section, []).append(text)
            self.current = None

    def handle_data(self, data: str) -> None:
        if self.current is not None:
            self.current.append(data)


def section_paragraphs(html: str) -> dict[str, list[str]]:
    """The plain paragraphs (<p>) of each part of the HTML, by the part's id, read in one pass:
    their words are written once, in the template, and read back for the Word document."""
    reader = _SectionParagraphs()
    reader.feed(html)
    return reader.texts


# By format key (cpbtracker.lib.exports): the writer's dotted path, imported when asked for.
EVALUATION_WRITERS: dict[str, str] = {
    "docx": "cpbtracker.evaluation.word.DocxWriter",
    "xlsx": "cpbtracker.evaluation.workbook.XlsxWriter",
    "csv": f"{__name__}.CsvWriter",
    "html": f"{__name__}.HtmlWriter",
    "pdf": f"{__name__}.PdfWriter",
}


def document_bytes(evidence: Evidence, *, kind: str, language: str, fmt: str) -> bytes:
    """The evaluation document in ``language`` (a DOCUMENT_LANGUAGES key) and ``fmt``
    (an EVALUATION_WRITERS key)."""
    writer: DocumentWriter = import_string(EVALUATION_WRITERS[fmt])()
    with translation.override(DOCUMENT_LANGUAGES[language]):
        return writer.write(build_document(evidence, kind))
