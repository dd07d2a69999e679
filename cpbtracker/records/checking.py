"""Each Party's published report checked against its current clearing-house records."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass

from django.db.models import Count

from cpbtracker.indicators.engine.rows import cycle_rows
from cpbtracker.lib.content import localized
from cpbtracker.records.consistency import Check, Holdings, check_party, overall, rules
from cpbtracker.records.models import Record, RecordTerm
from cpbtracker.records.schemas import record_schemas
from cpbtracker.reporting.form import describe_answer
from cpbtracker.reporting.models import ReportingCycle
from cpbtracker.reporting.questionnaire import load_questionnaire

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


@dataclass(frozen=True)
class CheckInWords:
    """A check as a reader sees it: the question's number and text, the answer in words and
    the record type's name, in the active language."""

    label: str
    title: str
    answer: str
    record_type: str
    check: Check


def in_words(cycle: int, checks: list[Check]) -> list[CheckInWords]:
    """``checks`` of cycle number ``cycle`` in words."""
    questionnaire = load_questionnaire(ReportingCycle.objects.get(number=cycle).schema)
    schemas = record_schemas()
    worded = []
    for check in checks:
        question = questionnaire.question(check.question)
        answer = [{"value": value} for value in check.answer]
        worded.append(
            CheckInWords(
                label=question.label,
                title=localized(question.title),
                answer=describe_answer(question, answer if question.multiple else answer[0]),
                record_type=localized(schemas[check.schema].title),
                check=check,
            )
        )
    return worded
