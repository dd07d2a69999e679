"""The contract of `cpbtracker evaluation progress --cycle 5 --format json`."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command

from cpbtracker.evaluation.progress import STATUSES

pytestmark = pytest.mark.django_db


def progress(capsys) -> dict:
    call_command("evaluation", "progress", "--cycle", "5", "--format", "json")
    return json.loads(capsys.readouterr().out)


def test_it_prints_48_indicators_36_objectives_14_goals_in_the_contract_shape(reports, capsys):
    data = progress(capsys)
    assert data["cycle"] == 5
    assert len(data["indicators"]) == 48
    assert len(data["objectives"]) == 36
    assert len(data["goals"]) == 14
    for item in data["indicators"]:
        assert set(item) == {
            "code", "value", "baseline", "target", "target_year", "direction", "status", "score",
        }  # fmt: skip
        assert item["status"] in STATUSES
    for item in data["objectives"] + data["goals"]:
        assert set(item) == {"code", "status", "score", "available"}


def test_it_classifies_from_the_baseline_to_the_default_target(reports, capsys):
    data = progress(capsys)
    a1a = data["indicators"][0]
    # baseline 0% (4th cycle, replaced by 0.001), now 50%; 100 by 2030 is the default:
    # g = (50/0.001)^(1/7) - 1 = 3.69, r = (100/0.001)^(1/11) - 1 = 1.85, R = 2.0
    assert (a1a["code"], a1a["value"], a1a["baseline"]) == ("A.1(a)", 50.0, 0.0)
    assert (a1a["target"], a1a["target_year"], a1a["direction"]) == (100.0, 2030, "positive")
    assert (a1a["status"], a1a["score"]) == ("substantial_progress", 5.0)
    by_code = {i["code"]: i for i in data["indicators"]}
    assert by_code["A.2(c)"]["target"] is None  # a count: no default target
    assert by_code["A.1(b)"]["status"] == "not_available"  # awaiting records
    goal = data["goals"][0]
    assert goal == {"code": "A.1", "status": "substantial_progress", "score": 5.0, "available": 1}
    assert data["objectives"][0] == {**goal, "code": "A.1.1"}


def test_a_target_set_by_the_secretariat_changes_the_status(reports, capsys):
    call_command("milestones", "set", "A.1(a)", "--target", "40", "--year", "2030")
    capsys.readouterr()
    data = progress(capsys)
    assert data["indicators"][0]["status"] == "target_achieved"
    assert data["goals"][0]["status"] == "substantial_progress"  # other A.1 indicators lack data
