"""Each indicator names the objective(s) of its goal it measures; `plan check` holds the data
to it."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
import yaml
from django.core.management import CommandError, call_command

from cpbtracker.lib.yamlfile import load_yaml
from cpbtracker.plan.content import PLAN_FILE, PlanDataError, packaged_plan, parse_plan


def test_every_objective_has_indicators_of_its_own_in_the_packaged_plan():
    plan = packaged_plan()
    a1 = plan.goal("A.1")
    # A.1 lists three objectives and three indicators in parallel
    assert [a1.indicators_of(o.code) for o in a1.objectives] == [["A.1(a)"], ["A.1(b)"], ["A.1(c)"]]
    assert plan.goal("A.7").indicators_of("A.7.2") == ["A.7(b)", "A.7(c)", "A.7(d)"]
    assert all(g.indicators_of(o.code) for g in plan.goals for o in g.objectives)


def write_plan(tmp_path: Path, change) -> Path:
    raw = load_yaml(PLAN_FILE.read_text(encoding="utf-8"))
    change(next(g for g in raw["goals"] if g["code"] == "A.1"))
    path = tmp_path / "plan.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return path


def test_plan_check_fails_on_an_indicator_linked_to_no_objective(tmp_path):
    def unlink(goal):
        del goal["indicators"][1]["objectives"]

    path = write_plan(tmp_path, unlink)
    with pytest.raises(
        CommandError, match=r"indicator A\.1\(b\): linked to no objective of goal A\.1"
    ):
        call_command("plan", "check", "--plan", str(path), stdout=io.StringIO())
    call_command("plan", "check", stdout=io.StringIO())  # the packaged plan passes


def test_a_link_to_another_goals_objective_is_refused(tmp_path):
    def elsewhere(goal):
        goal["indicators"][0]["objectives"] = ["A.2.1"]

    raw = load_yaml(write_plan(tmp_path, elsewhere).read_text(encoding="utf-8"))
    with pytest.raises(PlanDataError, match=r"A\.1\(a\): A\.2\.1 is not an objective of goal A\.1"):
        parse_plan(raw)


@pytest.mark.django_db
def test_the_plan_goal_page_names_the_indicators_behind_each_objective(client):
    page = client.get("/plan/A.7/").content.decode()
    assert re.search(r'id="A.7.2".*?measured by: .*?>A.7\(b\)</a>, .*?>A.7\(c\)</a>, ', page, re.S)
    indicator = client.get("/plan/indicators/A.1(b)/?cycle=5").content.decode()
    objectives = indicator.split("Objectives this indicator measures")[1].split("</section>")[0]
    assert "A.1.2" in objectives and "A.1.1" not in objectives
