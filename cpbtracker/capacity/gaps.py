"""The gap analysis: reported capacity-building needs against the initiatives that cover them.

Plain Python, no database. For a cycle, a Party *needs* an area when its latest published
report has Q122 = Yes and Q123 includes the area. An initiative *covers* a Party with the need
when it includes the area, was published by the cycle's deadline (the caller passes only
those), started on or before the deadline (no start date: started), is not cancelled, and is
still running on the date the Party's report was submitted (end date on or after it, or no end
date): a need reported in 2023 is not met by a project that closed in 2021. A national
initiative covers the Parties it names (*national coverage*); a regional or global one covers
the Parties it names, the Parties of the regions it names, or every Party, but only as
*regional/global coverage*, counted apart. *Uncovered* = needs minus any coverage.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from cpbtracker.reporting.questionnaire import answer_values

STILL_HAS_NEEDS = "Q122"
AREAS_IN_NEED = "Q123"


@dataclass(slots=True)  # not frozen: thousands are built per analysis, plain init is faster
class InitiativeRow:
    """What the rule reads of one initiative (identifiers in upper case)."""

    identifier: str
    areas: frozenset[str]
    countries: frozenset[str] = frozenset()  # ISO alpha-2 codes
    regions: frozenset[str] = frozenset()  # UN regional group codes covered whole
    everywhere: bool = False  # a global initiative: every Party
    start: dt.date | None = None
    end: dt.date | None = None
    national: bool = True  # national in scope: the countries it names are covered nationally
    cancelled: bool = False

    def started_by(self, day: dt.date) -> bool:
        return self.start is None or self.start <= day

    def running_on(self, day: dt.date) -> bool:
        return self.end is None or self.end >= day

    def eligible(self, deadline: dt.date) -> bool:
        """May cover a need of the cycle: started by its deadline and not cancelled."""
        return not self.cancelled and self.started_by(deadline)

    def covers(self, party: str, region: str) -> bool:
        """Names the Party, one of its regions, or every Party (dates aside)."""
        return self.everywhere or party in self.countries or region in self.regions

    def covers_nationally(self, party: str) -> bool:
        return self.national and party in self.countries

    def covered_among(
        self, parties: frozenset[str], by_region: Mapping[str, frozenset[str]]
    ) -> tuple[frozenset[str], frozenset[str]]:
        """The given Parties this initiative covers: (nationally, regionally or globally)."""
        named = self.countries & parties
        if self.national:
            return named, frozenset()
        if self.everywhere:
            return frozenset(), parties
        hit = set(named)
        for region in self.regions:
            hit |= by_region.get(region, frozenset())
        return frozenset(), frozenset(hit)


@dataclass(frozen=True)
class AreaGap:
    area: str
    need: frozenset[str]
    covered_nationally: frozenset[str]
    covered_regionally: frozenset[str]  # by a regional or global initiative (maybe also national)
    initiatives: tuple[str, ...]  # those covering at least one Party with the need

    @property
    def covered(self) -> frozenset[str]:
        """Any coverage, national or regional/global."""
        return self.covered_nationally | self.covered_regionally

    @property
    def covered_regionally_only(self) -> frozenset[str]:
        return self.covered_regionally - self.covered_nationally

    @property
    def uncovered(self) -> frozenset[str]:
        return self.need - self.covered


def needs_from_answers(answers: Mapping[str, object]) -> frozenset[str]:
    """The areas a report says still need capacity-building (none unless Q122 is Yes)."""
    if answer_values(answers.get(STILL_HAS_NEEDS)) != ["true"]:
        return frozenset()
    return frozenset(v.upper() for v in answer_values(answers.get(AREAS_IN_NEED)))


def compute_gaps(
    areas: Sequence[str],
    needs: Mapping[str, frozenset[str]],
    regions: Mapping[str, str],
    initiatives: Iterable[InitiativeRow],
    deadline: dt.date,
    reported: Mapping[str, dt.date],
) -> list[AreaGap]:
    """One AreaGap per area, in the order given. ``needs``: Party -> areas it needs;
    ``regions``: Party -> UN regional group; ``reported``: Party -> the day its report was
    submitted (missing: the deadline)."""
    # index the eligible initiatives by area once: each area then visits only its own
    by_area: dict[str, list[InitiativeRow]] = {}
    for initiative in initiatives:
        if initiative.eligible(deadline):
            for area in initiative.areas:
                by_area.setdefault(area, []).append(initiative)
    gaps = []
    for area in areas:
        need = frozenset(p for p, wanted in needs.items() if area in wanted)
        by_region: dict[str, set[str]] = {}
        for party in need:
            by_region.setdefault(regions.get(party, ""), set()).add(party)
        frozen = {r: frozenset(p) for r, p in by_region.items()}
        national: set[str] = set()
        regional: set[str] = set()
        hits = []
        for initiative in by_area.get(area, []) if need else []:
            named, grouped = initiative.covered_among(need, frozen)
            if initiative.end is not None:  # still running when each Party reported
                named = frozenset(
                    p for p in named if initiative.running_on(reported.get(p, deadline))
                )
                grouped = frozenset(
                    p for p in grouped if initiative.running_on(reported.get(p, deadline))
                )
            if named or grouped:
                national |= named
                regional |= grouped
                hits.append(initiative.identifier)
        gaps.append(
            AreaGap(area, need, frozenset(national), frozenset(regional), tuple(sorted(hits)))
        )
    return gaps
