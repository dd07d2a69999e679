"""A published report as a file: PDF (from its print page), XLSX and BCH JSON.

One small class per format behind a tiny base, listed once in ``DOWNLOADS``.
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.translation import get_language

from cpbtracker.reporting import offline
from cpbtracker.reporting.bch import export_document
from cpbtracker.reporting.models import ReportVersion

PRINT_CSS = "reporting/print.css"


class ReportDownload:
    """Base: the bytes of one published version in a file format."""

    extension: str = ""
    content_type: str = "application/octet-stream"

    def render(self, version: ReportVersion, context: dict[str, Any]) -> bytes:
        raise NotImplementedError


class PdfDownload(ReportDownload):
    """The print page, laid out by WeasyPrint on the server."""

    extension = "pdf"
    content_type = "application/pdf"

    def render(self, version, context):
        from weasyprint import CSS, HTML  # loads Pango: only when a PDF is asked for

        # The stylesheet is read from the package, not fetched: the page links nothing else
        # (the sanitizer lets no image through), so the server makes no request at all.
        html = render_to_string("reporting/print.html", {**context, "for_pdf": True})
        stylesheet = CSS(filename=finders.find(PRINT_CSS))
        return HTML(string=html).write_pdf(stylesheets=[stylesheet])


class XlsxDownload(ReportDownload):
    extension = "xlsx"
    content_type = offline.CONTENT_TYPE

    def render(self, version, context):
        return offline.export_workbook(version, language=get_language())


class BchJsonDownload(ReportDownload):
    extension = "json"
    content_type = "application/json"

    def render(self, version, context):
        return json.dumps(export_document(version), ensure_ascii=False, indent=2).encode()


DOWNLOADS: dict[str, type[ReportDownload]] = {
    "pdf": PdfDownload,
    "xlsx": XlsxDownload,
    "json": BchJsonDownload,
}
