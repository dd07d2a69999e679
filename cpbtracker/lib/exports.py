"""The export formats, listed once: each with its key (the ``?format=`` value or URL segment
that asks for it), file extension, content type and the label its download link shows.

Writers, views, commands and the ``{% download_links %}`` tag read a format here; none
defines a content type or an extension of its own.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from django.http import HttpRequest
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from cpbtracker.lib import inputs

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True)
class ExportFormat:
    key: str
    extension: str
    content_type: str
    label: str | Promise
    binary: bool = False  # a command writes it to a file, never to the terminal

    def filename(self, name: str) -> str:
        """``name`` with this format's extension."""
        return f"{name}.{self.extension}"

    def labelled(self, label: str | Promise) -> ExportFormat:
        """This format under another link text (a BCH JSON document is JSON)."""
        return dataclasses.replace(self, label=label)


EXPORT_FORMATS: dict[str, ExportFormat] = {
    f.key: f
    for f in (
        ExportFormat("csv", "csv", "text/csv; charset=utf-8", _("CSV")),
        ExportFormat("xlsx", "xlsx", XLSX_CONTENT_TYPE, _("XLSX"), binary=True),
        ExportFormat("json", "json", "application/json", _("JSON")),
        # The SDMX data messages; /api/v1/sdmx/data/ asks for them as ?format=csv and xml.
        ExportFormat(
            "sdmx-csv",
            "csv",
            "application/vnd.sdmx.data+csv; version=2.0.0; charset=utf-8",
            _("SDMX-CSV"),
        ),
        ExportFormat(
            "sdmx-ml", "xml", "application/vnd.sdmx.genericdata+xml; version=2.1", _("SDMX-ML")
        ),
        ExportFormat("docx", "docx", DOCX_CONTENT_TYPE, _("DOCX"), binary=True),
        ExportFormat("pdf", "pdf", "application/pdf", _("PDF"), binary=True),
        ExportFormat("html", "html", "text/html; charset=utf-8", _("HTML")),
    )
}


def requested_format(request: HttpRequest, offered: Sequence[str]) -> str:
    """The ``?format=`` a page's visitor asks for among the keys ``offered``: "" for the page
    itself, a 400 naming the field for a format the page does not offer."""
    return inputs.choice(request.GET.get("format"), field="format", choices=tuple(offered))
