"""On a 390 px phone no page is wider than the screen: wide tables scroll inside their own
box, and chart labels stay legible."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, ViewportSize

from cpbtracker.accounts.models import Role
from cpbtracker.accounts.services import grant_role
from cpbtracker.parties.models import Party
from cpbtracker.reporting.models import ReportingCycle
from cpbtracker.reporting.services import open_draft, save_answers
from cpbtracker.tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE: ViewportSize = {"width": 390, "height": 844}
PAGES = [
    "/",
    "/plan/",
    "/plan/A.1/",
    "/plan/indicators/A.1(a)/",
    "/indicators/?cycle=5",
    "/indicators/analyzer/?cycle=5",
    "/indicators/parties/KE/",
    "/plan/indicators/A.3(a)/",
    "/parties/",
    "/parties/ke/",
    "/reports/",
    "/reports/CN/5/",
    "/reports/CN/5/print/",
    "/reports/tracker/",
    "/reports/KE/5/edit/",
    "/reports/KE/5/edit/Article2/",
    "/reports/KE/5/edit/Article17/",
    "/reports/KE/5/submit/",
    "/records/",
    "/capacity/",
    "/capacity/initiatives/",
    "/capacity/donors/",
    "/evaluation/",
    "/evaluation/goals/A.1/",
    "/audit/?party=KE&cycle=5",
]


@pytest.fixture
def phone(browser: Browser, live_server) -> Iterator[Page]:
    context = browser.new_context(base_url=live_server.url, locale="en-GB", viewport=PHONE)
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    context.close()


def test_no_page_is_wider_than_a_phone(demo_copy, phone: Page):
    # the demo's reports, records and initiatives: pages as full as they get
    grant_role("staff", Role.Kind.SECRETARIAT, party=None, password="pw")
    grant_role("ke-nfp", Role.Kind.FOCAL_POINT, party=Party.objects.get(iso2="KE"), password="pw")
    sign_in(phone, "ke-nfp", "pw")
    phone.goto("/reports/KE/5/edit/")
    phone.get_by_role("button", name="Start the draft report").click()
    sign_in(phone, "staff", "pw")
    widths = {}
    for url in PAGES:
        response = phone.goto(url)
        assert response is not None and response.status == 200, url
        widths[url] = phone.evaluate("document.documentElement.scrollWidth")
    assert {url: w for url, w in widths.items() if w > PHONE["width"]} == {}


def test_chart_labels_stay_legible_on_a_phone(demo_copy, phone: Page):
    phone.goto("/plan/indicators/A.3(a)/")
    # the labels' font size as drawn: the SVG's own size times its scale on the screen
    sizes = phone.locator("svg.chart text.group").evaluate_all(
        "labels => labels.map(l => parseFloat(getComputedStyle(l).fontSize)"
        " * l.ownerSVGElement.getScreenCTM().a)"
    )
    assert sizes and min(sizes) >= 10
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_the_audit_trail_stays_within_a_desktop_page_with_long_answers(page: Page):
    kenya = Party.objects.get(iso2="KE")
    grant_role("staff", Role.Kind.SECRETARIAT, party=None, password="pw")
    editor = grant_role("ke-nfp", Role.Kind.FOCAL_POINT, party=kenya, password="pw").user
    draft = open_draft(kenya, ReportingCycle.objects.get(number=5), user=editor)
    save_answers(draft, {"Q013": "https://example.org/" + "a" * 400}, user=editor)
    save_answers(draft, {"Q013": "b" * 600}, user=editor)
    sign_in(page, "staff", "pw")
    page.goto("/audit/?party=KE&cycle=5")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
