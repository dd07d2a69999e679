"""Reading records: what was current on a date, for the indicators and the pages."""

from __future__ import annotations

import datetime as dt

from cpbtracker.parties.models import Party
from cpbtracker.records.indicators import RecordRow
from cpbtracker.records.models import Revision


def records_on(day: dt.date) -> tuple[RecordRow, ...] | None:
    """Each record's latest revision published on or before ``day``; None when no record had
    been published by then. One query on the revisions (no sort, no join to the Parties:
    this is the indicators' scan), one on the Party codes."""
    rows = Revision.objects.filter(
        status=Revision.Status.PUBLISHED, published_on__lte=day
    ).values_list(
        "record_id",
        "number",
        "record__identifier",
        "record__schema",
        "record__government_id",
        "record__submitted_for_id",
        "document",
    )
    latest: dict[int, tuple] = {}
    for row in rows:
        kept = latest.get(row[0])
        if kept is None or kept[1] < row[1]:
            latest[row[0]] = row
    if not latest:
        return None
    codes = dict(Party.objects.values_list("pk", "iso2"))
    return tuple(
        RecordRow(identifier, schema, codes.get(gov, ""), codes.get(sub, ""), document)
        for _id, _n, identifier, schema, gov, sub, document in latest.values()
    )
