"""A published report as a file: PDF (from its print page), XLSX and BCH JSON.

One small class per export format behind a tiny base, listed once in ``DOWNLOADS``.
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from cpbtracker.lib.exports import EXPORT_FORMATS, ExportFormat
from cpbtracker.reporting import offline
from cpbtracker.reporting.bch import export_document
from cpbtracker.reporting.models import ReportVersion

PRINT_CSS = "reporting/print.css"


class ReportDownload:
    """Base: the bytes of one published version in an export format."""

    format: ExportFormat

    def render(self, version: ReportVersion, context: dict[str, Any]) -> bytes:
        raise NotImplementedError


class PdfDownload(ReportDownload):
    """The print page, laid out by WeasyPrint on the server."""

    format = EXPORT_FORMATS["pdf"]

    def render(self, version, context):
        from weasyprint import CSS, HTML  # loads Pango: only when a PDF is asked for

        # The stylesheet is read from the package, not fetched: the page links nothing else
        # (the sanitizer lets no image through), so the server makes no request at all.
        html = render_to_string("reporting/print.html", {**context, "for_pdf": True})
        stylesheet = CSS(filename=finders.find(PRINT_CSS))
        return HTML(string=html).write_pdf(stylesheets=[stylesheet])


class XlsxDownload(ReportDownload):
    format = EXPORT_FORMATS["xlsx"]

    def render(self, version, context):
        return offline.export_workbook(version, language=get_language())


class BchJsonDownload(ReportDownload):
    format = EXPORT_FORMATS["json"].labelled(_("BCH JSON"))

    def render(self, version, context):
        return json.dumps(export_document(version), ensure_ascii=False, indent=2).encode()


# By format key: the last segment of the download's URL.
DOWNLOADS: dict[str, type[ReportDownload]] = {
    d.format.key: d for d in (PdfDownload, XlsxDownload, BchJsonDownload)
}
DOWNLOAD_FORMATS = [d.format for d in DOWNLOADS.values()]
