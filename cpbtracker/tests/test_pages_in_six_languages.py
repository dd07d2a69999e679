"""The main pages in each of the six languages: the interface from the language's catalogue,
the questionnaire's and the plan's texts in that language (English where a text has none), and
Arabic laid out right to left."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from cpbtracker.indicators.tests.conftest import submit  # noqa: F401
from cpbtracker.lib.content import localized
from cpbtracker.lib.languages import django_codes
from cpbtracker.lib.markup import clean_markup
from cpbtracker.plan.models import Goal, Indicator
from cpbtracker.reporting.models import ReportingCycle
from cpbtracker.reporting.questionnaire import load_questionnaire
from cpbtracker.reporting.services import open_draft

LANGUAGES = django_codes()


def html_of(client: Client, url: str, language: str) -> str:
    response = client.get(url, {"lang": language})
    assert response.status_code == 200, url
    html = response.content.decode()
    direction = "rtl" if language == "ar" else "ltr"
    assert f'<html lang="{language}" dir="{direction}">' in html, url
    return html


def text(html: str) -> str:
    """The page's text with tags removed and spaces collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_main_pages_speak_the_readers_language(personas, submit, language):  # noqa: F811
    submit("KE", 4, {"Q014": {"value": "implementation.none"}})
    submit("CN", 5, {"Q007": {"value": "implementation.draftMeasures"}})
    open_draft(personas.kenya, ReportingCycle.objects.get(number=5), user=personas.ke_nfp)
    client = Client()
    client.force_login(personas.ke_nfp)
    nr5 = load_questionnaire("cpbNationalReport5")
    q007 = nr5.question("Q007")
    article2 = next(s for s in nr5.sections if s.key == "Article2")
    goal, indicator = Goal.objects.get(code="A.1"), Indicator.objects.get(code="A.1(a)")

    with translation.override(language):
        expected = {
            "/plan/": [
                gettext("Implementation Plan and Capacity-Building Action Plan (2021–2030)"),
                localized(goal.title),
            ],
            "/indicators/?cycle=5": [
                gettext("Indicators of the Implementation Plan"),
                localized(indicator.text),
            ],
            "/plan/indicators/A.1(a)/": [gettext("Method"), localized(indicator.text)],
            f"/reports/KE/5/edit/{article2.key}/": [
                clean_markup(localized(article2.title)),
                clean_markup(localized(q007.title)),
            ],
            "/reports/KE/5/submit/": [gettext("Check and submit"), localized(article2.title)],
            "/evaluation/": [gettext("Where the plan stands"), localized(goal.title)],
        }
    for url, strings in expected.items():
        page = text(html_of(client, url, language))
        missing = [s for s in strings if text(escape(s)) not in page and text(s) not in page]
        assert missing == [], url


def test_the_questionnaires_texts_differ_by_language(personas):
    """The form really is in the reader's language: the NR5 format's French and Arabic titles
    of a question, not the English one."""
    open_draft(personas.kenya, ReportingCycle.objects.get(number=5), user=personas.ke_nfp)
    client = Client()
    client.force_login(personas.ke_nfp)
    q007 = load_questionnaire("cpbNationalReport5").question("Q007")
    url = "/reports/KE/5/edit/Article2/"
    for language, key in (("fr", "fr"), ("ar", "ar"), ("ru", "ru"), ("zh-hans", "zh")):
        assert q007.title[key] != q007.title["en"]
        page = text(html_of(client, url, language))
        assert text(clean_markup(q007.title[key])) in page, language
        assert text(clean_markup(q007.title["en"])) not in page, language
