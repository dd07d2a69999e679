"""Hand-built reports and initiatives for exact gap checks."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from cpbtracker.indicators.tests.conftest import submit  # noqa: F401  (reports as a fixture)
from cpbtracker.records.bch import import_record_documents

RA = "7C980FF4-3C5B-4711-81F9-BA6F28C12598"  # risk assessment
PA = "8419162A-8A34-46AC-8AF2-3D2905F9BA08"  # public awareness
DET = "0FF8F112-C0E9-4A18-83E1-40D4EF61503E"  # sampling, detection and identification


def initiative(identifier: str, areas: list[str], where: list[str], **fields) -> dict:
    """A capacityBuildingInitiative document covering ``where`` (countries or groups)."""
    return {
        "header": {"identifier": identifier, "schema": "capacityBuildingInitiative"},
        "title": {"en": f"Initiative {identifier}"},
        "countryRegions": [{"identifier": w} for w in where],
        "cpbThematicAreas": [{"identifier": a} for a in areas],
        **fields,
    }


@pytest.fixture
def publish(db, tmp_path):
    """``publish([documents], on=date)``: imported as published clearing-house records."""

    def run(documents: list[dict], *, on: dt.date = dt.date(2025, 6, 1)):
        path = tmp_path / f"initiatives-{on}.json"
        path.write_text(json.dumps(documents))
        return import_record_documents([path], published_on=on)

    return run


def needs(*areas: str, still: str = "true") -> dict:
    return {"Q122": {"value": still}, "Q123": [{"value": a} for a in areas]}


NATIONAL_SCOPE = {"identifier": "20B2CC6D-646D-4FD5-BD53-D652BA3FA088"}
REGIONAL_SCOPE = {"identifier": "C7D6719B-8AD9-4EB1-A472-B0B858DE0F56"}


@pytest.fixture
def scenario(submit, publish):  # noqa: F811
    """The hand-computed case of the gap tests (cycle 5: deadline 2026-02-28; reports
    submitted on 2026-02-18 unless said)."""
    submit("KE", 5, needs(RA, PA))
    submit("NG", 5, needs(RA), on=dt.date(2025, 6, 30))
    submit("CN", 5, needs(RA, DET))
    submit("BR", 5, needs(RA, still="false"))  # answered Q123 but has no needs: ignored
    submit("IN", 5, needs(PA))
    submit("IN", 5, needs(DET))  # a later version: only the latest counts
    publish(
        [
            # ended long before any report: covers nobody
            initiative(
                "I-OLD",
                [RA],
                ["ke"],
                startDate="2015-01-01",
                endDate="2019-06-30",
                coreFundingSources=[{"identifier": "ORG-2"}],
                totalBudget="20000",
            ),
            # regional (identifiers in lower case): every African Party, as regional coverage;
            # it ended on the day Nigeria reported (covers NG) and before Kenya did (not KE)
            initiative(
                "I-AFR",
                [RA.lower()],
                ["afr"],
                geographicScope=REGIONAL_SCOPE,
                startDate="2020-01-01",
                endDate="2025-06-30",
                coreFundingSources=[{"identifier": "ORG-1"}],
                totalBudget="100,000",
            ),
            # global, no dates: open-ended
            initiative(
                "I-GLOBAL",
                [PA],
                ["GLOBAL"],
                coreFundingSources=[{"identifier": "ORG-1"}],
                totalBudget="50000",
            ),
            # national, two areas and two funders: its budget must be counted once
            initiative(
                "I-KE",
                [RA, PA],
                ["ke"],
                geographicScope=NATIONAL_SCOPE,
                startDate="2024-01-01",
                endDate="2026-12-31",
                coreFundingSources=[{"identifier": "ORG-1"}, {"identifier": "ORG-2"}],
                totalBudget="40000",
            ),
            # area written in lower case; covers only a Party without needs
            initiative(
                "I-BR",
                [RA.lower()],
                ["br"],
                startDate="2021-01-01",
                coreFundingSources=[{"identifier": "ORG-2"}],
                totalBudget="30000",
            ),
            # cancelled (status in lower case): covers nobody
            initiative(
                "I-CANCELLED",
                [RA],
                ["cn"],
                status={"identifier": "cancelled"},
                startDate="2024-01-01",
                endDate="2027-12-31",
            ),
            # starts the day after the deadline: covers nobody in cycle 5
            initiative("I-FUTURE", [DET], ["cn"], startDate="2026-03-01"),
            # no end date: still running
            initiative("I-DET-IN", [DET], ["in"], startDate="2025-01-01"),
        ]
    )
    # published after the cycle's deadline: not counted
    publish([initiative("I-LATE", [DET], ["cn"])], on=dt.date(2026, 6, 1))
