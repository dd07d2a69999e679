"""The initiatives list: filters, rows for the page and the CSV/XLSX download, donor totals.

Plain Python over :class:`Initiative` values and their tags; the views only read requests.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from cpbtracker.capacity.initiatives import Initiative
from cpbtracker.capacity.models import InitiativeTags
from cpbtracker.lib import inputs

FILTERS = ("goal", "key_area", "level", "audience", "donor", "country", "status", "year")
COLUMNS = (
    "identifier",
    "title",
    "demo",
    "level",
    "goals",
    "key_areas",
    "activities",
    "audiences",
    "countries",
    "regions",
    "global",
    "status",
    "start",
    "end",
    "budget_usd",
    "funders",
    "co_financing",
    "areas",
)


@dataclass(frozen=True)
class Listed:
    """An initiative with its tags (empty when not tagged) and demo flag."""

    initiative: Initiative
    tags: InitiativeTags | None
    demo: bool = False

    def tag(self, name: str) -> list[str]:
        return list(getattr(self.tags, name)) if self.tags else []

    @property
    def level(self) -> str:
        return self.tags.level if self.tags else ""

    def runs_in(self, year: int) -> bool:
        row = self.initiative.row
        return (row.start is None or row.start.year <= year) and (
            row.end is None or row.end.year >= year
        )


def matches(item: Listed, filters: Mapping[str, str], regions: Mapping[str, str]) -> bool:
    """Every filter given holds (an empty value does not filter)."""
    i = item.initiative
    checks = {
        "goal": lambda v: v in item.tag("goals"),
        "key_area": lambda v: v in item.tag("key_areas"),
        "level": lambda v: v == item.level,
        "audience": lambda v: v in item.tag("audiences"),
        "donor": lambda v: v.upper() in i.funders + i.co_financing,
        "country": lambda v: i.row.covers(v.upper(), regions.get(v.upper(), "")),
        "status": lambda v: v.upper() == i.status,
        "year": lambda v: item.runs_in(inputs.whole_number(v, field="year", maximum=9999)),
    }
    return all(checks[name](value) for name, value in filters.items() if value and name in checks)


def export_row(item: Listed) -> dict[str, Any]:
    i, row = item.initiative, item.initiative.row
    return {
        "identifier": i.identifier,
        "title": i.title.get("en") or next(iter(i.title.values()), ""),
        "demo": "yes" if item.demo else "",
        "level": item.level,
        "goals": " ".join(item.tag("goals")),
        "key_areas": " ".join(item.tag("key_areas")),
        "activities": " ".join(item.tag("activities")),
        "audiences": " ".join(item.tag("audiences")),
        "countries": " ".join(sorted(row.countries)),
        "regions": " ".join(sorted(row.regions)),
        "global": "yes" if row.everywhere else "",
        "status": i.status,
        "start": i.start.isoformat() if i.start else "",
        "end": i.end.isoformat() if i.end else "",
        "budget_usd": float(i.budget) if i.budget is not None else None,
        "funders": " ".join(i.funders),
        "co_financing": " ".join(i.co_financing),
        "areas": " ".join(sorted(row.areas)),
    }


@dataclass
class DonorTotal:
    funder: str  # organization record identifier ("" when none is named)
    initiatives: list[str] = field(default_factory=list)
    budget: Decimal = Decimal(0)
    meeting_needs: Decimal = Decimal(0)  # budget of its initiatives that cover a reported need
    areas: set[str] = field(default_factory=set)
    regions: set[str] = field(default_factory=set)

    @property
    def share_meeting_needs(self) -> float | None:
        if not self.budget:
            return None
        return round(float(100 * self.meeting_needs / self.budget), 1)


def donor_totals(
    items: Iterable[Listed], meeting_needs: set[str], regions: Mapping[str, str]
) -> list[DonorTotal]:
    """Per core funder: its initiatives, their whole budgets (an initiative with two funders
    counts under each), areas, regions reached, and the budget of those covering a need."""
    totals: dict[str, DonorTotal] = defaultdict(lambda: DonorTotal(""))
    for item in items:
        i = item.initiative
        reached = set(i.row.regions) | {regions.get(c, "") for c in i.row.countries} - {""}
        for funder in i.funders or ("",):
            total = totals[funder]
            total.funder = funder
            total.initiatives.append(i.identifier)
            total.areas |= i.row.areas
            total.regions |= reached | ({"*"} if i.row.everywhere else set())
            if i.budget is not None:
                total.budget += i.budget
                if i.identifier in meeting_needs:
                    total.meeting_needs += i.budget
    return sorted(totals.values(), key=lambda t: (-t.budget, t.funder))
