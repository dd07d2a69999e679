"""A file sent as a download (``Content-Disposition: attachment``)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse

from cpbtracker.lib.tabular import TABLE_WRITERS, table_bytes


def attachment(data: bytes, *, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def table_download(
    fmt: str,
    rows: Iterable[dict[str, Any]],
    columns: Sequence[str],
    *,
    name: str,
    title: str = "data",
) -> HttpResponse:
    """Rows as a CSV or XLSX download named ``name`` plus the format's extension."""
    writer = TABLE_WRITERS[fmt]
    return attachment(
        table_bytes(fmt, rows, columns, title=title),
        content_type=writer.content_type,
        filename=f"{name}.{writer.extension}",
    )
