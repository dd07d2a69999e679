"""Reading records: what was current on a date, for the indicators and the pages."""

from __future__ import annotations

import datetime as dt

from cpbtracker.records.indicators import RecordRow
from cpbtracker.records.models import Revision


def records_on(day: dt.date) -> tuple[RecordRow, ...] | None:
    """Each record's latest revision published on or before ``day`` (one query); None when
    no record had been published by then."""
    rows = (
        Revision.objects.filter(status=Revision.Status.PUBLISHED, published_on__lte=day)
        .order_by("record_id", "-number")
        .values_list(
            "record_id",
            "record__identifier",
            "record__schema",
            "record__government__iso2",
            "record__submitted_for__iso2",
            "document",
        )
    )
    latest: dict[int, RecordRow] = {}
    for record_id, identifier, schema, government, submitted_for, document in rows:
        if record_id not in latest:
            latest[record_id] = RecordRow(
                identifier, schema, government or "", submitted_for or "", document
            )
    return tuple(latest.values()) or None
