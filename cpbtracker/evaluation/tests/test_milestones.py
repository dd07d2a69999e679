"""`cpbtracker milestones set|clear`, the service behind it and the Secretariat's admin."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.utils import translation

from cpbtracker.accounts.models import AuditEntry
from cpbtracker.evaluation.models import Target
from cpbtracker.evaluation.services import EvaluationError, set_target
from cpbtracker.plan.models import Indicator

pytestmark = pytest.mark.django_db


def test_it_sets_and_clears_a_target_with_an_audit_row(capsys):
    call_command(
        "milestones", "set", "A.2(c)", "--target", "5000", "--year", "2030",
        "--direction", "negative",
    )  # fmt: skip
    target = Target.objects.get(indicator__code="A.2(c)")
    assert (target.value, target.year, target.direction) == (5000, 2030, "negative")
    assert AuditEntry.objects.filter(action="target.set", target__startswith="A.2(c)").exists()
    call_command("milestones", "clear", "A.2(c)")
    assert not Target.objects.exists()
    assert AuditEntry.objects.filter(action="target.cleared", target="A.2(c)").exists()


def test_it_names_the_unknown_indicator_and_changes_nothing():
    with pytest.raises(CommandError, match=r"indicator Z\.9\(z\): no such indicator"):
        call_command("milestones", "set", "Z.9(z)", "--target", "1", "--year", "2030")
    with pytest.raises(CommandError, match=r"A\.1\(a\): has no target to clear"):
        call_command("milestones", "clear", "A.1(a)")
    assert not Target.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="target").exists()


def test_only_the_secretariat_sets_targets(personas):
    with pytest.raises(PermissionDenied):
        set_target("A.1(a)", value=90, year=2030, user=personas.ke_nfp)
    assert not Target.objects.exists()
    set_target("A.1(a)", value=90, year=2030, user=personas.secretariat)
    assert Target.objects.get().value == 90


def test_the_secretariat_edits_targets_in_the_admin(client, personas):
    client.force_login(personas.secretariat)
    response = client.get("/admin/evaluation/target/add/")
    assert response.status_code == 200
    client.force_login(personas.ke_nfp)
    assert client.get("/admin/evaluation/target/add/").status_code in (302, 403)


def test_admin_changes_are_audited_and_malformed_milestones_refused(client, personas):
    client.force_login(personas.secretariat)
    indicator = Indicator.objects.get(code="A.1(a)")
    form = {"indicator": indicator.pk, "value": "90", "year": "2030", "direction": "positive"}
    bad = client.post("/admin/evaluation/target/add/", {**form, "milestones": '[{"year": "x"}]'})
    assert (
        "milestone 1: write {&quot;year&quot;: 2026, &quot;value&quot;: 60}" in bad.content.decode()
    )
    assert not Target.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="target").exists()
    client.post(
        "/admin/evaluation/target/add/", {**form, "milestones": '[{"year": 2026, "value": 60}]'}
    )
    assert Target.objects.get().milestones == [{"year": 2026, "value": 60}]
    entry = AuditEntry.objects.get(action="target.set")
    assert entry.user == personas.secretariat and "milestones" in entry.detail["fields"]
    client.post(
        "/admin/evaluation/contribution/add/",
        {
            "goal": indicator.goal.pk,
            "body": "liaison_group",
            "kind": "midterm",
            "text": "On track.",
        },
    )
    assert AuditEntry.objects.filter(action="contribution.saved").count() == 1


def test_a_refusal_is_worded_in_the_readers_language():
    with pytest.raises(EvaluationError) as refused:
        set_target("A.1(a)", value=1, year=1850, user=None)
    assert refused.value.code == "evaluation.year"
    with translation.override("fr"):
        assert str(refused.value) == (
            "indicateur A.1(a)\u00a0: l'année cible 1850 n'est pas une année plausible"
        )
    with translation.override("zh-hans"):
        assert str(refused.value) == "指标 A.1(a)：目标年份 1850 不是合理的年份"
    assert not Target.objects.exists()


@pytest.mark.parametrize(
    ("value", "field_error"),
    [("101", "from 0 to 100"), ("-1", "from 0 to 100"), ("nan", "Enter a number.")],
)
def test_the_admin_refuses_a_target_that_does_not_fit_its_unit(
    client, personas, value, field_error
):
    client.force_login(personas.secretariat)
    indicator = Indicator.objects.get(code="A.1(a)")
    form = {"indicator": indicator.pk, "value": value, "year": "2030", "direction": "positive"}
    page = client.post("/admin/evaluation/target/add/", {**form, "milestones": "[]"})
    assert field_error in page.content.decode()
    assert not Target.objects.exists()
    milestone = '[{"year": 2026, "value": 150}]'
    page = client.post(
        "/admin/evaluation/target/add/", {**form, "value": "90", "milestones": milestone}
    )
    assert (
        "milestone 1: a percentage target must be a number from 0 to 100" in page.content.decode()
    )
    assert not Target.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="target").exists()


def test_a_decision_makes_the_target_adopted_and_is_audited():
    set_target("A.1(a)", value=80, year=2030, decision="CP-11/5, para. 3", user=None)
    assert Target.objects.get().decision == "CP-11/5, para. 3"
    entry = AuditEntry.objects.get(action="target.set")
    assert entry.detail["decision"] == "CP-11/5, para. 3"
    with pytest.raises(EvaluationError, match="a decision reference is one line"):
        set_target("A.1(a)", value=80, year=2030, decision="CP-11/5\npara. 3", user=None)
    assert Target.objects.get().decision == "CP-11/5, para. 3"
