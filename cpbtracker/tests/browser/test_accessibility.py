"""axe-core finds no accessibility violation on the main pages, in English, Chinese and Arabic
(right to left)."""

from __future__ import annotations

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import Page

from cpbtracker.accounts.models import Role
from cpbtracker.accounts.services import grant_role
from cpbtracker.parties.models import Party
from cpbtracker.tests.browser.conftest import axe_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PUBLIC_PAGES = [
    "/",
    "/plan/",
    "/plan/A.1/",
    "/plan/indicators/A.1(a)/",
    "/indicators/?cycle=5",
    "/indicators/analyzer/?cycle=5",
    "/indicators/parties/KE/",
    "/parties/",
    "/parties/ke/",
    "/reports/",
    "/reports/CN/5/",
    "/accounts/login/",
    "/evaluation/",
    "/evaluation/goals/A.1/",
    "/evaluation/documents/",
    "/records/",
    "/records/consistency/",
    "/capacity/",
    "/capacity/initiatives/",
    "/capacity/donors/",
]


@pytest.mark.parametrize("language", ["en", "zh-hans", "ar"])
def test_the_public_pages_have_no_axe_violation(demo_copy, page: Page, live_server, language: str):
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    found = {}
    for url in PUBLIC_PAGES:
        response = page.goto(url)
        assert response is not None and response.status == 200, url
        found[url] = axe_violations(page)
    assert {url: v for url, v in found.items() if v} == {}


def test_a_keyboard_user_skips_to_the_content_and_sees_where_the_focus_is(page: Page):
    page.goto("/plan/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to the content")
    assert skip.evaluate("element => element === document.activeElement")
    assert skip.evaluate("element => getComputedStyle(element).outlineStyle") == "solid"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_page_showing_a_flash_message_has_no_axe_violation(
    page: Page, live_server, language: str
):
    grant_role("ke-nfp", Role.Kind.FOCAL_POINT, party=Party.objects.get(iso2="KE"), password="pw")
    sign_in(page, "ke-nfp", "pw")
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    page.goto("/reports/KE/5/edit/")
    page.locator("main form button[type=submit]").first.click()  # start the draft
    page.wait_for_load_state()
    page.locator("form.report-languages button[type=submit]").click()
    page.wait_for_load_state()
    status = page.locator("[role=status]")
    with translation.override(language):
        assert gettext("The report's languages are saved.") in status.inner_text()
    assert axe_violations(page) == []
