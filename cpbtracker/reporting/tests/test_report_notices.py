"""What the form pages tell a Party's users: the overdue notice, the format's markup shown
as formatting (never as raw tags, never unsafe), confirmations before irreversible steps."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from cpbtracker.lib.markup import clean_markup
from cpbtracker.reporting.models import ReportingCycle

pytestmark = pytest.mark.django_db
EDIT = "/reports/KE/5/edit/"
GOLDEN = Path(__file__).parent / "assets" / "nr5-ke.json"


def set_deadline(days_from_today: int) -> dt.date:
    cycle = ReportingCycle.objects.get(number=5)
    cycle.deadline = timezone.localdate() + dt.timedelta(days=days_from_today)
    cycle.save()
    return cycle.deadline


@pytest.fixture
def ke_draft(client, personas):
    client.force_login(personas.ke_user)
    client.post(EDIT)
    return client


@pytest.mark.parametrize("url", [EDIT, EDIT + "Article2/"])
def test_an_open_cycle_past_its_deadline_shows_an_overdue_notice(ke_draft, url):
    deadline = set_deadline(-1)
    html = ke_draft.get(url).content.decode()
    assert "Overdue." in html
    day = f"{deadline:%b} {deadline.day}, {deadline.year}"  # the reader's date: "Dec 6, 2026"
    assert f"The deadline for this report was {day}." in html


@pytest.mark.parametrize("url", [EDIT, EDIT + "Article2/"])
def test_there_is_no_overdue_notice_before_the_deadline(ke_draft, url):
    set_deadline(0)
    assert "Overdue." not in ke_draft.get(url).content.decode()


def test_there_is_no_overdue_notice_once_the_report_is_published(client, personas):
    set_deadline(-1)
    call_command("reports", "import", str(GOLDEN), "--publish")
    client.force_login(personas.ke_user)
    assert "Overdue." not in client.get(EDIT).content.decode()


def test_a_closed_cycle_shows_no_overdue_notice(ke_draft):
    set_deadline(-1)
    ReportingCycle.objects.filter(number=5).update(is_open=False)
    assert "Overdue." not in ke_draft.get(EDIT).content.decode()


def test_section_titles_show_the_formats_markup_as_formatting(ke_draft):
    html = ke_draft.get(EDIT + "Article17/").content.decode()
    assert "movements<sup>5</sup>" in html
    assert "&lt;sup&gt;" not in html
    assert "<title>Article 17 – Unintentional transboundary movements5" in html
    assert "movements<sup>5</sup>" in ke_draft.get(EDIT).content.decode()  # section list
    article2 = ke_draft.get(EDIT + "Article2/").content.decode()
    assert "If you answered <i>Yes</i> to question 11" in article2


def test_the_format_markup_in_chinese_is_formatted_too(ke_draft):
    ke_draft.cookies["django_language"] = "zh-hans"
    html = ke_draft.get(EDIT + "Article25/").content.decode()
    assert "第25条 - 非法越境转移<sup>7</sup>" in html
    assert "&lt;sup&gt;" not in html


def test_only_harmless_markup_survives():
    dirty = (
        '<sup>5</sup><script>alert(1)</script><i onclick="x()">Yes</i>'
        '<a href="javascript:alert(1)">bad</a><a target="_blank" href="https://cbd.int/x">ok</a>'
        "<img src=x onerror=alert(1)><style>body{}</style>"
    )
    assert clean_markup(dirty) == (
        '<sup>5</sup><i>Yes</i><a rel="noopener noreferrer">bad</a>'
        '<a href="https://cbd.int/x" rel="noopener noreferrer">ok</a>'
    )


def test_submit_and_reopen_ask_for_confirmation_from_a_static_script(client, personas):
    call_command("reports", "import", str(GOLDEN), "--publish")
    client.force_login(personas.secretariat)
    detail = client.get("/reports/KE/5/").content.decode()
    assert 'data-confirm="Reopen this report as a new draft version?"' in detail
    assert "/static/reporting/confirm.js" in detail
    client.post("/reports/KE/5/reopen/")
    client.force_login(personas.ke_nfp)
    submit = client.get("/reports/KE/5/submit/").content.decode()
    assert 'data-confirm="Submit and publish the report now?' in submit
    assert "/static/reporting/confirm.js" in submit
    assert "<script>" not in submit and "onsubmit" not in submit
