"""The Secretariat edits reporting cycles in the admin: dates in order, one open cycle per
report format; a refused edit names the field and changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from cpbtracker.reporting.models import ReportingCycle, Schema


@pytest.fixture
def admin_client(personas) -> Client:
    client = Client()
    client.force_login(personas.secretariat)
    return client


def _post(client: Client, cycle: ReportingCycle, **changes):
    data = {
        "number": cycle.number,
        "schema": cycle.schema,
        "period_start": cycle.period_start.isoformat(),
        "period_end": cycle.period_end.isoformat(),
        "deadline": cycle.deadline.isoformat(),
        "note": cycle.note,
        **({"is_open": "on"} if cycle.is_open else {}),
        **changes,
    }
    data = {k: v for k, v in data.items() if v is not None}
    return client.post(f"/admin/reporting/reportingcycle/{cycle.pk}/change/", data)


def _unchanged(cycle: ReportingCycle) -> bool:
    stored = ReportingCycle.objects.get(pk=cycle.pk)
    return (stored.period_start, stored.period_end, stored.deadline, stored.is_open) == (
        cycle.period_start,
        cycle.period_end,
        cycle.deadline,
        cycle.is_open,
    )


def _errors(response) -> dict[str, list[str]]:
    return {k: list(v) for k, v in response.context["adminform"].form.errors.items()}


def test_it_refuses_a_period_that_ends_before_it_starts(admin_client):
    cycle = ReportingCycle.objects.get(number=5)
    response = _post(admin_client, cycle, period_end="2019-01-01", deadline="2019-02-01")
    assert response.status_code == 200
    assert _errors(response) == {"period_end": ["The period cannot end before it starts."]}
    assert _unchanged(cycle)


def test_it_refuses_a_deadline_before_the_end_of_the_period(admin_client):
    cycle = ReportingCycle.objects.get(number=5)
    response = _post(admin_client, cycle, deadline="2026-02-27")
    assert _errors(response) == {
        "deadline": ["The deadline cannot fall before the end of the period."]
    }
    assert _unchanged(cycle)


def test_it_accepts_a_deadline_on_the_last_day_of_the_period(admin_client):
    cycle = ReportingCycle.objects.get(number=5)
    response = _post(admin_client, cycle, deadline="2026-02-28", period_end="2026-02-28")
    assert response.status_code == 302


def test_it_refuses_a_second_open_cycle_for_the_same_report_format(admin_client):
    open5 = ReportingCycle.objects.get(number=5)
    cycle6 = ReportingCycle.objects.create(
        number=6,
        schema=Schema.NR5,
        period_start=dt.date(2026, 3, 1),
        period_end=dt.date(2030, 2, 28),
        deadline=dt.date(2030, 2, 28),
    )
    response = _post(admin_client, cycle6, is_open="on")
    assert _errors(response) == {
        "is_open": ["Cycle 5 is already open for this report format; close it first."]
    }
    assert _unchanged(cycle6)
    assert _post(admin_client, open5, is_open=None).status_code == 302
    assert _post(admin_client, cycle6, is_open="on").status_code == 302
    assert list(ReportingCycle.objects.filter(is_open=True).values_list("number", flat=True)) == [6]


def test_the_cycle_list_refuses_a_deadline_before_the_period_end(admin_client):
    cycles = list(ReportingCycle.objects.order_by("number"))
    data = {
        "form-TOTAL_FORMS": str(len(cycles)),
        "form-INITIAL_FORMS": str(len(cycles)),
        "_save": "Save",
    }
    for n, cycle in enumerate(cycles):
        data[f"form-{n}-id"] = str(cycle.pk)
        data[f"form-{n}-deadline"] = cycle.deadline.isoformat()
        if cycle.is_open:
            data[f"form-{n}-is_open"] = "on"
    data["form-1-deadline"] = "2020-01-01"
    response = admin_client.post("/admin/reporting/reportingcycle/", data)
    assert response.status_code == 200
    assert "The deadline cannot fall before the end of the period." in response.content.decode()
    assert ReportingCycle.objects.get(number=5).deadline.isoformat() == "2026-02-28"
