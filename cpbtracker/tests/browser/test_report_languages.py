"""A focal point picks two languages for the report; each text question then takes a text in
each, typed into its own box and saved together."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from cpbtracker.accounts.models import Role
from cpbtracker.accounts.services import grant_role
from cpbtracker.parties.models import Party
from cpbtracker.reporting.models import NationalReport
from cpbtracker.tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_choosing_two_languages_gives_two_inputs_per_text_question(page: Page):
    grant_role("ke-nfp", Role.Kind.FOCAL_POINT, party=Party.objects.get(iso2="KE"), password="pw")
    sign_in(page, "ke-nfp", "pw")
    page.goto("/reports/KE/5/edit/")
    page.get_by_role("button", name="Start the draft report").click()
    page.get_by_label("العربية").check()
    page.get_by_label("Français").check()
    page.get_by_role("button", name="Save the languages").click()
    page.wait_for_load_state()

    page.goto("/reports/KE/5/edit/Article2/")
    boxes = page.locator("fieldset#Q013 textarea")
    expect(boxes).to_have_count(2)
    arabic = page.locator("fieldset#Q013").get_by_label("العربية")
    expect(arabic).to_have_attribute("dir", "rtl")
    expect(arabic).to_have_attribute("lang", "ar")
    arabic.fill("قانون السلامة الأحيائية")
    page.locator("fieldset#Q013").get_by_label("Français").fill("Loi sur la biosécurité")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_load_state()
    draft = NationalReport.objects.get(party__iso2="KE", cycle__number=5).draft()
    assert draft is not None
    assert draft.answers_dict()["Q013"] == {
        "value": {"ar": "قانون السلامة الأحيائية", "fr": "Loi sur la biosécurité"}
    }
