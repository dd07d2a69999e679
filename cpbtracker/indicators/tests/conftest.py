"""Hand-built submitted reports for exact indicator checks."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from cpbtracker.parties.models import Party, Treaty
from cpbtracker.parties.queries import parties_on
from cpbtracker.reporting.models import Answer, NationalReport, ReportingCycle, ReportVersion


@pytest.fixture
def submit(db):
    """``submit("KE", 5, {"Q007": {...}}, on=date, complete=True)`` -> a published report."""

    def make(iso2, cycle, answers, *, on=None, complete=True):
        cycle_obj = ReportingCycle.objects.get(number=cycle)
        report, _ = NationalReport.objects.get_or_create(
            party=Party.objects.get(iso2=iso2), cycle=cycle_obj
        )
        day = on or cycle_obj.deadline - dt.timedelta(days=10)
        version = ReportVersion.objects.create(
            report=report,
            number=report.versions.count() + 1,
            status=ReportVersion.Status.SUBMITTED,
            submitted_at=timezone.make_aware(dt.datetime.combine(day, dt.time(12))),
            complete=complete,
        )
        Answer.objects.bulk_create(
            Answer(version=version, key=k, value=v) for k, v in answers.items()
        )
        return version

    return make


@pytest.fixture
def cp_count(db):
    def count(cycle: int) -> int:
        deadline = ReportingCycle.objects.get(number=cycle).deadline
        return parties_on(Treaty.CP, deadline).count()

    return count


def yes(value="true"):
    return {"value": value}
