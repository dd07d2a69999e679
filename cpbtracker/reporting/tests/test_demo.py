"""`cpbtracker demo load`: synthetic reports for every CP Party, valid, and marked as demo."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command

from cpbtracker.parties.models import Treaty
from cpbtracker.parties.queries import parties_on
from cpbtracker.reporting.demo import load_demo_reports
from cpbtracker.reporting.models import NationalReport, ReportingCycle, ReportVersion
from cpbtracker.reporting.queries import published_versions
from cpbtracker.reporting.questionnaire import load_questionnaire, validate_answers

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_database")]


def test_it_says_the_demo_is_synthetic(demo_database):
    assert "demo data (synthetic, not real)" in demo_database


def test_demo_reports_respect_the_rules_and_are_marked(client):
    cycle5 = ReportingCycle.objects.get(number=5)
    versions = published_versions(cycle5)
    population = parties_on(Treaty.CP, cycle5.deadline).count()
    assert 0.75 * population < len(versions) < population  # some Parties do not report
    assert all(v.report.is_demo for v in versions)
    assert any(v.submitted_at.date() > cycle5.deadline for v in versions)  # some are late
    questionnaire = load_questionnaire("cpbNationalReport5")
    for version in versions[:20]:
        assert validate_answers(questionnaire, version.answers_dict(), for_submission=True) == []
    assert not NationalReport.objects.filter(party__iso2="KE", cycle=cycle5).exists()
    page = client.get("/reports/", {"cycle": 5}).content.decode()
    assert "Demo data." in page
    iso2 = versions[0].report.party.iso2
    assert "synthetic" in client.get(f"/reports/{iso2}/5/").content.decode()


def test_loading_the_demo_again_makes_a_fresh_set_in_place_of_the_old():
    before = set(ReportVersion.objects.filter(is_demo=True).values_list("pk", flat=True))
    load_demo_reports(seed=7, keep_drafts_for=("KE",))  # the reports part of `demo load`
    after = set(ReportVersion.objects.filter(is_demo=True).values_list("pk", flat=True))
    assert before and after and before.isdisjoint(after)
    assert not ReportVersion.objects.filter(pk__in=before).exists()
    assert NationalReport.objects.filter(is_demo=True, versions__isnull=True).count() == 0


def test_loading_the_demo_again_replaces_it_and_never_deletes_a_real_report(tmp_path, capsys):
    demo_report = NationalReport.objects.filter(is_demo=True, cycle__number=4).first()
    iso2 = demo_report.party.iso2
    real = tmp_path / "real.json"
    doc = {
        "header": {"schema": "cpbNationalReport4"},
        "government": {"identifier": iso2},
        "date": "2019-09-01",
    }
    real.write_text(json.dumps(doc))
    call_command("reports", "import", str(real), "--publish", "--allow-closed-cycle")
    report = NationalReport.objects.get(party__iso2=iso2, cycle__number=4)
    assert not report.is_demo
    assert [v.is_demo for v in report.versions.all()] == [False]
    # a real version inside a demo report, as an import made before demo versions were marked
    legacy = NationalReport.objects.filter(is_demo=True, cycle__number=5).first()
    legacy.versions.create(
        number=2,
        status="submitted",
        complete=False,
        submitted_at=legacy.versions.get().submitted_at,
    )
    capsys.readouterr()
    call_command("demo", "load")
    assert "2 real report(s) left untouched" in capsys.readouterr().out
    assert NationalReport.objects.filter(is_demo=False).count() == 2
    assert [v.number for v in NationalReport.objects.get(pk=legacy.pk).versions.all()] == [2]
    report = NationalReport.objects.get(party__iso2=iso2, cycle__number=4)
    assert not report.is_demo
    assert report.published_version().submitted_at.date().isoformat() == "2019-09-01"
