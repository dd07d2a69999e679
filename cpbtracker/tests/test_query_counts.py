"""Every page runs a fixed number of SQL queries whatever the number of Parties, reports,
answers and records: each page is read over 3 and over 30 reporting Parties (with their
capacity-building needs, initiatives covering them and drafts) and must run the same count."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cpbtracker.capacity.tests.conftest import RA, initiative, needs
from cpbtracker.indicators.tests.conftest import submit  # noqa: F401  (reports as a fixture)
from cpbtracker.parties.models import Treaty
from cpbtracker.parties.queries import parties_on
from cpbtracker.records.bch import import_record_documents
from cpbtracker.reporting.models import ReportingCycle
from cpbtracker.reporting.services import open_draft, save_answers

pytestmark = pytest.mark.django_db

PUBLIC = [
    "/plan/",
    "/plan/A.1/",
    "/parties/",
    "/parties/KE/",
    "/reports/?cycle=5",
    "/reports/KE/5/",
    "/records/",
    "/capacity/?cycle=5",
    "/capacity/initiatives/",
    "/capacity/donors/",
]
SECRETARIAT = ["/reports/tracker/?cycle=5"]


def queries(client, path: str) -> int:
    assert client.get(path).status_code == 200  # stored results filled by the first read
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def grow(submit, tmp_path, count: int) -> None:  # noqa: F811
    """``count`` Parties with a published 5th report (needs), an initiative each, and as
    many drafts in the open 6th... cycle 5 reopened as drafts for the tracker."""
    cycle = ReportingCycle.objects.get(number=5)
    codes = sorted(parties_on(Treaty.CP, cycle.deadline).values_list("iso2", flat=True))
    codes = ["KE", *[c for c in codes if c != "KE"]][:count]
    for iso2 in codes:
        submit(iso2, 5, {**needs(RA), "Q007": {"value": "implementation.none"}})
    path = tmp_path / f"initiatives-{count}.json"
    path.write_text(
        json.dumps([initiative(f"I-{c}", [RA], [c.lower()]) for c in codes]), encoding="utf-8"
    )
    import_record_documents([path], published_on=dt.date(2025, 6, 1))


@pytest.mark.parametrize("path", PUBLIC)
def test_a_public_page_runs_the_same_queries_for_3_and_30_parties(
    client,
    submit,  # noqa: F811
    tmp_path,
    path,
):
    grow(submit, tmp_path, 3)
    small = queries(client, path)
    grow(submit, tmp_path, 30)
    assert queries(client, path) == small


@pytest.mark.parametrize("path", SECRETARIAT)
def test_the_tracker_runs_the_same_queries_for_3_and_30_drafts(client, personas, path):
    cycle = ReportingCycle.objects.get(number=5)
    cycle.is_open = True
    cycle.save()
    client.force_login(personas.secretariat)
    codes = sorted(parties_on(Treaty.CP, cycle.deadline).values_list("iso2", flat=True))

    def drafts(count: int) -> None:
        for party in parties_on(Treaty.CP, cycle.deadline).filter(iso2__in=codes[:count]):
            draft = open_draft(party, cycle, user=None)
            save_answers(draft, {"Q007": {"value": "implementation.none"}}, user=None)

    drafts(3)
    small = queries(client, path)
    drafts(30)
    assert queries(client, path) == small


def test_the_report_form_section_runs_the_same_queries_however_many_answers(client, personas):
    cycle = ReportingCycle.objects.get(number=5)
    cycle.is_open = True
    cycle.save()
    client.force_login(personas.ke_nfp)
    draft = open_draft(personas.kenya, cycle, user=None)
    path = "/reports/KE/5/edit/"
    first = client.get(path)
    assert first.status_code == 200
    section = next(
        s.split('"')[0] for s in first.content.decode().split('href="/reports/KE/5/edit/')[1:]
    )
    path = f"/reports/KE/5/edit/{section}"
    small = queries(client, path)
    save_answers(
        draft, {"Q007": {"value": "implementation.none"}, "Q117": {"value": "true"}}, user=None
    )
    assert queries(client, path) == small


def test_reports_export_reads_the_answers_in_one_query(submit, tmp_path):  # noqa: F811
    def exported(count: int) -> int:
        grow(submit, tmp_path, count)
        with CaptureQueriesContext(connection) as captured:
            call_command("reports", "export", "--cycle", "5", "--output", str(tmp_path / "o.json"))
        return len(captured)

    assert exported(3) == exported(30)
