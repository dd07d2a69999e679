"""A focal point fills in the 5th national report in a real browser."""

from __future__ import annotations

import pytest
from playwright.sync_api import Dialog, Page, expect

from cpbtracker.accounts.models import Role
from cpbtracker.accounts.services import grant_role
from cpbtracker.parties.models import Party
from cpbtracker.reporting.models import NationalReport
from cpbtracker.reporting.services import save_answers
from cpbtracker.tests.browser.conftest import axe_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def focal_point(page: Page) -> Page:
    grant_role("ke-nfp", Role.Kind.FOCAL_POINT, party=Party.objects.get(iso2="KE"), password="pw")
    sign_in(page, "ke-nfp", "pw")
    page.goto("/reports/KE/5/edit/")
    page.get_by_role("button", name="Start the draft report").click()
    return page


def saved_answers() -> dict[str, object]:
    draft = NationalReport.objects.get(party__iso2="KE", cycle__number=5).draft()
    assert draft is not None
    return draft.answers_dict()


def test_it_shows_and_hides_a_dependent_question_as_the_answer_changes(focal_point: Page):
    page = focal_point
    page.get_by_role("link", name="Article 2").first.click()
    page.wait_for_load_state()  # the form's deferred script has attached its handlers
    dependent = page.locator("fieldset#Q010_adq")
    q010 = page.locator("fieldset#Q010")
    q010.get_by_label("Yes", exact=True).check()
    expect(dependent).to_be_visible()
    q010.get_by_label("No", exact=True).check()
    expect(dependent).to_be_hidden()


def test_it_saves_a_section_and_shows_the_answers_again(focal_point: Page):
    page = focal_point
    page.get_by_role("link", name="Article 2").first.click()
    page.wait_for_load_state()  # the form's deferred script has attached its handlers
    page.locator("fieldset#Q007").get_by_label("National measures are fully in place").check()
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_load_state()
    assert saved_answers()["Q007"] == {"value": "implementation.fullInPlace"}
    expect(
        page.locator("fieldset#Q007").get_by_label("National measures are fully in place")
    ).to_be_checked()


def test_it_refuses_submission_and_links_to_what_is_missing(focal_point: Page):
    page = focal_point
    page.get_by_role("link", name="Check and submit").click()
    expect(page.get_by_text("must be solved before the report can be submitted")).to_be_visible()
    page.locator('a[href$="#Q007"]').first.click()
    expect(page.locator("fieldset#Q007")).to_be_visible()
    assert page.url.endswith("/reports/KE/5/edit/Article2/#Q007")


@pytest.mark.parametrize("language", ["en", "zh-hans", "ar"])
def test_every_section_of_the_form_and_the_submit_check_have_no_axe_violation(
    focal_point: Page, live_server, language: str
):
    page = focal_point
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    page.reload()
    assert page.locator("html").get_attribute("lang") == language
    links = [
        a.get_attribute("href") or "" for a in page.locator('a[href^="/reports/KE/5/edit/"]').all()
    ]
    sections = [href for href in links if href.count("/") == 6]
    assert len(sections) > 20
    found = {}
    for url in [*sections, "/reports/KE/5/edit/", "/reports/KE/5/submit/"]:
        page.goto(url)
        found[url] = axe_violations(page)
    assert {url: v for url, v in found.items() if v} == {}


def test_it_hides_what_depends_on_a_question_the_answer_disables(focal_point: Page):
    page = focal_point
    page.get_by_role("link", name="Article 2").first.click()
    page.wait_for_load_state()  # the form's deferred script has attached its handlers
    q011, q012 = page.locator("fieldset#Q011"), page.locator("fieldset#Q012")
    dependent = page.locator("fieldset#Q012_adq")
    q011.get_by_label("Yes", exact=True).check()
    q012.locator("input[type=radio]").first.check()
    expect(dependent).to_be_visible()
    q011.get_by_label("No", exact=True).check()
    expect(q012.locator("input[type=radio]").first).to_be_disabled()
    expect(dependent).to_be_hidden()  # Q012 no longer counts, so its follow-up goes too
    q011.get_by_label("Yes", exact=True).check()
    expect(dependent).to_be_visible()
    # the server, after saving, agrees with what the page showed
    q011.get_by_label("No", exact=True).check()
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_load_state()
    expect(page.locator("fieldset#Q012_adq")).to_be_hidden()
    assert "Q012" not in saved_answers() and saved_answers()["Q011"] == {"value": "false"}


def test_it_asks_before_submitting_and_sends_nothing_when_the_user_cancels(
    focal_point: Page,
):
    page = focal_point
    page.goto("/reports/KE/5/submit/")
    button = page.get_by_role("button", name="Submit and publish")
    # make the check pass in the browser only, to see the confirmation itself
    button.evaluate("b => b.disabled = false")
    questions: list[str] = []

    def answer(dialog: Dialog) -> None:
        questions.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", answer)
    button.click()
    assert questions == ["Submit and publish the report now? A published report cannot be changed."]
    assert page.url.endswith("/reports/KE/5/submit/")
    assert NationalReport.objects.get(party__iso2="KE").published_version() is None


def test_it_keeps_the_saved_number_when_a_typed_value_is_rejected(focal_point: Page):
    page = focal_point
    page.goto("/reports/KE/5/edit/Articles7-10/")
    page.locator("fieldset#Q026").get_by_label("Yes", exact=True).check()
    page.locator('input[name="Q026_adq"]').fill("3")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_load_state()
    assert saved_answers()["Q026_adq"] == {"value": 3}

    page.locator('input[name="Q026_adq"]').evaluate("e => { e.type = 'text'; e.value = 'abc'; }")
    page.locator("fieldset#Q022").get_by_label("Yes", exact=True).check()
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_load_state()

    expect(page.locator("#Q026_adq-error")).to_be_visible()
    expect(page.locator('input[name="Q026_adq"]')).to_have_value("3")
    assert saved_answers()["Q026_adq"] == {"value": 3}
    assert saved_answers()["Q022"] == {"value": "true"}


def test_it_warns_before_leaving_a_section_with_unsaved_answers(focal_point: Page):
    page = focal_point
    page.goto("/reports/KE/5/edit/Article2/")
    page.locator("fieldset#Q007").get_by_label("National measures are fully in place").check()
    dialogs = []

    def stay(dialog) -> None:
        dialogs.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", stay)
    page.get_by_role("link", name="All sections").click()
    page.wait_for_timeout(500)

    assert dialogs == ["beforeunload"]
    assert page.url.endswith("/reports/KE/5/edit/Article2/")


def test_it_autosaves_the_draft_and_stops_when_it_changed_elsewhere(focal_point: Page):
    page = focal_point
    page.goto("/reports/KE/5/edit/Article2/")
    page.locator("form.report-form").evaluate("form => { form.dataset.autosaveMs = '300'; }")
    page.locator("fieldset#Q007").get_by_label("National measures are fully in place").check()

    expect(page.locator("#autosave-status")).to_have_text("Draft saved automatically.")
    assert saved_answers()["Q007"] == {"value": "implementation.fullInPlace"}
    # the page keeps the revision it was loaded at; the autosaved answer carries its own
    expect(page.locator('input[name="revision"]')).to_have_value("0")
    expect(page.locator('input[name="revision:Q007"]')).to_have_value("1")

    draft = NationalReport.objects.get(party__iso2="KE", cycle__number=5).draft()
    assert draft is not None
    # Someone else answers the question this page is about to change: a real conflict,
    # which no answer-by-answer merge may settle.
    save_answers(draft, {"Q010": {"value": "false"}}, user=None)
    page.locator("fieldset#Q010").get_by_label("Yes", exact=True).check()

    expect(page.locator("#autosave-status")).to_contain_text("autosave has stopped")
    assert saved_answers()["Q010"] == {"value": "false"}
