"""Writing exports: a JSON document, or rows of plain values as CSV or XLSX; one small writer
per format, listed once (the formats themselves are listed in :mod:`cpbtracker.lib.exports`)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any, BinaryIO

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

# A cell starting with one of these is a formula to a spreadsheet (formula injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """A text that a spreadsheet would run as a formula gets the CSV convention's apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def cells_as_text(sheet: Worksheet) -> None:
    """Store every text cell as text: openpyxl writes a string starting with '=' as a formula."""
    for row in sheet.iter_rows():
        for cell in row:
            if cell.data_type == "f":
                cell.data_type = "s"


class TableWriter:
    """Base: turn ``rows`` (dicts) into bytes, columns in the given order."""

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
    def write(self, rows, columns, out, *, title="data"):
        text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
        writer = csv.DictWriter(text, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
        writer.writerows({c: csv_cell(row.get(c)) for c in columns} for row in rows)
        text.detach()


class XlsxWriter(TableWriter):
    def write(self, rows, columns, out, *, title="data"):
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = title[:31]
        sheet.append(list(columns))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([row.get(c) for c in columns])
        cells_as_text(sheet)
        sheet.freeze_panes = "A2"
        workbook.save(out)


# By format key (cpbtracker.lib.exports).
TABLE_WRITERS: dict[str, type[TableWriter]] = {"csv": CsvWriter, "xlsx": XlsxWriter}
TABLE_FORMATS = tuple(TABLE_WRITERS)


def table_bytes(
    fmt: str, rows: Iterable[dict[str, Any]], columns: Sequence[str], *, title: str = "data"
) -> bytes:
    buffer = io.BytesIO()
    TABLE_WRITERS[fmt]().write(rows, columns, buffer, title=title)
    return buffer.getvalue()


class DocumentWriter:
    """Base: turn one JSON-able document (the shape the CLI and the API share) into bytes."""

    def write(self, document: Any, out: BinaryIO) -> None:
        raise NotImplementedError


class JsonWriter(DocumentWriter):
    def write(self, document: Any, out: BinaryIO) -> None:
        out.write(json.dumps(document, ensure_ascii=False, indent=2).encode() + b"\n")


# By format key (cpbtracker.lib.exports).
DATA_DOCUMENT_WRITERS: dict[str, type[DocumentWriter]] = {"json": JsonWriter}
# What export_bytes writes: a command's --format choices.
DATA_FORMATS = (*DATA_DOCUMENT_WRITERS, *TABLE_FORMATS)


def document_bytes(fmt: str, document: Any) -> bytes:
    buffer = io.BytesIO()
    DATA_DOCUMENT_WRITERS[fmt]().write(document, buffer)
    return buffer.getvalue()


def json_bytes(document: Any) -> bytes:
    """UTF-8 JSON, indented, ending with a newline: how every JSON export is written."""
    return document_bytes("json", document)


def export_bytes(
    fmt: str,
    *,
    document: Callable[[], Any],
    rows: Callable[[], Iterable[dict[str, Any]]],
    columns: Sequence[str],
    title: str = "data",
) -> bytes:
    """One export in any of DATA_FORMATS: the document for a document format, else the rows."""
    if fmt in DATA_DOCUMENT_WRITERS:
        return document_bytes(fmt, document())
    return table_bytes(fmt, rows(), columns, title=title)
