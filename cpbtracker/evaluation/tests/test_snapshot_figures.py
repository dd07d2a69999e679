"""A snapshot keeps each figure as the engine's result, in the JSON the indicators' store
keeps: read back, it is the live figure it froze, number by number."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command

from cpbtracker.capacity.tests.conftest import publish  # noqa: F401
from cpbtracker.evaluation.evidence import snapshot_evidence
from cpbtracker.evaluation.models import Snapshot
from cpbtracker.indicators.models import ManualValue
from cpbtracker.indicators.payloads import result_payload
from cpbtracker.indicators.results import compute_cycle
from cpbtracker.plan.models import Indicator
from cpbtracker.reporting.models import ReportingCycle

pytestmark = pytest.mark.django_db

# one indicator of each kind: computed from reports, entered by hand, read from clearing-house
# records (Kenya's database), and with no data (nobody answered its question)
KINDS = {
    "A.1(a)": ("report", "computed"),
    "A.3(b)": ("manual", "manual"),
    "A.2(b)": ("records", "computed"),
    "A.5(d)": ("report", "no-data"),
}


@pytest.fixture
def inputs(reports, publish):  # noqa: F811
    ManualValue.objects.create(
        indicator=Indicator.objects.get(code="A.3(b)"),
        cycle=ReportingCycle.objects.get(number=5),
        value=42.5,
        source="GEF project database",
        as_of=dt.date(2026, 1, 31),
    )
    database = {"header": {"identifier": "DB-KE", "schema": "database"}}
    publish([{**database, "government": {"identifier": "ke"}}], on=dt.date(2025, 1, 1))


@pytest.mark.parametrize("region", ["", "AFR", "GRULAC"])
def test_a_snapshot_figure_read_back_is_the_live_figure_it_froze(inputs, client, region):
    call_command("evaluation", "snapshot", "--cycle", "5", "--label", "frozen")
    frozen = snapshot_evidence(Snapshot.objects.get(label="frozen"))
    live = {r.code: r for r in compute_cycle(ReportingCycle.objects.get(number=5), region=region)}
    for code, (source, status) in KINDS.items():
        figure = frozen.figure(code, region)
        assert figure is not None
        if not region:
            assert (figure.source, figure.status) == (source, status)
        assert figure.to_json() == live[code].to_json(), code
        shown = result_payload(5, region, figure)
        expected = result_payload(5, region, live[code])
        api = client.get(f"/api/v1/indicators/{code}/", {"cycle": 5, "region": region}).json()
        del api["computed_at"]
        assert shown.keys() == expected.keys() == api.keys()
        for key in expected:
            assert shown[key] == expected[key] == api[key], (code, region, key)
