"""The evaluation document as a workbook (openpyxl): one sheet per part, and the
Party-by-Party listing."""

from __future__ import annotations

import io
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from cpbtracker.evaluation.document import INDICATOR_COLUMNS, EvaluationDocument, status_text
from cpbtracker.evaluation.formats import (
    DocumentWriter,
    cover_rows,
    listing_header,
    listing_rows,
    summary_header,
    summary_rows,
)

PARTIES_SHEET = "Parties"  # the Party-by-Party listing's sheet, named in the document


class XlsxWriter(DocumentWriter):
    """One sheet per part: summary, each goal, methods; the Party-by-Party listing."""

    def write(self, doc: EvaluationDocument) -> bytes:
        book = Workbook()
        summary = book.active
        summary.title = _("Summary")[:31]
        for label, value in [(doc.title, ""), (doc.kind, ""), *cover_rows(doc)]:
            summary.append([label, value])
        summary.append([])
        _sheet_rows(summary, summary_header(), summary_rows(doc))
        summary.append([doc.score_scale])
        summary.append([])
        summary.append([_("Overall conclusions")])
        for body, text in doc.overall:
            summary.append([body, text])
        for goal in doc.goals:
            sheet = book.create_sheet(goal.view.goal.code)
            sheet.append([goal.title])
            sheet.append([_("Status"), status_text(goal.view.status)])
            sheet.append([_("Its indicators by status"), goal.counts])
            for code, text, status, indicators in goal.objectives:
                sheet.append([code, status, indicators, text])
            header = [str(label) for _key, label in INDICATOR_COLUMNS] + [_("Indicator")]
            _sheet_rows(
                sheet,
                header,
                [[*cells, row["text"]] for cells, row in zip(goal.table, goal.rows, strict=True)],
            )
            for body, text in goal.contributions:
                sheet.append([body, text])
        methods = book.create_sheet(_("Methods")[:31])
        _sheet_rows(
            methods, [_("Indicator"), _("Method")], [[p.code, p.method] for p in doc.provenance]
        )
        book.create_sheet(PARTIES_SHEET)
        _sheet_rows(book[PARTIES_SHEET], listing_header(), listing_rows(doc))
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()


def _sheet_rows(sheet: Any, header: list[str], rows: list[list[Any]]) -> None:
    sheet.append([str(h) for h in header])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
