"""Synthetic demo records: national and reference records for the CP Parties, marked as demo.

Every record made here is flagged ``is_demo`` and titled as synthetic; publication dates are
spread over 2008-2025 so that the baseline cycle's deadline (2019) sees fewer records than the
5th cycle's. None of it describes any real country, decision or organism.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from cpbtracker.lib import changes
from cpbtracker.parties.models import Party, Treaty
from cpbtracker.parties.queries import parties_on
from cpbtracker.records.bch import CheckedRecord, store_published
from cpbtracker.records.indicators import DEC_8_1, DEC_8_2, FP_EMERGENCY, FP_NATIONAL
from cpbtracker.records.models import Record
from cpbtracker.reporting.models import ReportingCycle

DEMO_NOTE = "Synthetic demo record: not real data."
FIRST_DAY, LAST_DAY = dt.date(2008, 1, 1), dt.date(2025, 12, 31)
# chance that a Party has a record of the kind (made-up figures that only make pages differ)
NATIONAL_CHANCES = {
    "focalPoint:" + FP_NATIONAL: 0.95,
    "focalPoint:" + FP_EMERGENCY: 0.7,
    "authority": 0.85,
    "biosafetyLaw": 0.8,
    "database": 0.35,
    "biosafetyExpert": 0.3,
    "countryProfile": 0.25,
}
LMOS, INITIATIVES, ORGANIZATIONS = 120, 40, 20
WITH_RISK_ASSESSMENT, WITH_DETECTION_METHOD = 0.75, 0.6


@dataclass
class DemoRecords:
    rng: random.Random
    planned: list[tuple[CheckedRecord, int, dt.date]] = field(default_factory=list)

    def add(
        self,
        schema: str,
        fields: dict[str, Any],
        *,
        government: Party | None = None,
        submitted_for: Party | None = None,
        on: dt.date | None = None,
    ) -> str:
        identifier = f"DEMO-{schema}-{len(self.planned) + 1:05d}"
        document: dict[str, Any] = {
            "header": {"identifier": identifier, "schema": schema, "languages": ["en"]}
        }
        if government is not None:
            document["government"] = {"identifier": government.iso2.lower()}
        document.update(fields)
        document["relevantInformation"] = {"en": DEMO_NOTE}
        record = CheckedRecord(
            "demo", schema, identifier, government, document, submitted_for, is_demo=True
        )
        self.planned.append((record, 1, on or self.day()))
        return identifier

    def day(self) -> dt.date:
        return FIRST_DAY + dt.timedelta(days=self.rng.randint(0, (LAST_DAY - FIRST_DAY).days))


def _title(kind: str, party: Party | None = None) -> dict[str, str]:
    where = f" ({party.iso2})" if party else ""
    return {"en": f"Demo {kind}{where}", "zh": f"演示{kind}{where}"}


def _national(demo: DemoRecords, party: Party) -> None:
    rng = demo.rng
    for kind, chance in NATIONAL_CHANCES.items():
        if rng.random() >= chance:
            continue
        schema, _, category = kind.partition(":")
        fields: dict[str, Any] = {"title": _title(schema, party)}
        if category:
            fields = {"firstName": "Demo", "lastName": party.iso2, "categories": [category]}
        elif schema == "authority":
            fields = {"name": _title("authority", party)}
        demo.add(schema, fields, government=party)
    for _ in range(rng.choice((0, 0, 1, 2, 3))):
        _decision(demo, party)


def _decision(demo: DemoRecords, party: Party) -> None:
    rng = demo.rng
    published = demo.day()
    assessments = []
    if rng.random() < WITH_RISK_ASSESSMENT:
        assessment = demo.add(
            "nationalRiskAssessment",
            {"title": _title("risk assessment", party)},
            government=party,
            on=published,
        )
        assessments = [{"identifier": assessment}]
    types = rng.choice(([DEC_8_1], [DEC_8_2], [DEC_8_1, DEC_8_2]))
    demo.add(
        "biosafetyDecision",
        {
            "title": _title("decision", party),
            "date": (published - dt.timedelta(days=rng.randint(0, 60))).isoformat(),
            "decisionTypes": [{"identifier": t} for t in types],
            "riskAssessments": assessments,
        },
        government=party,
        on=published,
    )


def _reference(demo: DemoRecords, parties: list[Party]) -> None:
    rng = demo.rng
    for n in range(LMOS):
        fields: dict[str, Any] = {"identity": {"en": f"Demo LMO {n + 1}"}}
        if rng.random() < WITH_DETECTION_METHOD:
            fields["detectionMethod"] = {"en": "Synthetic event-specific PCR method."}
        demo.add("modifiedOrganism", fields)
    for n in range(INITIATIVES):
        demo.add(
            "capacityBuildingInitiative",
            {"title": {"en": f"Demo capacity-building initiative {n + 1}"}},
            submitted_for=rng.choice(parties),
        )
    for n in range(ORGANIZATIONS):
        demo.add("organization", {"name": {"en": f"Demo organization {n + 1}"}})


@transaction.atomic
def load_demo_records(*, seed: int = 2021) -> int:
    """Replace all demo records with a fresh synthetic set; real records are left alone."""
    Record.objects.filter(is_demo=True).delete()
    changes.cycles_changed.send(__name__, cycles=None)
    latest = ReportingCycle.objects.order_by("-number").first()
    if latest is None:
        return 0
    parties = list(parties_on(Treaty.CP, latest.deadline))
    demo = DemoRecords(random.Random(seed))
    for party in parties:
        _national(demo, party)
    _reference(demo, parties)
    store_published(demo.planned, {})
    return len(demo.planned)
