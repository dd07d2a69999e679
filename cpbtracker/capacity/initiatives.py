"""Reading a capacity-building initiative's BCH document: plain Python, no database.

The document is the clearing-house record as stored; the plan tags (goals, key areas, level,
...) are the product's own and arrive separately.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from cpbtracker.capacity.areas import initiative_terms, region_groups
from cpbtracker.capacity.gaps import InitiativeRow
from cpbtracker.records.documents import identifiers

GLOBAL_LEVEL = "global"
NATIONAL_LEVEL = "national"


def _date(value: Any) -> dt.date | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def budget_of(document: Mapping[str, Any]) -> Decimal | None:
    """The total budget in USD (entered as text; separators and spaces ignored)."""
    raw = str(document.get("totalBudget") or "").replace(",", "").replace(" ", "")
    try:
        amount = Decimal(raw)
    except InvalidOperation:
        return None
    return amount if amount.is_finite() and amount >= 0 else None


def unique_budget(budgets: Mapping[str, Decimal | None], identifiers: Iterable[str]) -> Decimal:
    """The unique total of the initiatives named: each one's budget counted once, however
    many areas, key areas, funders or goals it appears under (no budget: nothing)."""
    return sum((budgets.get(i) or Decimal(0) for i in set(identifiers)), Decimal(0))


def budget_total(initiatives: Iterable[Initiative]) -> Decimal:
    """:func:`unique_budget` of these initiatives."""
    budgets = {i.identifier: i.budget for i in initiatives}
    return unique_budget(budgets, budgets)


def initiative_row(identifier: str, document: Mapping[str, Any], level: str = "") -> InitiativeRow:
    """What the gap rule reads: areas, dates, status, and the countries and UN regional groups
    named in ``countryRegions``; global when it names a group standing for every Party or when
    the plan tag says the level is global.

    National in scope (its countries covered nationally) when the document's
    ``geographicScope`` is national, sub-national or community; without a scope, when the plan
    tag says national; without either, when it names one country and no group."""
    groups = region_groups()
    terms = initiative_terms()
    countries: set[str] = set()
    regions: set[str] = set()
    everywhere = level == GLOBAL_LEVEL
    named_group = False
    for code in identifiers(document.get("countryRegions")):
        if code in groups:
            members = groups[code]
            named_group = True
            everywhere = everywhere or members is None
            regions |= members or set()
        elif len(code) == 2:
            countries.add(code)
    scope = next(iter(identifiers(document.get("geographicScope"))), "")
    if scope:
        national = scope in terms.national_scopes
    elif level:
        national = level == NATIONAL_LEVEL
    else:
        national = len(countries) == 1 and not named_group
    status = next(iter(identifiers(document.get("status"))), "")
    areas = {
        area
        for term in identifiers(document.get("cpbThematicAreas"))
        for area in terms.thematic_areas.get(term, (term,))
    }
    return InitiativeRow(
        identifier,
        frozenset(areas),
        frozenset(countries),
        frozenset(regions),
        everywhere,
        _date(document.get("startDate")),
        _date(document.get("endDate")),
        national=national and not everywhere,
        cancelled=status in terms.cancelled_statuses,
    )


@dataclass(frozen=True)
class Initiative:
    """The fields people look for, read from the document."""

    identifier: str
    title: Mapping[str, str]
    status: str
    start: dt.date | None
    end: dt.date | None
    budget: Decimal | None
    funders: tuple[str, ...]  # organization record identifiers (core funding)
    co_financing: tuple[str, ...]
    implementing: tuple[str, ...]
    executing: tuple[str, ...]
    partners: tuple[str, ...]
    target_groups: tuple[str, ...]
    materials: tuple[str, ...]  # resource record identifiers
    outputs: tuple[Mapping[str, Any], ...]  # links with their language
    results: Mapping[str, str]
    lessons: Mapping[str, str]
    row: InitiativeRow

    @property
    def years(self) -> range:
        """Calendar years it runs (empty when a date is missing)."""
        if self.start is None or self.end is None:
            return range(0)
        return range(self.start.year, self.end.year + 1)


def _text(value: Any) -> Mapping[str, str]:
    return value if isinstance(value, dict) else {}


def read_initiative(identifier: str, document: Mapping[str, Any], level: str = "") -> Initiative:
    row = initiative_row(identifier, document, level)
    outputs = document.get("resultsOutputs")
    return Initiative(
        identifier=identifier,
        title=_text(document.get("title")),
        status=next(iter(identifiers(document.get("status"))), ""),
        start=row.start,
        end=row.end,
        budget=budget_of(document),
        funders=tuple(identifiers(document.get("coreFundingSources"))),
        co_financing=tuple(identifiers(document.get("coFinancingSources"))),
        implementing=tuple(identifiers(document.get("implementingAgencies"))),
        executing=tuple(identifiers(document.get("executingAgencies"))),
        partners=tuple(identifiers(document.get("collaboratingPartners"))),
        target_groups=tuple(identifiers(document.get("targetGroups"))),
        materials=tuple(identifiers(document.get("resultsReference"))),
        outputs=tuple(o for o in outputs if isinstance(o, dict))
        if isinstance(outputs, list)
        else (),
        results=_text(document.get("resultsAchievements")),
        lessons=_text(document.get("bestPractices")),
        row=row,
    )
