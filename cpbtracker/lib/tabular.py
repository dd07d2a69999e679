"""Writing rows of plain values as CSV or XLSX: one small writer per format, listed once."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any, BinaryIO

from openpyxl import Workbook
from openpyxl.styles import Font

# A spreadsheet runs a text cell that starts with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula, quoted so that it stays text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _safe_row(row: dict[str, Any], columns: Sequence[str]) -> dict[str, Any]:
    return {c: safe_cell(row.get(c)) for c in columns}


class TableWriter:
    """Base: turn ``rows`` (dicts) into bytes, columns in the given order."""

    content_type: str = "application/octet-stream"
    extension: str = ""

    def write(
        self,
        rows: Iterable[dict[str, Any]],
        columns: Sequence[str],
        out: BinaryIO,
        *,
        title: str = "data",
    ) -> None:
        raise NotImplementedError


class CsvWriter(TableWriter):
    content_type = "text/csv; charset=utf-8"
    extension = "csv"

    def write(self, rows, columns, out, *, title="data"):
        text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
        writer = csv.DictWriter(text, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
        writer.writerows(_safe_row(row, columns) for row in rows)
        text.detach()


class XlsxWriter(TableWriter):
    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    extension = "xlsx"

    def write(self, rows, columns, out, *, title="data"):
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = title[:31]
        sheet.append(list(columns))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([safe_cell(row.get(c)) for c in columns])
        sheet.freeze_panes = "A2"
        workbook.save(out)


TABLE_WRITERS: dict[str, type[TableWriter]] = {"csv": CsvWriter, "xlsx": XlsxWriter}


def table_bytes(
    fmt: str, rows: Iterable[dict[str, Any]], columns: Sequence[str], *, title: str = "data"
) -> bytes:
    buffer = io.BytesIO()
    TABLE_WRITERS[fmt]().write(rows, columns, buffer, title=title)
    return buffer.getvalue()
