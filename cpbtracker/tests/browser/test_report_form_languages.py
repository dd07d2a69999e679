"""A focal point of the Arab region and one of francophone Africa fill in the 5th national
report in their own language: switch language in the header, fill a section, save, see the
submit check. The interface's words are read from the catalogues at test time, the
questionnaire's from the BCH format, so the walk holds in whatever the catalogues say."""

from __future__ import annotations

import pytest
from django.utils import translation
from django.utils.translation import gettext, ngettext
from playwright.sync_api import Page, expect

from cpbtracker.accounts.models import Preference, Role
from cpbtracker.accounts.services import grant_role
from cpbtracker.lib.content import localized
from cpbtracker.parties.models import Party
from cpbtracker.reporting.models import NationalReport
from cpbtracker.reporting.questionnaire import load_questionnaire, validate_answers
from cpbtracker.tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_a_focal_point_fills_in_a_section_in_their_language(page: Page, language: str):
    grant_role("ke-nfp", Role.Kind.FOCAL_POINT, party=Party.objects.get(iso2="KE"), password="pw")
    sign_in(page, "ke-nfp", "pw")
    nr5 = load_questionnaire("cpbNationalReport5")
    q007 = nr5.question("Q007")
    with translation.override(language):
        words = {
            w: gettext(w)
            for w in ("Language", "Change", "Start the draft report", "Save", "Check and submit")
        }
        option = q007.option("implementation.fullInPlace")
        assert option is not None
        fully_in_place = localized(option.title)
        assert fully_in_place != localized(option.title, "en")

    # The header's switch: the pages speak the language from now on, and remember it.
    page.goto("/reports/KE/5/edit/")
    page.get_by_label("Language").select_option(language)
    page.get_by_role("button", name="Change").click()
    page.wait_for_load_state()
    html = page.locator("html")
    assert html.get_attribute("lang") == language
    assert html.get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    assert Preference.objects.get(user__username="ke-nfp").language == language
    expect(page.get_by_label(words["Language"])).to_have_value(language)

    page.get_by_role("button", name=words["Start the draft report"]).click()
    page.locator('a[href="/reports/KE/5/edit/Article2/"]').first.click()
    page.locator("fieldset#Q007").get_by_label(fully_in_place).check()
    page.get_by_role("button", name=words["Save"], exact=True).click()
    page.wait_for_load_state()
    draft = NationalReport.objects.get(party__iso2="KE", cycle__number=5).draft()
    assert draft is not None
    assert draft.answers_dict()["Q007"] == {"value": "implementation.fullInPlace"}
    expect(page.locator("fieldset#Q007").get_by_label(fully_in_place)).to_be_checked()
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")

    page.goto("/reports/KE/5/edit/")
    page.get_by_role("link", name=words["Check and submit"]).click()
    page.wait_for_load_state()
    problems = validate_answers(nr5, draft.answers_dict(), for_submission=True)
    with translation.override(language):
        summary = ngettext(
            "%(n)s problem must be solved before the report can be submitted:",
            "%(n)s problems must be solved before the report can be submitted:",
            len(problems),
        ) % {"n": len(problems)}
        article2 = localized(next(s for s in nr5.sections if s.key == "Article2").title)
    expect(page.get_by_text(summary)).to_be_visible()
    expect(page.locator("main").get_by_text(article2).first).to_be_visible()
    assert page.locator('a[href$="#Q007"]').count() == 0  # answered: no longer a problem
