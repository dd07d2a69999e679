"""A migrated database holds the plan; loading again changes nothing."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.utils import translation

from cpbtracker.plan.content import PlanDataError, parse_plan
from cpbtracker.plan.models import CapacityArea, Goal, Indicator
from cpbtracker.plan.services import plan_counts
from cpbtracker.plan.tests import PLAN_COUNTS

pytestmark = pytest.mark.django_db


def test_a_migrated_database_already_holds_the_plan():
    assert plan_counts() == PLAN_COUNTS


def test_loading_again_is_idempotent(capsys):
    ids = sorted(Indicator.objects.values_list("id", flat=True))
    call_command("plan", "load")
    assert "48 indicators" in capsys.readouterr().out
    assert sorted(Indicator.objects.values_list("id", flat=True)) == ids


def test_a6_a7_a8_share_one_capacity_set():
    sets = {g.code: g.capacity_set_id for g in Goal.objects.filter(code__in=["A.6", "A.7", "A.8"])}
    assert len(set(sets.values())) == 1
    assert CapacityArea.objects.filter(capacity_set_id=sets["A.6"]).count() == 6


def test_a_malformed_plan_file_is_rejected_with_the_item_named():
    with pytest.raises(PlanDataError, match="goal X.1: unknown area 'Z'"):
        parse_plan(
            {
                "areas": [{"code": "A", "title": {"zh": "甲", "en": "A"}}],
                "goals": [{"code": "X.1", "area": "Z"}],
            }
        )


def test_a_reload_never_deletes_an_indicator_that_a_manual_figure_refers_to():
    import dataclasses

    from cpbtracker.indicators.models import ManualValue
    from cpbtracker.plan.content import packaged_plan
    from cpbtracker.plan.services import PlanReloadRefused, load_plan
    from cpbtracker.reporting.models import ReportingCycle

    plan = packaged_plan()
    a1 = plan.goal("A.1")
    dropped = a1.indicators[0]
    ManualValue.objects.create(
        indicator=Indicator.objects.get(code=dropped.code),
        cycle=ReportingCycle.objects.get(number=4),
        value=12.0,
        source="Secretariat",
    )
    shorter = dataclasses.replace(
        plan,
        goals=tuple(
            dataclasses.replace(g, indicators=g.indicators[1:]) if g.code == "A.1" else g
            for g in plan.goals
        ),
    )
    with pytest.raises(PlanReloadRefused) as refused:
        load_plan(shorter)
    assert f"indicator {dropped.code} left the plan but 1 row(s) refer to it" in str(refused.value)
    assert f"{dropped.code} cycle 4: 12.0" in str(refused.value)
    with translation.override("zh-hans"):
        assert f"指标 {dropped.code} 已不在计划中，但有 1 行数据引用它" in str(refused.value)
    assert Indicator.objects.filter(code=dropped.code).exists()
    assert ManualValue.objects.count() == 1
    # without the reference the code goes
    ManualValue.objects.all().delete()
    load_plan(shorter)
    assert not Indicator.objects.filter(code=dropped.code).exists()
