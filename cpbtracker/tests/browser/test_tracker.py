"""The Secretariat follows submissions: a report the focal point submits in the browser
appears on the tracker and its PDF downloads; the tracker has no accessibility violation
in English and Chinese."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from cpbtracker.accounts.models import Role
from cpbtracker.accounts.services import grant_role
from cpbtracker.lib import formats
from cpbtracker.parties.models import Party
from cpbtracker.reporting.demo import demo_answers
from cpbtracker.reporting.models import NationalReport, ReportingCycle
from cpbtracker.reporting.questionnaire import load_questionnaire
from cpbtracker.reporting.services import open_draft, save_answers
from cpbtracker.tests.browser.conftest import axe_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_secretariat_sees_a_report_the_focal_point_submitted(page: Page):
    ReportingCycle.objects.filter(number=5).update(
        deadline=timezone.localdate() + dt.timedelta(days=10)
    )
    kenya = Party.objects.get(iso2="KE")
    nfp = grant_role("ke-nfp", Role.Kind.FOCAL_POINT, party=kenya, password="pw").user
    grant_role("staff", Role.Kind.SECRETARIAT, party=None, password="pw")
    draft = open_draft(kenya, ReportingCycle.objects.get(number=5), user=nfp)
    questionnaire = load_questionnaire("cpbNationalReport5")
    save_answers(draft, demo_answers(questionnaire, random.Random(7), 0.7), user=nfp)

    sign_in(page, "ke-nfp", "pw")
    page.goto("/reports/KE/5/submit/")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Submit and publish").click()
    expect(page.get_by_text("The report was submitted and published.")).to_be_visible()
    assert NationalReport.objects.get(party=kenya).published_version() is not None

    sign_in(page, "staff", "pw")
    page.goto("/reports/tracker/?region=AFR")
    row = page.locator("tr#party-KE")
    expect(row).to_contain_text("published on time")
    expect(row).to_contain_text(formats.reader_date(timezone.localdate(), language="en"))
    row.get_by_role("link", name="Kenya").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kenya")
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF", exact=True).click()
    assert download.value.suggested_filename == "national-report-KE-5.pdf"
    pdf = PdfReader(download.value.path())
    text = " ".join(" ".join(p.extract_text().split()) for p in pdf.pages)
    assert "7 Has your country introduced the necessary national measures" in text

    # the Secretariat reopens it after confirming; cancelling changes nothing
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Reopen as a new version").click()
    assert NationalReport.objects.get(party=kenya).draft() is None
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Reopen as a new version").click()
    page.wait_for_url("**/reports/KE/5/edit/")
    reopened = NationalReport.objects.get(party=kenya).draft()
    assert reopened is not None and reopened.number == 2


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_tracker_has_no_axe_violation(demo_copy, page: Page, live_server, language: str):
    grant_role("staff", Role.Kind.SECRETARIAT, party=None, password="pw")
    grant_role("ke-nfp", Role.Kind.FOCAL_POINT, party=Party.objects.get(iso2="KE"))
    sign_in(page, "staff", "pw")
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    for url in ["/reports/tracker/", "/reports/CN/5/", "/reports/CN/5/print/"]:
        response = page.goto(url)
        assert response is not None and response.status == 200
        assert axe_violations(page) == [], url
