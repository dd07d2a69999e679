"""A published report as a file: PDF (from its print page), XLSX and BCH JSON.

One small class per format behind a tiny base, listed once in ``DOWNLOADS``.
"""

from __future__ import annotations

import json
import mimetypes
from pathlib import Path
from typing import Any

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils.translation import get_language

from cpbtracker.reporting import offline
from cpbtracker.reporting.bch import export_document
from cpbtracker.reporting.models import ReportVersion


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
        from weasyprint import HTML  # loads Pango: only when a PDF is asked for

        html = render_to_string("reporting/print.html", context)
        return HTML(string=html, base_url="/", url_fetcher=static_files_fetcher()).write_pdf()


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


def static_file(url: str) -> Path:
    """The static file an URL of the print page names (ValueError for anything else)."""
    path = url.split("://", 1)[-1].partition("/")[2] if "://" in url else url.lstrip("/")
    found = finders.find(path.removeprefix(static("").lstrip("/"))) if path else None
    if not found:
        raise ValueError(f"not a static file: {url}")
    return Path(found)


def static_files_fetcher() -> Any:
    """WeasyPrint reads the print stylesheet from the static files and nothing from the
    network: a report's links are printed, never fetched."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticFilesFetcher(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
            found = static_file(url)
            kind = mimetypes.guess_type(found.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body=found.read_bytes(), headers={"Content-Type": kind})

    return StaticFilesFetcher()
