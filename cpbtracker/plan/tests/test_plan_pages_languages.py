"""Plan pages and API in the reader's language: a translation marked as such, a text missing in
that language shown in another with a note naming both languages."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils.translation import get_language_info, gettext, override

from cpbtracker.plan.content import read_plan
from cpbtracker.plan.services import load_plan
from cpbtracker.plan.tests.translation_fixture import translation, write_translation

pytestmark = pytest.mark.django_db


def fallback_note(reader: str, shown: str) -> str:
    """The note as the reader sees it (language names from Django's own catalogues)."""
    with override(reader):
        return gettext("not available in %(wanted)s, shown in %(shown)s") % {
            "wanted": get_language_info(reader)["name_translated"],
            "shown": get_language_info(shown)["name_translated"],
        }


@pytest.fixture
def untranslated_plan(tmp_path):
    """The plan in Chinese and English only, whatever translation files the package has."""
    load_plan(read_plan(translations_dir=tmp_path / "none"))


@pytest.fixture
def french_plan(tmp_path):
    """The plan with a French translation only (A.1(a) official)."""
    french = translation("fr")
    french["texts"]["A.1(a)"]["status"] = "official"
    write_translation(tmp_path, french)
    load_plan(read_plan(translations_dir=tmp_path))


def get(client, url: str, language: str) -> str:
    client.cookies["django_language"] = language
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def translation_badge(language: str) -> tuple[str, str]:
    """The badge's word and title as a reader of ``language`` sees them."""
    with override(language):
        return (
            gettext("translation"),
            gettext("Our translation of the Chinese text; not the official wording of the plan."),
        )


def item(page: str, code: str) -> str:
    """The list item of ``code`` on a goal page."""
    match = re.search(rf'<span class="code">{re.escape(code)}</span>.*?</li>', page, re.S)
    assert match, code
    return match.group(0)


def test_a_goal_in_french_shows_the_french_texts_marked_as_translation(client, french_plan):
    page = get(client, "/plan/A.1/", "fr")
    word, title = translation_badge("fr")
    assert "[fr] Parties have in place functional national biosafety frameworks" in page
    assert f'<span class="badge" title="{title}">{word}</span>' in page.replace("&#x27;", "'")
    objective = item(page, "A.1.1")
    assert "[fr] Parties have adopted and implemented" in objective
    assert f">{word}</span>" in objective
    official = item(page, "A.1(a)")
    assert "[fr] Percentage of Parties" in official
    assert "badge" not in official
    assert "fallback-note" not in page


def test_a_goal_in_spanish_without_a_translation_falls_back_to_english_with_a_note(
    client, untranslated_plan
):
    page = get(client, "/plan/A.1/", "es")
    note = fallback_note("es", "en")
    assert "Inglés" in note  # the names of the languages are in the reader's language
    assert (
        '<span lang="en" dir="ltr">Parties have in place functional national biosafety frameworks'
        f'</span> <span class="fallback-note">({note})</span>'
    ) in page
    assert note in item(page, "A.1/(i)")


def test_the_chinese_source_text_has_neither_mark_nor_note(client, french_plan):
    page = get(client, "/plan/A.1/", "zh-hans")
    assert "缔约方建立了有效的国家生物安全框架</h1>" in page
    assert "fallback-note" not in page


def test_english_stays_marked_as_our_translation(client):
    page = get(client, "/plan/A.1/", "en")
    assert ">translation</span>" in item(page, "A.1.1")
    assert "fallback-note" not in page


def test_the_overview_and_narrative_in_french(client, french_plan):
    page = get(client, "/plan/", "fr")
    assert "[fr] Areas for implementation" in page
    assert "[fr] Parties have improved the availability" in page
    assert "[fr] Purpose" in page
    assert "[fr] The Implementation Plan is a framework" in page


def test_the_overview_in_russian_notes_every_fallback(client, untranslated_plan):
    page = get(client, "/plan/", "ru")
    assert page.count(fallback_note("ru", "en")) == 2 + 14 + 11 * 2


def test_an_indicator_page_in_french(client, french_plan):
    page = get(client, "/plan/indicators/A.1(b)/", "fr")
    assert "[fr] Percentage of Parties that have designated national focal points" in page
    assert "[fr] Parties have designated competent national authorities" in page


def test_the_api_gives_each_text_in_the_readers_language_with_status_and_fallback(
    client, french_plan
):
    client.cookies["django_language"] = "fr"
    goal = client.get(reverse("goal-detail", args=["A.1"])).json()
    assert goal["title"]["fr"].startswith("[fr] ")
    assert goal["statuses"] == {"zh": "source", "en": "translation", "fr": "translation"}
    assert goal["title_shown"]["language"] == "fr"
    assert goal["title_shown"]["status"] == "translation"
    assert goal["title_shown"]["fallback"] is False
    assert goal["indicators"][0]["text_shown"]["status"] == "official"
    client.cookies["django_language"] = "ar"
    narrative = client.get(reverse("narrative-list")).json()
    assert narrative[0]["title_shown"] == {
        "text": "Purpose",
        "language": "en",
        "status": "translation",
        "fallback": True,
    }
