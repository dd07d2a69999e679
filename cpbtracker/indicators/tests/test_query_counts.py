"""The indicator pages and the evaluation run a fixed number of SQL queries whatever the
number of Parties and reports (once the results are stored)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cpbtracker.indicators.store import forget_cycles
from cpbtracker.parties.models import Party, Treaty
from cpbtracker.parties.queries import parties_on
from cpbtracker.reporting.models import ReportingCycle

pytestmark = pytest.mark.django_db

PAGES = [
    "/indicators/?cycle=5",
    "/indicators/?cycle=5&region=AFR&both=1",
    "/plan/indicators/A.1(a)/?cycle=5",
    "/indicators/analyzer/?cycle=5",
    "/indicators/analyzer/?cycle=5&filter_question=Q007&filter_answer=implementation.none",
    "/indicators/analyzer/texts/Q013/?cycle=5",
    "/indicators/parties/KE/?cycle=5",
    "/api/v1/indicators/?cycle=5",
    "/evaluation/?cycle=5",
]


def queries(client, path: str) -> int:
    assert client.get(path).status_code == 200  # the first read stores what is missing
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def report_for(submit, count: int) -> None:
    deadline = ReportingCycle.objects.get(number=5).deadline
    codes = sorted(parties_on(Treaty.CP, deadline).values_list("iso2", flat=True))
    codes = ["KE", *[c for c in codes if c != "KE"]][:count]
    for n, iso2 in enumerate(codes):
        answer = {"value": "implementation.fullInPlace" if n % 2 else "implementation.none"}
        submit(iso2, 4, {"Q014": answer})
        submit(iso2, 5, {"Q007": answer, "Q117": {"value": "true"}})


@pytest.mark.parametrize("path", PAGES)
def test_it_runs_the_same_queries_for_3_and_30_parties(client, submit, path):
    report_for(submit, 3)
    small = queries(client, path)
    report_for(submit, 30)  # 27 more Parties (the first 3 get a second version)
    forget_cycles(None)  # as the services do: computed again from the larger data
    assert Party.objects.filter(reports__cycle__number=5).distinct().count() == 30
    assert queries(client, path) == small
