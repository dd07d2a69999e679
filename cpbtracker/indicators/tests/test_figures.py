"""Figures from outside national reports: A.2(c) usage with measurement windows, A.3(b) as a
numerator and denominator, A.4(b) from the Compliance Committee's case list, each with a
baseline; a figure missing what its method asks for is refused and nothing is stored."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from cpbtracker.accounts.models import AuditEntry
from cpbtracker.indicators.models import ComplianceCase, ManualValue
from cpbtracker.indicators.results import compute_cycle
from cpbtracker.indicators.services import save_compliance_case, save_manual_value
from cpbtracker.parties.models import Party
from cpbtracker.plan.models import Indicator
from cpbtracker.reporting.models import ReportingCycle

pytestmark = pytest.mark.django_db


def result(code, cycle=5):
    cycle_obj = ReportingCycle.objects.get(number=cycle)
    return next(r for r in compute_cycle(cycle_obj) if r.code == code)


def enter(code, cycle, *, user=None, **fields):
    figure = ManualValue(
        indicator=Indicator.objects.get(code=code),
        cycle=ReportingCycle.objects.get(number=cycle),
        **fields,
    )
    return save_manual_value(figure, user=user)


def gef(cycle, numerator, denominator, as_of, user=None):
    return enter(
        "A.3(b)",
        cycle,
        user=user,
        numerator=numerator,
        denominator=denominator,
        source="GEF project records",
        as_of=as_of,
    )


def usage(cycle, measure, value, start, end):
    return enter(
        "A.2(c)",
        cycle,
        measure=measure,
        value=value,
        source="BCH usage statistics",
        window_start=start,
        window_end=end,
    )


def test_a2c_shows_active_users_and_visits_each_with_its_window_and_baseline(client, capsys):
    usage(5, "active_users", 1200, dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    usage(5, "visits", 48000, dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    usage(4, "active_users", 900, dt.date(2019, 1, 1), dt.date(2019, 9, 30))
    r = result("A.2(c)")
    users, visits = r.parts
    assert (users.key, users.value, visits.key, visits.value) == (
        "active_users",
        1200,
        "visits",
        48000,
    )
    assert (users.figure.window_start, users.figure.window_end) == (
        dt.date(2025, 1, 1),
        dt.date(2025, 12, 31),
    )
    assert users.baseline.value == 900 and visits.baseline is None
    call_command("indicators", "compute", "--cycle", "5", "--format", "json")
    a2c = next(
        i for i in json.loads(capsys.readouterr().out)["indicators"] if i["code"] == "A.2(c)"
    )
    assert [(p["key"], p["value"]) for p in a2c["parts"]] == [
        ("active_users", 1200),
        ("visits", 48000),
    ]
    assert a2c["parts"][0]["figure"]["window_start"] == "2025-01-01"
    assert a2c["parts"][0]["baseline"]["value"] == 900
    page = client.get("/plan/indicators/A.2(c)/?cycle=5", HTTP_ACCEPT_LANGUAGE="en").content
    html = page.decode()
    assert "Active users" in html and "Visits" in html and "48,000" in html
    assert "measured Jan 1, 2025 to Dec 31, 2025" in html
    board = client.get("/indicators/?cycle=5", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Active users: 1,200; Visits: 48,000" in board


def test_a2c_refuses_a_figure_without_its_window():
    with pytest.raises(ValidationError, match="measurement window"):
        enter(
            "A.2(c)", 5, measure="visits", value=10, source="BCH", window_start=dt.date(2025, 1, 1)
        )
    with pytest.raises(ValidationError, match="no such figure"):
        enter("A.2(c)", 5, value=10, source="BCH", as_of=dt.date(2025, 1, 1))
    assert not ManualValue.objects.exists()


def test_a3b_stores_numerator_and_denominator_with_a_baseline(client):
    gef(5, 30, 120, dt.date(2026, 3, 1))
    gef(4, 18, 120, dt.date(2019, 10, 1))
    r = result("A.3(b)")
    assert (r.value, r.numerator, r.denominator) == (25.0, 30, 120)
    assert (r.baseline.value, r.baseline.numerator, r.baseline.denominator) == (15.0, 18, 120)
    assert r.change == 10.0
    body = client.get("/api/v1/indicators/A.3(b)/?cycle=5").json()
    assert (body["value"], body["numerator"], body["respondents"]) == (25.0, 30, 120)
    assert body["figure"]["source"] == "GEF project records"
    html = client.get("/plan/indicators/A.3(b)/?cycle=5", HTTP_ACCEPT_LANGUAGE="en").content
    assert "30 of 120" in html.decode()


def test_a3b_refuses_a_numerator_above_the_denominator():
    with pytest.raises(ValidationError, match="cannot exceed"):
        gef(5, 130, 120, dt.date(2026, 3, 1))
    assert not ManualValue.objects.exists()


def test_only_the_secretariat_enters_figures_and_each_entry_is_audited(personas):
    with pytest.raises(PermissionDenied):
        gef(5, 30, 120, dt.date(2026, 3, 1), user=personas.ke_nfp)
    assert not ManualValue.objects.exists()
    gef(5, 30, 120, dt.date(2026, 3, 1), user=personas.secretariat)
    assert ManualValue.objects.get().entered_by == personas.secretariat
    entry = AuditEntry.objects.get(action="indicator.figure_entered")
    assert entry.user == personas.secretariat and entry.detail["value"] == 25.0
    with pytest.raises(PermissionDenied):
        case("KE", dt.date(2018, 5, 1), user=personas.ke_user)
    assert not ComplianceCase.objects.exists()


def case(iso2, identified, addressed=None, user=None):
    entry = ComplianceCase(
        party=Party.objects.get(iso2=iso2),
        issue="No national report submitted",
        committee_decision="CP/CC/2019/1",
        identified_on=identified,
        status=ComplianceCase.Status.ADDRESSED if addressed else ComplianceCase.Status.OPEN,
        addressed_on=addressed,
        source="Report of the Compliance Committee",
    )
    save_compliance_case(entry, user=user)


def test_a4b_is_over_parties_with_cases_from_the_committee_case_list(cp_count):
    case("KE", dt.date(2018, 5, 1), addressed=dt.date(2019, 3, 1))  # addressed before cycle 4
    case("CN", dt.date(2018, 5, 1), addressed=dt.date(2021, 6, 1))  # addressed after it
    case("BR", dt.date(2022, 5, 1))  # identified after cycle 4, still open
    case("FR", dt.date(2022, 5, 1), addressed=dt.date(2023, 1, 1))
    r = result("A.4(b)")
    assert (r.value, r.numerator, r.denominator) == (75.0, 3, 4)  # not 3 of all CP Parties
    assert r.population == cp_count(5)
    assert r.parties["negative"] == ["BR"]
    # the baseline: the case list as of the 4th cycle's deadline
    assert (r.baseline.value, r.baseline.numerator, r.baseline.denominator) == (50.0, 1, 2)


def test_a4b_refuses_an_addressed_case_without_its_date():
    entry = ComplianceCase(
        party=Party.objects.get(iso2="KE"),
        issue="No national report submitted",
        committee_decision="CP/CC/2019/1",
        identified_on=dt.date(2018, 5, 1),
        status=ComplianceCase.Status.ADDRESSED,
        source="Report of the Compliance Committee",
    )
    with pytest.raises(ValidationError, match="exactly when"):
        save_compliance_case(entry, user=None)
    assert not ComplianceCase.objects.exists()
