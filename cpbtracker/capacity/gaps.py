"""The gap analysis: reported capacity-building needs against the initiatives that cover them.

Plain Python, no database. For a cycle, a Party *needs* an area when its latest published
report has Q122 = Yes and Q123 includes the area. A Party with the need is *covered* when at
least one initiative published by the cycle's deadline includes the area, covers the Party
(names it, names one of its regions, or is global) and runs during the reporting period (start
and end dates overlap it; a missing date is open-ended). *Uncovered* = needs minus covered.
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

    def runs_during(self, start: dt.date, end: dt.date) -> bool:
        return (self.start is None or self.start <= end) and (self.end is None or self.end >= start)

    def covers(self, party: str, region: str) -> bool:
        return self.everywhere or party in self.countries or region in self.regions

    def covered_among(
        self, parties: frozenset[str], by_region: Mapping[str, frozenset[str]]
    ) -> frozenset[str]:
        """The given Parties this initiative covers."""
        if self.everywhere:
            return parties
        hit = self.countries & parties
        for region in self.regions:
            hit |= by_region.get(region, frozenset())
        return hit


@dataclass(frozen=True)
class AreaGap:
    area: str
    need: frozenset[str]
    covered: frozenset[str]
    initiatives: tuple[str, ...]  # those covering at least one Party with the need

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
    period: tuple[dt.date, dt.date],
) -> list[AreaGap]:
    """One AreaGap per area, in the order given. ``needs``: Party -> areas it needs;
    ``regions``: Party -> UN regional group."""
    # index the running initiatives by area once: each area then visits only its own
    by_area: dict[str, list[InitiativeRow]] = {}
    for initiative in initiatives:
        if initiative.runs_during(*period):
            for area in initiative.areas:
                by_area.setdefault(area, []).append(initiative)
    gaps = []
    for area in areas:
        need = frozenset(p for p, wanted in needs.items() if area in wanted)
        by_region: dict[str, set[str]] = {}
        for party in need:
            by_region.setdefault(regions.get(party, ""), set()).add(party)
        frozen = {r: frozenset(p) for r, p in by_region.items()}
        covered: set[str] = set()
        hits = []
        for initiative in by_area.get(area, []) if need else []:
            reached = initiative.covered_among(need, frozen)
            if reached:
                covered |= reached
                hits.append(initiative.identifier)
        gaps.append(AreaGap(area, need, frozenset(covered), tuple(sorted(hits))))
    return gaps
