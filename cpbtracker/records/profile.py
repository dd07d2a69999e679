"""What a country profile adds from the clearing-house and the reports: the Party's records
by type, its capacity-building needs (Q122/Q123 of its latest published report) and, for its
own users and the Secretariat, its report checked against its records."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count

from cpbtracker.accounts.access import User, can_edit_for
from cpbtracker.lib.content import localized
from cpbtracker.parties.models import Party
from cpbtracker.records.checking import PartyConsistency, consistency, in_words
from cpbtracker.records.models import Record
from cpbtracker.records.schemas import NATIONAL, record_schemas
from cpbtracker.reporting.form import describe_answer
from cpbtracker.reporting.models import ReportingCycle, Schema
from cpbtracker.reporting.queries import published_versions
from cpbtracker.reporting.questionnaire import load_questionnaire

NEEDS, NEED_AREAS = "Q122", "Q123"


@dataclass(frozen=True)
class Needs:
    cycle: int
    has_needs: str
    areas: list[str]


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


def capacity_needs(party: Party) -> Needs | None:
    """Q122/Q123 in words, from the Party's latest published 5th-format report."""
    for cycle in ReportingCycle.objects.filter(schema=Schema.NR5).order_by("-number"):
        versions = published_versions(cycle, party)
        if versions:
            answers = versions[0].answers_dict()
            questionnaire = load_questionnaire(cycle.schema)
            areas = describe_answer(questionnaire.question(NEED_AREAS), answers.get(NEED_AREAS))
            return Needs(
                cycle=cycle.number,
                has_needs=describe_answer(questionnaire.question(NEEDS), answers.get(NEEDS)),
                areas=[a for a in areas.split("; ") if a],
            )
    return None


def profile_context(party: Party, user: User) -> dict[str, Any]:
    checked: PartyConsistency | None = None
    cycle = 0
    if can_edit_for(user, party):
        cycle, found = consistency({party.iso2})
        checked = found[0] if found else None
    return {
        "record_counts": record_counts(party),
        "reference_records": Record.objects.filter(
            submitted_for=party, current__isnull=False
        ).count(),
        "needs": capacity_needs(party),
        "may_check": can_edit_for(user, party),
        "consistency": checked,
        "consistency_cycle": cycle,
        "consistency_checks": in_words(cycle, checked.checks) if checked else [],
    }
