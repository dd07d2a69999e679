"""File downloads: one way to send bytes as an attachment with its file name."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse

from cpbtracker.lib.exports import EXPORT_FORMATS
from cpbtracker.lib.tabular import table_bytes


def attachment(data: bytes | str, *, content_type: str, filename: str) -> HttpResponse:
    """A response the browser saves as ``filename`` instead of showing it."""
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def table_attachment(
    fmt: str, rows: Iterable[Any], columns: Sequence[Any], *, name: str, title: str = "data"
) -> HttpResponse:
    """A table as a CSV or XLSX download named ``name.<extension>``."""
    return format_attachment(fmt, table_bytes(fmt, rows, columns, title=title), name=name)


def format_attachment(fmt: str, data: bytes | str, *, name: str) -> HttpResponse:
    """``data`` written in the export format ``fmt``, as a download named ``name.<extension>``."""
    export_format = EXPORT_FORMATS[fmt]
    return attachment(
        data, content_type=export_format.content_type, filename=export_format.filename(name)
    )
