"""The focal point approves an authorized user's request for publication from the top of the
draft page, and is asked first, as for "Submit and publish" and "Reopen"."""

from __future__ import annotations

import random

import pytest
from playwright.sync_api import Dialog, Page

from cpbtracker.accounts.models import Role
from cpbtracker.accounts.services import grant_role
from cpbtracker.parties.models import Party
from cpbtracker.reporting.demo import demo_answers
from cpbtracker.reporting.models import NationalReport, ReportingCycle
from cpbtracker.reporting.questionnaire import load_questionnaire
from cpbtracker.reporting.services import open_draft, request_publication, save_answers
from cpbtracker.tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def published() -> bool:
    return NationalReport.objects.get(party__iso2="KE").published_version() is not None


def test_it_asks_before_approving_and_publishes_only_when_the_focal_point_confirms(page: Page):
    kenya = Party.objects.get(iso2="KE")
    grant_role("ke-nfp", Role.Kind.FOCAL_POINT, party=kenya, password="pw")
    user = grant_role("ke-user", Role.Kind.AUTHORIZED_USER, party=kenya, password="pw").user
    draft = open_draft(kenya, ReportingCycle.objects.get(number=5), user=user)
    answers = demo_answers(load_questionnaire("cpbNationalReport5"), random.Random(7), 0.7)
    save_answers(draft, answers, user=user)
    request_publication(draft, user=user)
    sign_in(page, "ke-nfp", "pw")
    page.goto("/reports/KE/5/edit/")
    questions: list[str] = []

    def dismiss(dialog: Dialog) -> None:
        questions.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", dismiss)
    page.locator("#pending-request").get_by_role("button", name="Approve and publish").click()
    assert questions == [
        "Approve and publish the report now? A published report cannot be changed."
    ]
    assert not published()

    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("#pending-request").get_by_role("button", name="Approve and publish").click()
    page.wait_for_load_state()
    assert published()
