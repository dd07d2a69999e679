"""Each Party's published report checked against its current clearing-house records."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass

from django.db.models import Count

from cpbtracker.indicators.engine.rows import cycle_rows
from cpbtracker.records.consistency import Check, Holdings, check_party, overall, rules
from cpbtracker.records.models import Record, RecordTerm
from cpbtracker.reporting.models import ReportingCycle

EMPTY = Holdings()


def holdings_by_party() -> dict[str, Holdings]:
    """Each Party's current national records by schema and its decisions by type (two
    grouped queries)."""
    schemas: dict[str, dict[str, int]] = defaultdict(dict)
    current = Record.objects.filter(current__isnull=False, government__isnull=False)
    for iso2, schema, n in (
        current.order_by().values_list("government__iso2", "schema").annotate(n=Count("id"))
    ):
        schemas[iso2][schema] = n
    types: dict[str, dict[str, int]] = defaultdict(dict)
    terms = RecordTerm.objects.filter(
        field="decisionTypes",
        revision__current_of__schema="biosafetyDecision",
        revision__current_of__government__isnull=False,
    )
    for iso2, identifier, n in (
        terms.order_by()
        .values_list("revision__record__government__iso2", "identifier")
        .annotate(n=Count("revision", distinct=True))
    ):
        types[iso2][identifier] = n
    return {
        iso2: Holdings(schemas.get(iso2, {}), types.get(iso2, {}))
        for iso2 in set(schemas) | set(types)
    }


@dataclass(frozen=True)
class PartyConsistency:
    iso2: str
    region: str
    checks: list[Check]

    @property
    def verdict(self) -> str:
        return overall(self.checks)


def consistency(parties: Collection[str] | None = None) -> tuple[int, list[PartyConsistency]]:
    """The latest cycle's number and, for each Party with a published report in it (all, or
    those in ``parties``), its answers checked against its current records."""
    cycle = ReportingCycle.objects.order_by("-number").first()
    if cycle is None:
        return 0, []
    rows = cycle_rows(cycle, [rule.question for rule in rules()])
    holdings = holdings_by_party()
    results = [
        PartyConsistency(
            iso2, rows.regions.get(iso2, ""), check_party(sub.answers, holdings.get(iso2, EMPTY))
        )
        for iso2, sub in sorted(rows.submissions.items())
        if parties is None or iso2 in parties
    ]
    return cycle.number, results
