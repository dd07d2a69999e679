"""What a country profile adds from the clearing-house: the Party's records by type and, for
its own users and the Secretariat, its report checked against its records. (Its
capacity-building needs come from the capacity app, once.)"""

from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.http import HttpRequest

from cpbtracker.accounts.access import can_edit_for
from cpbtracker.lib.content import localized
from cpbtracker.parties.models import Party
from cpbtracker.records.checking import PartyConsistency, consistency, in_words
from cpbtracker.records.models import Record
from cpbtracker.records.schemas import NATIONAL, record_schemas


def record_counts(party: Party) -> list[tuple[str, str, int]]:
    """(schema, its title, how many current records) for each national schema, BCH order."""
    counts = dict(
        Record.objects.filter(government=party, current__isnull=False)
        .order_by()
        .values_list("schema")
        .annotate(n=Count("id"))
    )
    schemas = record_schemas()
    return [(key, localized(schemas[key].title), counts.get(key, 0)) for key in NATIONAL]


def profile_context(party: Party, request: HttpRequest) -> dict[str, Any]:
    """The country profile's clearing-house section: the Party's records by type and, for its
    own users and the Secretariat, its report checked against its records."""
    user = request.user
    checked: PartyConsistency | None = None
    cycle = 0
    if can_edit_for(user, party):
        cycle, found = consistency({party.iso2})
        checked = found[0] if found else None
    return {
        "party": party,
        "record_counts": record_counts(party),
        "reference_records": Record.objects.filter(
            submitted_for=party, current__isnull=False
        ).count(),
        "may_check": can_edit_for(user, party),
        "consistency": checked,
        "consistency_cycle": cycle,
        "consistency_checks": in_words(cycle, checked.checks) if checked else [],
    }
