"""The report analyzer's shaded cells, ▲▼ changes, filter note and free-text page have no axe
violation (colour contrast included), left to right and right to left."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from cpbtracker.indicators.tests.conftest import submit  # noqa: F401 - the fixture
from cpbtracker.tests.browser.conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
FULL = "implementation.fullInPlace"


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_analyzer_with_changes_and_a_filter_has_no_axe_violation(
    page: Page,
    live_server,
    submit,  # noqa: F811 - the fixture
    language: str,
):
    submit("KE", 4, {"Q014": {"value": "implementation.none"}})
    submit("NG", 4, {"Q014": {"value": FULL}})
    submit("KE", 5, {"Q007": {"value": FULL}, "Q013": {"value": {"en": "Details"}}})
    submit("NG", 5, {"Q007": {"value": FULL}})
    submit("ZA", 5, {"Q007": {"value": "implementation.none"}})
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    found = {}
    for url in (
        "/indicators/analyzer/?cycle=5&section=Article2&as=percent",
        f"/indicators/analyzer/?cycle=5&section=Article2&filter_question=Q007&filter_answer={FULL}",
        "/indicators/analyzer/texts/Q013/?cycle=5",
    ):
        response = page.goto(url)
        assert response is not None and response.status == 200, url
        found[url] = axe_violations(page)
    assert {url: v for url, v in found.items() if v} == {}
