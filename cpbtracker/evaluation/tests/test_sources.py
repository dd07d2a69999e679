"""The evaluation document's evidence per goal: capacity-building initiatives and coverage of
reported needs per key area, and the clearing-house records that document the goal."""

from __future__ import annotations

from django.utils import translation

from cpbtracker.capacity.models import InitiativeTags
from cpbtracker.capacity.tests.conftest import RA, initiative, needs, publish  # noqa: F401
from cpbtracker.evaluation.sources import capacity_evidence, records_evidence
from cpbtracker.indicators.tests.conftest import submit  # noqa: F401
from cpbtracker.plan.models import Goal
from cpbtracker.records.models import Record


def test_each_key_area_shows_its_initiatives_budget_and_the_needs_behind_it(submit, publish):  # noqa: F811
    submit("KE", 5, needs(RA))
    submit("NG", 5, needs(RA))
    publish(
        [
            initiative("I-KE", [RA], ["ke"], totalBudget="250,000"),
            initiative("I-TZ", [RA], ["tz"], totalBudget="50000"),
        ]
    )
    for identifier, key_areas in (("I-KE", ["A.5/(1)", "A.5/(3)"]), ("I-TZ", ["A.5/(1)"])):
        InitiativeTags.objects.create(
            record=Record.objects.get(identifier=identifier), key_areas=key_areas
        )
    rows = dict(capacity_evidence([Goal.objects.get(code="A.5")])["A.5"])
    # risk assessment maps to A.5/(1), (3) and (4): KE and NG need it, I-KE covers KE only
    assert rows["A.5/(1)"].endswith(
        "— 2 initiatives tagged (budget USD 300,000); "
        "2 Parties report a need here, 1 of them not covered"
    )
    assert rows["A.5/(2)"].endswith("— 0 initiatives tagged (budget USD 0)")
    assert "1 initiatives tagged (budget USD 250,000)" in rows["A.5/(3)"]
    # the key areas add up to 550,000: the goal counts I-KE's 250,000 once
    assert rows["All key areas of the goal"].startswith(
        "2 initiatives (budget USD 300,000, each initiative counted once; "
        "the key areas' budgets are not additive"
    )


def test_the_goal_counts_the_clearing_house_records_that_document_it(publish):  # noqa: F811
    publish([initiative("I-1", [RA], ["ke"]), initiative("I-2", [RA], ["ng"])])
    found = records_evidence(Goal.objects.filter(code__in=["A.1", "B.1"]))
    # each record type by its BCH title, in the reader's language
    assert found["B.1"] == [("Capacity Development Initiative", "2")]
    assert found["A.1"] == [
        ("National Focal Points", "0"),
        ("Competent National Authority", "0"),
        ("Biosafety Law, Regulation, Guidelines and Agreements", "0"),
    ]
    with translation.override("fr"):
        found = records_evidence(Goal.objects.filter(code="A.1"))
    assert found["A.1"][0] == ("Correspondants nationaux", "0")
