"""Table exports: a text that looks like a formula stays text in every format."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from cpbtracker.lib.tabular import TABLE_WRITERS, table_bytes

HOSTILE = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "plain"]


def exported_texts(fmt: str) -> list:
    data = table_bytes(fmt, [{"text": t, "number": -5} for t in HOSTILE], ["text", "number"])
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(data.decode())))
        return [(r["text"], r["number"]) for r in rows]
    sheet = load_workbook(io.BytesIO(data)).active
    return [(row[0].data_type, row[0].value, row[1].value) for row in sheet.iter_rows(min_row=2)]


@pytest.mark.parametrize("fmt", list(TABLE_WRITERS))
def test_no_export_format_writes_a_live_formula(fmt):
    texts = exported_texts(fmt)
    if fmt == "csv":
        assert texts == [
            ('\'=HYPERLINK("http://x","y")', "-5"),
            ("'+1+1", "-5"),
            ("'-2+3", "-5"),
            ("'@SUM(A1)", "-5"),
            ("'\t=1", "-5"),
            ("plain", "-5"),
        ]
    else:
        assert texts == [("s", t, -5) for t in HOSTILE]
