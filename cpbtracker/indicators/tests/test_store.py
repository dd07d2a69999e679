"""Stored results: pages and the API read them; publishing, reopening, importing, a manual
figure, the Parties and a method change drop exactly what they feed, and what stays stored
always equals a fresh computation."""

from __future__ import annotations

import datetime as dt
import json
import random
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse

from cpbtracker.indicators.models import ManualValue, StoredResult, StoredTally
from cpbtracker.indicators.payloads import result_json
from cpbtracker.indicators.results import compute_cycle
from cpbtracker.indicators.services import save_manual_value
from cpbtracker.indicators.store import GROUPINGS, stored_results, stored_sets, stored_tallies
from cpbtracker.parties.models import Party
from cpbtracker.plan.models import Indicator
from cpbtracker.reporting.demo import demo_answers
from cpbtracker.reporting.models import ReportingCycle, ReportVersion
from cpbtracker.reporting.services import (
    open_draft,
    questionnaire_for,
    reopen_report,
    save_answers,
    submit_report,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def reports(submit):
    submit("KE", 4, {"Q014": {"value": "implementation.none"}})
    submit("KE", 5, {"Q007": {"value": "implementation.fullInPlace"}})
    submit("CN", 5, {"Q007": {"value": "implementation.draftMeasures"}})
    ReportingCycle.objects.filter(number=5).update(is_open=True)


def cycles() -> list[ReportingCycle]:
    return list(ReportingCycle.objects.order_by("number"))


def computed_at() -> dict[tuple[int, str, bool, str], dt.datetime]:
    return {
        (cycle, region, both, code): at
        for cycle, region, both, code, at in StoredResult.objects.values_list(
            "cycle__number", "region", "both_cycles", "code", "computed_at"
        )
    }


def dropped_since(before: dict[tuple[int, str, bool, str], dt.datetime]) -> set:
    """The stored results of ``before`` that are gone now (read once)."""
    now = computed_at()
    return {k for k in before if k not in now}


def assert_stored_equals_fresh() -> None:
    """Whatever is stored is what computing now gives, for every cycle and grouping."""
    for cycle in cycles():
        for region, both in GROUPINGS:
            stored = [result_json(r) for r in stored_results(cycle, region, both_cycles=both)]
            fresh = [result_json(r) for r in compute_cycle(cycle, region=region, both_cycles=both)]
            # the distribution in the engine's order; other objects' keys in any order
            assert [list(r["distribution"]) for r in stored] == [
                list(r["distribution"]) for r in fresh
            ]
            same: dict[str, Any] = {"sort_keys": True, "default": str}
            assert json.dumps(stored, **same) == json.dumps(fresh, **same), (
                cycle.number,
                region,
                both,
            )


def a1a(cycle: int, region: str = "") -> float | None:
    results = stored_results(ReportingCycle.objects.get(number=cycle), region)
    return next(r for r in results if r.code == "A.1(a)").value


def test_pages_and_the_api_read_stored_results_and_say_when_computed(client, reports):
    assert not StoredResult.objects.exists()
    body = client.get(reverse("api-indicators") + "?cycle=5").json()
    assert body["indicators"][0]["value"] == 50.0
    stored = StoredResult.objects.filter(cycle__number=5, region="", both_cycles=False)
    assert stored.count() == 48
    # what the page shows comes from the stored rows, not from a new computation
    row = stored.get(code="A.1(a)")
    row.result = {**row.result, "value": 12.5}
    row.save()
    assert "12.5" in client.get("/indicators/?cycle=5").content.decode()
    assert client.get(reverse("api-indicators") + "?cycle=5").json()["computed_at"]
    assert "Figures computed" in client.get("/indicators/?cycle=5").content.decode()


def scoreboard_row(client, code: str) -> str:
    page = client.get("/indicators/?cycle=5").content.decode()
    start = page.index(f'<tr id="{code}">')
    return page[start : page.index("</tr>", start)]


def test_the_scoreboard_table_is_kept_until_a_change_drops_its_figures(client, reports):
    assert "50.0" in scoreboard_row(client, "A.1(a)")
    # the rendered table is kept: a stored row edited behind the store's back is not re-read
    row = StoredResult.objects.get(cycle__number=5, region="", both_cycles=False, code="A.1(a)")
    row.result = {**row.result, "value": 12.5}
    row.save()
    assert "50.0" in scoreboard_row(client, "A.1(a)")
    # a publication drops the cycle's figures, and with them the kept table
    draft = open_draft(party("BR"), ReportingCycle.objects.get(number=5), user=None)
    save_answers(draft, {"Q007": {"value": "implementation.fullInPlace"}}, user=None)
    _complete(draft)
    submit_report(draft, user=None)
    client.get(reverse("api-indicators") + "?cycle=5")  # another reader stores them again first
    assert "66.7" in scoreboard_row(client, "A.1(a)")


def test_publishing_drops_its_cycle_for_all_parties_and_the_partys_region(reports):
    stored_sets(cycles(), GROUPINGS)
    stored_tallies(ReportingCycle.objects.get(number=5), ["Q007"])
    before = computed_at()
    assert a1a(5) == 50.0
    draft = open_draft(party("BR"), ReportingCycle.objects.get(number=5), user=None)
    save_answers(draft, {"Q007": {"value": "implementation.fullInPlace"}}, user=None)
    assert computed_at() == before  # a saved draft feeds nothing
    _complete(draft)
    submit_report(draft, user=None)
    after = computed_at()
    dropped = {k for k in before if k not in after}
    assert dropped == {
        k for k in before if k[0] == 5 and k[1] in ("", "GRULAC")
    }  # Brazil's region and all Parties, with and without "both cycles"
    assert not StoredTally.objects.filter(cycle__number=5).exists()
    assert a1a(5) == pytest.approx(66.7)
    assert a1a(5, "GRULAC") == 100.0
    assert {k: v for k, v in computed_at().items() if k not in dropped} == {
        k: v for k, v in before.items() if k not in dropped
    }
    assert_stored_equals_fresh()


def test_reopening_changes_no_figure(reports):
    stored_sets(cycles(), GROUPINGS)
    before = computed_at()
    reopen_report(party("KE").reports.get(cycle__number=5), user=None)
    assert computed_at() == before
    assert_stored_equals_fresh()


def test_publishing_in_the_baseline_cycle_drops_every_cycle_for_the_region(reports):
    stored_sets(cycles(), GROUPINGS)
    before = computed_at()
    ReportingCycle.objects.filter(number=5).update(is_open=False)
    ReportingCycle.objects.filter(number=4).update(is_open=True)
    draft = open_draft(party("CN"), ReportingCycle.objects.get(number=4), user=None)
    _complete(draft)
    submit_report(draft, user=None)
    after = computed_at()
    dropped = {k for k in before if k not in after}
    assert dropped == {k for k in before if k[1] in ("", "APAC")}
    assert_stored_equals_fresh()


def test_an_import_drops_what_the_imported_report_feeds(reports, tmp_path):
    stored_sets(cycles(), GROUPINGS)
    before = computed_at()
    document = {
        "header": {"schema": "cpbNationalReport5"},
        "government": {"identifier": "br"},
        "date": "2024-01-10",
        "Q007": {"value": "implementation.none"},
    }
    path = tmp_path / "br.json"
    path.write_text(json.dumps(document))
    call_command("reports", "import", str(path), "--publish")
    dropped = dropped_since(before)
    assert dropped == {k for k in before if k[0] == 5 and k[1] in ("", "GRULAC")}
    assert a1a(5) == pytest.approx(33.3)
    assert_stored_equals_fresh()


def test_a_manual_figure_drops_its_cycle_only(reports):
    stored_sets(cycles(), GROUPINGS)
    before = computed_at()
    save_manual_value(
        ManualValue(
            indicator=Indicator.objects.get(code="A.3(b)"),
            cycle=ReportingCycle.objects.get(number=5),
            numerator=3,
            denominator=4,
            source="GEF",
            as_of=dt.date(2024, 6, 1),
        ),
        user=None,
    )
    dropped = dropped_since(before)
    assert dropped == {k for k in before if k[0] == 5}
    a3b = next(
        r for r in stored_results(ReportingCycle.objects.get(number=5)) if r.code == "A.3(b)"
    )
    assert a3b.value == 75.0 and a3b.figure.as_of == dt.date(2024, 6, 1)
    assert_stored_equals_fresh()


def test_a_region_never_shows_the_baseline_of_all_parties(reports):
    for number, value, day in ((4, 40.0, dt.date(2019, 1, 31)), (5, 55.0, dt.date(2026, 1, 31))):
        ManualValue.objects.create(
            indicator=Indicator.objects.get(code="A.3(b)"),
            cycle=ReportingCycle.objects.get(number=number),
            value=value,
            source="GEF",
            as_of=day,
        )
    stored_sets(cycles(), GROUPINGS)  # all Parties first, then each region, as stored
    cycle = ReportingCycle.objects.get(number=5)
    world, africa = (
        next(r for r in stored_results(cycle, region) if r.code == "A.3(b)")
        for region in ("", "AFR")
    )
    assert (world.value, world.baseline_value, world.change) == (55.0, 40.0, 15.0)
    # a figure entered for all Parties has no regional figure, in either cycle
    assert (africa.value, africa.baseline, africa.change) == (None, None, None)
    assert_stored_equals_fresh()


def test_a_method_change_recomputes_every_result_on_the_next_read(reports):
    stored_sets(cycles(), GROUPINGS)
    StoredResult.objects.update(methods_version="older")  # stored with another methods file
    assert a1a(5) == 50.0
    assert set(
        StoredResult.objects.filter(cycle__number=5).values_list("methods_version", flat=True)
    ) != {"older"}
    assert_stored_equals_fresh()


def test_a_parties_change_drops_everything(reports):
    stored_sets(cycles(), GROUPINGS)
    call_command("parties", "load")
    assert not StoredResult.objects.exists()
    assert_stored_equals_fresh()


def party(iso2: str) -> Party:
    return Party.objects.get(iso2=iso2)


def _complete(draft: ReportVersion) -> None:
    """Answer every question the submission needs, A.1(a)'s Q007 positively."""
    answers = demo_answers(questionnaire_for(draft.report.cycle), random.Random(1), 0.7)
    if draft.report.cycle.schema == "cpbNationalReport5":
        answers["Q007"] = {"value": "implementation.fullInPlace"}
    save_answers(draft, answers, user=None)


def test_admin_edits_of_a_deadline_or_a_deleted_figure_drop_their_cycle(
    reports, client, django_user_model
):
    # the Secretariat edits deadlines; only an administrator deletes a figure
    client.force_login(django_user_model.objects.create_superuser("admin", "a@example.org", "x"))
    figure = save_manual_value(
        ManualValue(
            indicator=Indicator.objects.get(code="A.3(b)"),
            cycle=ReportingCycle.objects.get(number=5),
            numerator=1,
            denominator=4,
            source="GEF",
            as_of=dt.date(2024, 6, 1),
        ),
        user=None,
    )
    stored_sets(cycles(), GROUPINGS)
    before = computed_at()
    response = client.post(f"/admin/indicators/manualvalue/{figure.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    dropped = dropped_since(before)
    assert dropped == {k for k in before if k[0] == 5}
    assert_stored_equals_fresh()
    stored_sets(cycles(), GROUPINGS)
    before = computed_at()
    cycle = ReportingCycle.objects.get(number=5)
    response = client.post(
        f"/admin/reporting/reportingcycle/{cycle.pk}/change/",
        {
            "number": 5,
            "schema": cycle.schema,
            "period_start": cycle.period_start.isoformat(),
            "period_end": cycle.period_end.isoformat(),
            "deadline": (cycle.deadline + dt.timedelta(days=30)).isoformat(),
            "is_open": "on",
            "note": cycle.note,
        },
    )
    assert response.status_code == 302
    dropped = dropped_since(before)
    assert dropped == {k for k in before if k[0] == 5}
