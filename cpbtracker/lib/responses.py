"""File downloads: one way to send bytes as an attachment with its file name."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse

from cpbtracker.lib.tabular import TABLE_WRITERS, table_bytes


def attachment(data: bytes | str, *, content_type: str, filename: str) -> HttpResponse:
    """A response the browser saves as ``filename`` instead of showing it."""
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def table_attachment(
    fmt: str, rows: Iterable[Any], columns: Sequence[Any], *, name: str, title: str = "data"
) -> HttpResponse:
    """A table as a CSV or XLSX download named ``name.<extension>``."""
    writer = TABLE_WRITERS[fmt]
    return attachment(
        table_bytes(fmt, rows, columns, title=title),
        content_type=writer.content_type,
        filename=f"{name}.{writer.extension}",
    )
