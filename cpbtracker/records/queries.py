"""Reading records: what was current on a date, for the indicators and the pages."""

from __future__ import annotations

import datetime as dt

from cpbtracker.parties.models import Party
from cpbtracker.records.indicators import DOCUMENT_SCHEMAS, RecordRow
from cpbtracker.records.models import Revision


def records_on(day: dt.date) -> tuple[RecordRow, ...] | None:
    """Each record's latest revision published on or before ``day``; None when no record had
    been published by then. The indicators' scan: one query on the revisions without their
    documents, one for the documents of the schemas the measures read (no sort, no join to
    the Parties), one on the Party codes."""
    published = Revision.objects.filter(status=Revision.Status.PUBLISHED, published_on__lte=day)
    latest: dict[int, tuple] = {}
    for row in published.values_list(
        "record_id", "number", "record__schema", "record__government_id", "record__submitted_for_id"
    ):
        kept = latest.get(row[0])
        if kept is None or kept[1] < row[1]:
            latest[row[0]] = row
    if not latest:
        return None
    documents = {
        (record_id, number): document
        for record_id, number, document in published.filter(
            record__schema__in=DOCUMENT_SCHEMAS
        ).values_list("record_id", "number", "document")
    }
    codes = dict(Party.objects.values_list("pk", "iso2"))
    return tuple(
        RecordRow(
            schema, codes.get(gov, ""), codes.get(sub, ""), documents.get((record_id, number))
        )
        for record_id, number, schema, gov, sub in latest.values()
    )
