"""The Secretariat's submission tracker: every Party of the cycle, its status, reminders."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from cpbtracker.accounts.models import Role
from cpbtracker.accounts.services import grant_role
from cpbtracker.parties.models import Party
from cpbtracker.reporting.models import (
    NationalReport,
    PublicationRequest,
    ReportingCycle,
    ReportVersion,
)
from cpbtracker.reporting.services import open_draft, reopen_report, save_answers

pytestmark = pytest.mark.django_db


def publish(iso2: str, cycle: ReportingCycle, day: dt.date, *, complete: bool) -> None:
    report, _ = NationalReport.objects.get_or_create(
        party=Party.objects.get(iso2=iso2), cycle=cycle
    )
    ReportVersion.objects.create(
        report=report,
        number=report.versions.count() + 1,
        status=ReportVersion.Status.SUBMITTED,
        submitted_at=timezone.make_aware(dt.datetime.combine(day, dt.time(12))),
        complete=complete,
    )


@pytest.fixture
def cycle(personas) -> ReportingCycle:
    """Cycle 5 with its deadline 30 days ago: Kenya published complete before it (then
    reopened it), Brazil published incomplete before it, China published complete after it,
    Mexico has a draft with one answer, everyone else has not started."""
    cycle = ReportingCycle.objects.get(number=5)
    cycle.deadline = timezone.localdate() - dt.timedelta(days=30)
    cycle.save()
    publish("KE", cycle, cycle.deadline - dt.timedelta(days=5), complete=True)
    reopen_report(NationalReport.objects.get(party__iso2="KE"), user=personas.secretariat)
    publish("BR", cycle, cycle.deadline - dt.timedelta(days=5), complete=False)
    publish("CN", cycle, cycle.deadline + dt.timedelta(days=1), complete=True)
    mexico = Party.objects.get(iso2="MX")
    nfp = grant_role("+mx-nfp", Role.Kind.FOCAL_POINT, party=mexico).user
    nfp.email = "nfp@mx.example.org"
    nfp.save()
    grant_role("mx-nfp2", Role.Kind.FOCAL_POINT, party=mexico)
    draft = open_draft(mexico, cycle, user=nfp)
    save_answers(draft, {"Q007": {"value": "implementation.fullInPlace"}}, user=nfp)
    return cycle


def row_text(html: str, iso2: str) -> str:
    start = html.index(f'id="party-{iso2}"')
    return html[start : html.index("</tr>", start)]


def test_it_shows_every_partys_status(client, personas, cycle):
    client.force_login(personas.secretariat)
    html = client.get("/reports/tracker/").content.decode()
    assert "published on time" in row_text(html, "KE")
    assert "published late" in row_text(html, "CN")
    assert "published late" in row_text(html, "BR")  # no complete version by the deadline
    # Q007 is 1 of the 164 questions (0.6%) Mexico's draft shows
    assert "draft (1% complete)" in row_text(html, "MX")
    assert "overdue" in row_text(html, "MX")
    assert "not started" in row_text(html, "FR")
    assert "overdue" not in row_text(html, "KE")


def test_a_draft_whose_publication_is_requested_awaits_approval(client, personas, cycle):
    client.force_login(personas.secretariat)
    draft = NationalReport.objects.get(party__iso2="MX").draft()
    request = PublicationRequest.objects.create(version=draft, requested_by=personas.secretariat)
    html = client.get("/reports/tracker/", {"status": "awaiting_approval"}).content.decode()
    assert "awaiting approval (1% complete)" in row_text(html, "MX")
    assert "1 Parties shown." in html or "1 Party shown." in html
    request.status = PublicationRequest.Status.REJECTED
    request.save()
    html = client.get("/reports/tracker/").content.decode()
    assert "draft (1% complete)" in row_text(html, "MX")


def test_it_filters_by_region_and_status_and_counts_per_region(client, personas, cycle):
    client.force_login(personas.secretariat)
    html = client.get("/reports/tracker/", {"region": "AFR"}).content.decode()
    assert 'id="party-KE"' in html and 'id="party-CN"' not in html
    html = client.get("/reports/tracker/", {"status": "late"}).content.decode()
    assert 'id="party-CN"' in html and 'id="party-KE"' not in html
    assert "2 Parties shown." in html  # China and Brazil
    counts = client.get("/reports/tracker/").content.decode()
    africa = counts[counts.index('<th scope="row">Africa') :]
    africa = africa[: africa.index("</tr>")]
    cells = [c.split("<")[0] for c in africa.split('<td class="num">')[1:]]
    africa_total = Party.objects.filter(
        region="AFR", memberships__treaty="CP", memberships__status="party"
    ).count()
    # not started, draft, awaiting approval, on time, late, total
    assert cells == [str(africa_total - 1), "0", "0", "1", "0", str(africa_total)]


def test_the_reminder_list_names_the_focal_points_of_overdue_parties(client, personas, cycle):
    client.force_login(personas.secretariat)
    html = client.get("/reports/tracker/").content.decode()
    reminders = html[html.index('id="reminders"') :]
    assert '<a href="mailto:nfp@mx.example.org">+mx-nfp &lt;nfp@mx.example.org&gt;</a>' in reminders
    assert 'mx-nfp2 <span class="muted">(no e-mail address)' in reminders
    assert "ke-nfp" not in reminders  # Kenya published on time


def test_it_exports_csv_and_xlsx_with_formulas_kept_as_text(client, personas, cycle):
    client.force_login(personas.secretariat)
    response = client.get("/reports/tracker/", {"format": "csv", "region": "GRULAC"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    mexico = next(r for r in rows if r["party"] == "MX")
    assert mexico["status"] == "draft" and mexico["percent_complete"] == "1"
    # a cell starting with "+" would be read as a formula: it is quoted as text
    assert mexico["focal_points"] == "'+mx-nfp <nfp@mx.example.org>; mx-nfp2"
    assert {r["region"] for r in rows} == {"GRULAC"}
    response = client.get("/reports/tracker/", {"format": "xlsx", "status": "on_time"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[2]][:4] == ["KE", "Kenya", "AFR", "on_time"]
    assert sheet.max_row == 2


@pytest.mark.parametrize("who", ["ke_nfp", "ke_user", "cn_user"])
def test_only_the_secretariat_sees_the_tracker(client, personas, cycle, who):
    client.force_login(getattr(personas, who))
    assert client.get("/reports/tracker/").status_code == 403
    assert client.get("/reports/tracker/", {"format": "csv"}).status_code == 403
    client.logout()
    assert client.get("/reports/tracker/").status_code == 403


def test_the_tracker_speaks_chinese(client, personas, cycle):
    client.force_login(personas.secretariat)
    client.cookies["django_language"] = "zh-hans"
    html = client.get("/reports/tracker/").content.decode()
    assert "提交情况跟踪" in html
    assert "按时发布" in row_text(html, "KE") and "逾期发布" in row_text(html, "CN")
    assert "草稿 (已完成 1%)" in row_text(html, "MX")


def region_cells(html: str, name: str) -> list[str]:
    row = html[html.index(f'<th scope="row">{name}') :]
    row = row[: row.index("</tr>")]
    return [c.split("<")[0] for c in row.split('<td class="num">')[1:]]


def test_the_european_union_counts_within_weog_on_request(client, personas, cycle):
    """By default the EU has no UN regional group (the "—" row, with the State of Palestine,
    whose group the data leave unknown); ?eu_in_weog=1 counts it within WEOG, as the
    Secretariat's own tables do."""
    client.force_login(personas.secretariat)
    weog = Party.objects.filter(
        region="WEOG", memberships__treaty="CP", memberships__status="party"
    ).count()
    html = client.get("/reports/tracker/").content.decode()
    assert region_cells(html, "Western European and Others")[-1] == str(weog)
    assert region_cells(html, "—")[-1] == "2"  # the EU and Palestine
    html = client.get("/reports/tracker/", {"eu_in_weog": "1"}).content.decode()
    assert region_cells(html, "Western European and Others")[-1] == str(weog + 1)
    assert region_cells(html, "—")[-1] == "1"  # Palestine
    html = client.get("/reports/tracker/", {"eu_in_weog": "1", "region": "WEOG"}).content
    assert b'id="party-EU"' in html
