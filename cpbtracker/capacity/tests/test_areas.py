"""The packaged area mapping: the 17 options of Q119/Q123, each placed on the plan."""

from __future__ import annotations

import pytest

from cpbtracker.capacity.areas import report_areas
from cpbtracker.plan.models import CapacityArea, Goal
from cpbtracker.reporting.questionnaire import load_questionnaire

pytestmark = pytest.mark.django_db


def test_it_maps_the_17_options_shared_by_q119_and_q123():
    nr5 = load_questionnaire("cpbNationalReport5")
    values = [o.value for o in nr5.question("Q123").options]
    assert [o.value for o in nr5.question("Q119").options] == values
    assert [a.value for a in report_areas()] == values
    assert len(values) == 17


def test_every_mapped_code_is_a_goal_or_key_area_of_the_plan_serving_those_goals():
    goals = set(Goal.objects.values_list("code", flat=True))
    key_areas = {a.code: a for a in CapacityArea.objects.select_related("capacity_set")}
    for area in report_areas():
        assert set(area.goals) <= goals, area.value
        for code in area.key_areas:
            served = {g.code for g in key_areas[code].capacity_set.goals.all()}
            assert served & set(area.goals), (area.value, code)
    assert sum(1 for a in report_areas() if not a.goals) == 1  # only "Other"
