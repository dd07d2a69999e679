"""Reading the gap analysis' inputs from the database: a fixed handful of queries per cycle."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from cpbtracker.capacity.areas import ReportArea, report_areas
from cpbtracker.capacity.gaps import AreaGap, compute_gaps, needs_from_answers
from cpbtracker.capacity.initiatives import Initiative, initiative_row, read_initiative
from cpbtracker.capacity.listing import Listed
from cpbtracker.capacity.models import INITIATIVE_SCHEMA, InitiativeTags
from cpbtracker.parties.models import Party
from cpbtracker.records.models import Revision
from cpbtracker.reporting.models import Answer, ReportingCycle, ReportVersion, Schema
from cpbtracker.reporting.queries import published_version_parties

# What the 5th report says about capacity-building needs and support (Q112-Q124).
NEED_KEYS = tuple(f"Q{n}" for n in range(112, 125))


class CycleNotSupported(ValueError):
    """The gap analysis reads 5th-report questions; other formats do not ask them."""

    def __init__(self, cycle: ReportingCycle):
        self.cycle = cycle
        super().__init__(f"cycle {cycle.number} uses {cycle.schema}, not the 5th-report format")


def capacity_answers(cycle: ReportingCycle) -> dict[str, dict[str, object]]:
    """Party code -> its Q112-Q124 answers in its latest published report of the cycle."""
    versions = published_version_parties(cycle)
    answers: dict[str, dict[str, object]] = {code: {} for code in versions.values()}
    rows = Answer.objects.filter(version_id__in=list(versions), key__in=NEED_KEYS)
    for version_id, key, value in rows.values_list("version_id", "key", "value"):
        answers[versions[version_id]][key] = value
    return answers


def report_dates(cycle: ReportingCycle) -> dict[str, dt.date]:
    """Party code -> the day its latest published report of the cycle was submitted (the
    deadline when the version carries no date)."""
    versions = published_version_parties(cycle)
    rows = ReportVersion.objects.filter(pk__in=list(versions)).values_list("pk", "submitted_at")
    return {versions[pk]: timezone.localdate(at) if at else cycle.deadline for pk, at in rows}


def initiative_documents(day: dt.date | None = None) -> list[tuple[str, dict[str, Any], bool]]:
    """(identifier, document, is_demo) of each initiative's latest revision published on or
    before ``day`` (None: today's current revision), by identifier (one query)."""
    rows = Revision.objects.filter(
        record__schema=INITIATIVE_SCHEMA, status=Revision.Status.PUBLISHED
    )
    if day is not None:
        rows = rows.filter(published_on__lte=day)
    # unordered: sorting wide document rows in the database costs more than keeping the
    # highest revision number per record here
    latest: dict[str, tuple[int, tuple[str, dict[str, Any], bool]]] = {}
    for identifier, number, document, demo in rows.values_list(
        "record__identifier", "number", "document", "record__is_demo"
    ):
        if identifier not in latest or latest[identifier][0] < number:
            latest[identifier] = (number, (identifier, document, demo))
    return [row for _number, row in sorted(latest.values(), key=lambda v: v[1][0])]


def tags_by_identifier() -> dict[str, InitiativeTags]:
    return {t.record.identifier: t for t in InitiativeTags.objects.select_related("record").all()}


@dataclass(frozen=True)
class GapReport:
    cycle: ReportingCycle
    areas: tuple[ReportArea, ...]
    gaps: list[AreaGap]
    regions: dict[str, str]  # Party code -> UN regional group
    documents: dict[str, dict[str, Any]]  # initiatives published by the deadline
    levels: dict[str, str]  # initiative -> level tag
    reported: dict[str, dt.date]  # Party code -> the day its report was submitted

    def gap(self, value: str) -> AreaGap | None:
        return next((g for g in self.gaps if g.area == value.upper()), None)

    def initiative(self, identifier: str) -> Initiative:
        """One initiative as it stood on the deadline (read in full only when shown)."""
        return read_initiative(
            identifier, self.documents[identifier], self.levels.get(identifier, "")
        )


def gap_report(cycle: ReportingCycle) -> GapReport:
    if cycle.schema != Schema.NR5:
        raise CycleNotSupported(cycle)
    needs = {code: needs_from_answers(a) for code, a in capacity_answers(cycle).items()}
    regions = dict(Party.objects.values_list("iso2", "region"))
    levels = dict(InitiativeTags.objects.values_list("record__identifier", "level"))
    documents = {i: doc for i, doc, _demo in initiative_documents(cycle.deadline)}
    areas = report_areas()
    reported = report_dates(cycle)
    gaps = compute_gaps(
        [a.value for a in areas],
        needs,
        regions,
        [initiative_row(i, doc, levels.get(i, "")) for i, doc in documents.items()],
        cycle.deadline,
        reported,
    )
    return GapReport(cycle, areas, gaps, regions, documents, levels, reported)


def listed_initiatives() -> list[Listed]:
    """Every initiative's current revision with its plan tags, by identifier."""
    tags = tags_by_identifier()
    return [
        Listed(
            read_initiative(identifier, document, getattr(tags.get(identifier), "level", "")),
            tags.get(identifier),
            demo,
        )
        for identifier, document, demo in initiative_documents()
    ]


def record_titles(identifiers: Iterable[str]) -> dict[str, str]:
    """Title of the current revision of each record named (organizations, resources)."""
    rows = (
        Revision.objects.filter(
            record__identifier__in=set(identifiers), status=Revision.Status.PUBLISHED
        )
        .order_by("record__identifier", "number")
        .values_list("record__identifier", "title")
    )
    return {identifier: title for identifier, title in rows if title}


def latest_needs_cycle() -> ReportingCycle | None:
    """The latest cycle in the 5th-report format (the one asking Q122/Q123)."""
    return ReportingCycle.objects.filter(schema=Schema.NR5).order_by("-number").first()


@dataclass(frozen=True)
class KeyAreaCoverage:
    code: str
    text: dict[str, str]
    initiatives: list[str]  # tagged to the key area
    need: int  # Parties needing an area mapped to the key area
    uncovered: int


def key_area_coverage(key_areas: Iterable[Any]) -> list[KeyAreaCoverage]:
    """For each key area (plan rows): tagged initiatives and reported needs through the
    area mapping, in the latest 5th-report cycle."""
    cycle = latest_needs_cycle()
    report = gap_report(cycle) if cycle else None
    tagged: dict[str, list[str]] = {}
    for identifier, codes in InitiativeTags.objects.values_list("record__identifier", "key_areas"):
        for code in codes:
            tagged.setdefault(code, []).append(identifier)
    rows = []
    for key_area in key_areas:
        mapped = (
            [
                gap
                for area, gap in zip(report.areas, report.gaps, strict=True)
                if key_area.code in area.key_areas
            ]
            if report
            else []
        )
        need = set().union(*(g.need for g in mapped)) if mapped else set()
        uncovered = set().union(*(g.uncovered for g in mapped)) if mapped else set()
        rows.append(
            KeyAreaCoverage(
                key_area.code,
                key_area.text,
                sorted(tagged.get(key_area.code, [])),
                len(need),
                len(uncovered),
            )
        )
    return rows


@dataclass(frozen=True)
class PartyNeed:
    area: ReportArea
    coverage: str  # "national", "regional" (regional or global initiatives only) or ""
    initiatives: list[Initiative]  # those covering this Party for the area

    @property
    def covered(self) -> bool:
        return bool(self.coverage)


def party_needs(iso2: str) -> tuple[ReportingCycle | None, list[PartyNeed]]:
    """The areas the Party needs in the latest 5th-report cycle, each with the initiatives
    that cover it there (the gap analysis seen from one Party)."""
    cycle = latest_needs_cycle()
    if cycle is None:
        return None, []
    report = gap_report(cycle)
    region = report.regions.get(iso2, "")
    reported = report.reported.get(iso2, cycle.deadline)
    needs = []
    for area, gap in zip(report.areas, report.gaps, strict=True):
        if iso2 not in gap.need:
            continue
        shown = [report.initiative(i) for i in gap.initiatives]
        covering = [i for i in shown if i.row.covers(iso2, region) and i.row.running_on(reported)]
        coverage = (
            "national"
            if iso2 in gap.covered_nationally
            else "regional"
            if iso2 in gap.covered_regionally
            else ""
        )
        needs.append(PartyNeed(area, coverage, covering))
    return cycle, needs


def party_capacity(party: Party, request: Any = None) -> dict[str, Any]:
    """The country profile's capacity-building section: the Party's reported needs, covered or
    not, and the initiatives that cover them."""
    cycle, needs = party_needs(party.iso2)
    return {"party": party, "cycle": cycle, "needs": needs}
