"""Synthetic demo initiatives: tagged to the plan, across goals, regions and donors.

Every initiative made here is a clearing-house record flagged ``is_demo`` and titled as demo;
its 5th-report areas, countries or regions, dates, budget and funders are drawn at random
(seeded), and its plan tags follow the area mapping. None of it describes a real project.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db import transaction

from cpbtracker.capacity.areas import region_groups, report_areas
from cpbtracker.capacity.models import (
    INITIATIVE_SCHEMA,
    Audience,
    InitiativeTags,
    Level,
    ProviderType,
)
from cpbtracker.parties.models import Party, Treaty
from cpbtracker.parties.queries import parties_on
from cpbtracker.plan.models import CapacityActivity, Goal
from cpbtracker.records.bch import CheckedRecord, store_published
from cpbtracker.records.models import Record

PREFIX = "DEMO-CBI-"
DEMO_NOTE = {"en": "Synthetic demo initiative: not real data.", "zh": "合成演示举措：非真实数据。"}
LEVELS = (Level.NATIONAL,) * 5 + (Level.SUBREGIONAL,) + (Level.REGIONAL,) * 3 + (Level.GLOBAL,)
FUNDERS = 12  # demo donor organizations
FIRST_START, LAST_PUBLISHED = dt.date(2016, 1, 1), dt.date(2025, 12, 31)


def _where(level: str, parties: list[Party], rng: random.Random) -> list[str]:
    if level == Level.GLOBAL:
        return [next(k for k, v in region_groups().items() if v is None)]
    if level == Level.REGIONAL:
        return [rng.choice(sorted(k for k, v in region_groups().items() if v))]
    if level == Level.SUBREGIONAL:
        region = rng.choice(parties).region
        same = [p for p in parties if p.region == region]
        return [p.iso2.lower() for p in rng.sample(same, min(len(same), rng.randint(2, 5)))]
    return [p.iso2.lower() for p in rng.sample(parties, rng.randint(1, 2))]


def _dates(rng: random.Random) -> dict[str, str]:
    start = FIRST_START + dt.timedelta(days=rng.randint(0, 9 * 365))
    dates = {"startDate": start.isoformat()}
    if rng.random() > 0.1:  # a few are open-ended
        dates["endDate"] = (start + dt.timedelta(days=rng.randint(180, 4 * 365))).isoformat()
    return dates


def _document(n: int, rng: random.Random, parties, funders, level, areas) -> dict[str, Any]:
    document: dict[str, Any] = {
        "header": {
            "identifier": f"{PREFIX}{n:04d}",
            "schema": INITIATIVE_SCHEMA,
            "languages": ["en", "zh"],
        },
        "title": {
            "en": f"Demo capacity-building initiative {n}",
            "zh": f"演示能力建设举措 {n}",
        },
        "countryRegions": [{"identifier": w} for w in _where(level, parties, rng)],
        "cpbThematicAreas": [{"identifier": a.value} for a in areas],
        "totalBudget": str(rng.randrange(20_000, 2_000_000, 5_000)),
        "coreFundingSources": [{"identifier": rng.choice(funders)}],
        "relevantInformation": DEMO_NOTE,
        **_dates(rng),
    }
    if rng.random() < 0.3:
        document["coFinancingSources"] = [{"identifier": rng.choice(funders)}]
    return document


def _tags(record: Record, level: str, areas, activities, rng: random.Random) -> InitiativeTags:
    goals = sorted({g for a in areas for g in a.goals})
    key_areas = sorted({k for a in areas for k in a.key_areas})
    choices = sorted({c for g in goals for c in activities.get(g, [])})
    return InitiativeTags(
        record=record,
        goals=goals,
        key_areas=key_areas,
        activities=sorted(rng.sample(choices, min(len(choices), 2))),
        level=level,
        provider_types=sorted(rng.sample(ProviderType.values, 2)),
        audiences=sorted(rng.sample(Audience.values, 2)),
    )


@transaction.atomic
def load_demo_initiatives(*, seed: int = 2021, count: int = 80) -> int:
    """Replace the demo initiatives (and their demo funders) with a fresh synthetic set."""
    Record.objects.filter(is_demo=True, identifier__startswith=PREFIX).delete()
    parties = list(parties_on(Treaty.CP, LAST_PUBLISHED))
    if not parties:
        return 0
    rng = random.Random(seed)
    mapped = [a for a in report_areas() if a.goals]
    activities = {
        g.code: [a.code for a in CapacityActivity.objects.filter(capacity_set=g.capacity_set)]
        for g in Goal.objects.select_related("capacity_set")
    }
    funders = [f"{PREFIX}FUNDER-{n:02d}" for n in range(1, FUNDERS + 1)]
    planned = [
        (
            CheckedRecord(
                "demo",
                "organization",
                funder,
                None,
                {
                    "header": {"identifier": funder, "schema": "organization"},
                    "name": {"en": f"Demo donor {funder[-2:]}", "zh": f"演示捐助方 {funder[-2:]}"},
                },
                is_demo=True,
            ),
            1,
            FIRST_START,
        )
        for funder in funders
    ]
    chosen = {}
    for n in range(1, count + 1):
        level, areas = rng.choice(LEVELS), rng.sample(mapped, rng.randint(1, 3))
        document = _document(n, rng, parties, funders, level, areas)
        start = dt.date.fromisoformat(document["startDate"])
        published = min(start + dt.timedelta(days=rng.randint(0, 400)), LAST_PUBLISHED)
        record = CheckedRecord(
            "demo",
            INITIATIVE_SCHEMA,
            document["header"]["identifier"],
            None,
            document,
            is_demo=True,
        )
        planned.append((record, 1, published))
        chosen[record.identifier] = (level, areas)
    store_published(planned, {})
    records = Record.objects.filter(identifier__in=list(chosen))
    InitiativeTags.objects.bulk_create(
        _tags(r, *chosen[r.identifier], activities, rng) for r in records.order_by("identifier")
    )
    return count
