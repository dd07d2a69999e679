"""The contract of `cpbtracker evaluation progress --cycle 5 --format json`.

In the ``growing`` case A.1(a) goes from 50 % (2019) to 66.7 % (2026), so g = (66.7/50)^(1/7)
- 1 = 0.04203 a year.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.management import CommandError, call_command

from cpbtracker.evaluation.assessment import REASON_TEXTS, assess
from cpbtracker.evaluation.evidence import live_evidence
from cpbtracker.evaluation.models import Target
from cpbtracker.evaluation.progress import REASONS, STATUSES
from cpbtracker.indicators.models import ManualValue
from cpbtracker.indicators.services import save_manual_value
from cpbtracker.plan.models import Indicator
from cpbtracker.reporting.models import ReportingCycle

pytestmark = pytest.mark.django_db


def progress(capsys) -> dict:
    capsys.readouterr()
    call_command("evaluation", "progress", "--cycle", "5", "--format", "json")
    return json.loads(capsys.readouterr().out)


def by_code(rows: list[dict]) -> dict[str, dict]:
    return {row["code"]: row for row in rows}


def test_it_prints_48_indicators_36_objectives_14_goals_in_the_contract_shape(reports, capsys):
    data = progress(capsys)
    assert data["cycle"] == 5
    assert len(data["indicators"]) == 48
    assert len(data["objectives"]) == 36
    assert len(data["goals"]) == 14
    for item in data["indicators"]:
        # an indicator assessed from its parts (A.2(c) only) also gives each part's status
        assert ("parts" in item) == (item["code"] == "A.2(c)")
        assert set(item) - {"parts"} == {
            "code", "value", "baseline", "target", "target_year", "direction", "status", "score",
            "method", "target_status", "decision", "reason",
        }  # fmt: skip
        assert item["status"] in STATUSES
    for item in data["objectives"]:
        assert set(item) == {"code", "status", "score", "available", "indicators", "reason"}
    for item in data["goals"]:
        assert set(item) == {
            "code", "status", "score", "available", "counts", "mixed", "reason",
        }  # fmt: skip


def test_without_a_target_the_no_target_rule_decides(growing, capsys):
    data = progress(capsys)
    a1a = data["indicators"][0]
    assert (a1a["code"], a1a["value"], a1a["baseline"]) == ("A.1(a)", 66.7, 50.0)
    # no default target: v = g = 0.04203 >= 0.02, the top of the no-target score scale
    assert (a1a["target"], a1a["target_status"], a1a["decision"]) == (None, None, None)
    assert (a1a["method"], a1a["status"], a1a["score"]) == (
        "without_target", "substantial_progress", 5.0,
    )  # fmt: skip
    assert a1a["reason"] is None
    assert by_code(data["indicators"])["A.9(a)"]["target"] is None  # a percentage: no default
    assert by_code(data["indicators"])["A.1(b)"]["reason"] == "no baseline"


def test_an_indicative_target_is_used_and_said_to_be_not_adopted(growing, capsys):
    call_command("milestones", "set", "A.1(a)", "--target", "100", "--year", "2030")
    assert "[indicative]" in capsys.readouterr().out
    a1a = progress(capsys)["indicators"][0]
    # r = 2^(1/11) - 1 = 0.06504, R = 0.04203 / 0.06504 = 0.6462 in [0.60, 0.95[: moderate,
    # score (0.6462 - 0.6) / 0.7 x 5 = 0.33
    assert (a1a["method"], a1a["status"], a1a["score"]) == (
        "with_target", "moderate_progress", 0.33,
    )  # fmt: skip
    assert (a1a["target"], a1a["target_year"]) == (100.0, 2030)
    assert (a1a["target_status"], a1a["decision"]) == ("indicative", None)


def test_an_adopted_target_names_its_decision(growing, capsys):
    call_command(
        "milestones", "set", "A.1(a)", "--target", "60", "--year", "2030",
        "--decision", "CP-11/5, para. 3",
    )  # fmt: skip
    a1a = progress(capsys)["indicators"][0]
    assert (a1a["status"], a1a["score"]) == ("target_achieved", 5.0)  # 66.7 >= 60
    assert (a1a["target_status"], a1a["decision"]) == ("adopted", "CP-11/5, para. 3")


@pytest.mark.parametrize(
    ("code", "value", "message"),
    [
        ("A.1(a)", "100.5", r"A\.1\(a\): a percentage target must be a number from 0 to 100"),
        ("A.1(a)", "-1", "a percentage target must be a number from 0 to 100, not -1"),
        ("A.1(a)", "nan", "a percentage target must be a number from 0 to 100, not nan"),
        ("A.2(c)", "inf", "a count target must be a finite number, 0 or more, not inf"),
        ("A.2(c)", "-5", "a count target must be a finite number, 0 or more"),
    ],
)
def test_a_target_that_does_not_fit_its_unit_is_refused_and_nothing_stored(code, value, message):
    with pytest.raises(CommandError, match=message):
        call_command("milestones", "set", code, "--target", value, "--year", "2030")
    assert not Target.objects.exists()


def test_the_edges_of_the_units_are_accepted():
    call_command("milestones", "set", "A.1(a)", "--target", "100", "--year", "2030")
    call_command("milestones", "set", "A.9(a)", "--target", "0", "--year", "2030")
    call_command("milestones", "set", "A.2(c)", "--target", "1e9", "--year", "2030")
    assert Target.objects.count() == 3


def test_objectives_are_assessed_on_their_own_indicators(growing, capsys):
    data = progress(capsys)
    objectives = by_code(data["objectives"])
    # A.1.1 is measured by A.1(a) alone: its status, not its goal's
    assert objectives["A.1.1"] == {
        "code": "A.1.1", "status": "substantial_progress", "score": 5.0, "available": 1,
        "indicators": ["A.1(a)"], "reason": None,
    }  # fmt: skip
    # A.1.2 is measured by A.1(b), which has no baseline
    assert objectives["A.1.2"]["status"] == "not_available"
    assert objectives["A.1.2"]["reason"] == "no baseline"
    assert objectives["A.7.2"]["indicators"] == ["A.7(b)", "A.7(c)", "A.7(d)"]
    # 1 of A.1's 3 indicators available: fewer than half
    a1 = data["goals"][0]
    assert a1 == {
        "code": "A.1", "status": "insufficient_data", "score": None, "available": 1,
        "counts": {"substantial_progress": 1, "not_available": 2}, "mixed": False,
        "reason": "fewer than half of its indicators are available",
    }  # fmt: skip


def test_a_zero_baseline_has_no_growth_rate_unless_a_target_is_set(reports, capsys):
    a1a = progress(capsys)["indicators"][0]
    # Kenya alone at the baseline, with no measures: 0 %; now 50 %
    assert (a1a["baseline"], a1a["value"]) == (0.0, 50.0)
    assert (a1a["status"], a1a["score"]) == ("not_available", None)
    assert a1a["reason"] == "zero baseline: growth rate undefined"
    call_command("milestones", "set", "A.1(a)", "--target", "100", "--year", "2030")
    # with a target, 0 is replaced by 0.001: g = (50/0.001)^(1/7) - 1 = 3.69,
    # r = (100/0.001)^(1/11) - 1 = 1.85, R = 2.0
    a1a = progress(capsys)["indicators"][0]
    assert (a1a["status"], a1a["score"], a1a["reason"]) == ("substantial_progress", 5.0, None)


def test_a2c_is_assessed_from_its_parts_like_a_goal(db, capsys):
    def usage(cycle, measure, value, year):
        save_manual_value(
            ManualValue(
                indicator=Indicator.objects.get(code="A.2(c)"),
                cycle=ReportingCycle.objects.get(number=cycle),
                measure=measure,
                value=value,
                source="BCH usage statistics",
                window_start=dt.date(year, 1, 1),
                window_end=dt.date(year, 9, 30),
            ),
            user=None,
        )

    usage(4, "active_users", 900, 2019)
    usage(4, "visits", 40000, 2019)
    usage(5, "active_users", 1200, 2025)
    usage(5, "visits", 30000, 2025)
    a2c = by_code(progress(capsys)["indicators"])["A.2(c)"]
    # users: v = (1200/900)^(1/7) - 1 = 0.0419 >= 0.02: substantial, 5.0;
    # visits: v = (30000/40000)^(1/7) - 1 = -0.0403 <= -0.02: deterioration, -5.0
    assert [(x["key"], x["status"], x["score"]) for x in a2c["parts"]] == [
        ("active_users", "substantial_progress", 5.0),
        ("visits", "deterioration", -5.0),
    ]
    # the indicator: the mean of its parts, 0.0, the lower edge of moderate progress
    assert (a2c["status"], a2c["score"], a2c["reason"]) == ("moderate_progress", 0.0, None)
    assert "parts" not in by_code(progress(capsys)["indicators"])["A.2(a)"]


def test_a2c_without_figures_is_not_available_and_says_why(db, capsys):
    a2c = by_code(progress(capsys)["indicators"])["A.2(c)"]
    assert (a2c["status"], a2c["reason"]) == ("not_available", "no baseline")


def test_an_objective_with_no_indicator_of_its_own_borrows_no_status(growing):
    evidence = live_evidence(ReportingCycle.objects.get(number=5))
    a1 = evidence.plan[0]
    # suppose the plan data linked A.1(a) to A.1.2 as well, and nothing to A.1.1
    a1["objectives"][0]["indicators"] = []
    a1["objectives"][1]["indicators"] = ["A.1(a)", "A.1(b)"]
    objectives = by_code(assess(evidence)["objectives"])
    assert objectives["A.1.1"] == {
        "code": "A.1.1", "status": "not_available", "score": None, "available": 0,
        "indicators": [], "reason": "no indicator of its own",
    }  # fmt: skip
    # A.1.2: A.1(a) substantial (5.0), A.1(b) not available: an objective needs no half
    assert (objectives["A.1.2"]["status"], objectives["A.1.2"]["score"]) == (
        "substantial_progress", 5.0,
    )  # fmt: skip


def test_every_reason_is_worded():
    assert set(REASON_TEXTS) == set(REASONS)
