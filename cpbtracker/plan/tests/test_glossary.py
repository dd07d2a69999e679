"""The glossary: every term in six languages with its source, and translations that use it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.utils.translation import get_language_info, override
from lxml import html

from cpbtracker.lib.yamlfile import load_yaml
from cpbtracker.plan.content import (
    PLAN_LANGUAGES,
    TRANSLATED_LANGUAGES,
    TRANSLATIONS_DIR,
    PlanDataError,
    packaged_plan,
)
from cpbtracker.plan.glossary import (
    SOURCE_KINDS,
    packaged_glossary,
    parse_glossary,
    plan_text_pairs,
    unused_terms,
)

SAMPLE = Path(__file__).parent / "assets" / "fr-sample.yaml"


def test_every_term_has_six_languages_each_with_its_source():
    glossary = packaged_glossary()
    assert len(glossary) >= 25
    for term in glossary:
        assert set(term.wordings) == set(PLAN_LANGUAGES), term.key
        for language, wording in term.wordings.items():
            assert wording.term.strip(), (term.key, language)
            assert wording.source_kind in SOURCE_KINDS, (term.key, language)
    bch = [w for t in glossary for w in t.wordings.values() if w.source_kind in ("nr5", "nr4")]
    assert (
        len(bch) + sum(w.source_kind == "schemas" for t in glossary for w in t.wordings.values())
        >= 25 * 6 - 12
    )  # nearly all wordings are the BCH's own
    keys = {t.key for t in glossary}
    for key in ["living-modified-organism", "competent-national-authority", "transit"]:
        assert key in keys


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"key": "lmo", "en": {"term": "LMO", "source": "plan"}}, "lmo: zh: no term"),
        (
            {
                "key": "lmo",
                **{
                    lang: {"term": "x", "source": "nr5 Q1.title"}
                    for lang in "zh en ar es fr".split()
                },
                "ru": {"term": "ЖИО", "source": "somewhere"},
            },
            "lmo: ru: source must start with one of",
        ),
    ],
)
def test_a_term_without_a_language_or_a_source_is_refused(entry, message):
    with pytest.raises(PlanDataError, match=message):
        parse_glossary({"terms": [entry]})


def test_the_check_finds_a_term_a_translation_does_not_use():
    texts = load_yaml(SAMPLE.read_text(encoding="utf-8"))["texts"]
    english = {
        i.code: i.text["en"]
        for g in packaged_plan().goals
        for i in g.objectives + g.capacity_set.areas
    }
    pairs = [(english[code], fields["text"]) for code, fields in texts.items()]
    assert unused_terms(pairs[:1], "fr", packaged_glossary()) == []
    assert unused_terms(pairs, "fr", packaged_glossary()) == ["living-modified-organism"]


def test_a_term_is_matched_as_whole_words_and_forms():
    transit = next(t for t in packaged_glossary() if t.key == "transit")
    assert not transit.wordings["en"].used_in("a transition period")
    assert transit.wordings["fr"].used_in("le Transit des OVM")
    lmo = next(t for t in packaged_glossary() if t.key == "living-modified-organism")
    assert lmo.wordings["ar"].used_in("نقل الكائنات الحية المحورة")  # without the shadda
    assert lmo.wordings["ru"].used_in("обнаружение ЖИО")


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_each_translation_file_uses_the_glossarys_terms(language):
    """Runs on the real translation files that exist; a language without one has no text."""
    pairs = plan_text_pairs(packaged_plan(), language)
    assert bool(pairs) == (TRANSLATIONS_DIR / f"{language}.yaml").exists()
    assert unused_terms(pairs, language, packaged_glossary()) == []


@pytest.mark.django_db
def test_the_glossary_page_puts_the_readers_language_first_with_the_others_beside(client):
    assert 'href="/plan/glossary/"' in client.get("/plan/").content.decode()
    client.cookies["django_language"] = "fr"
    page = client.get("/plan/glossary/").content.decode()
    headers = page[page.index("<thead>") : page.index("</thead>")]
    with override("fr"):
        names = [str(get_language_info(c)["name_translated"]) for c in ("fr", "zh-hans", "en")]
    assert headers.index(names[0]) < headers.index(names[1]) < headers.index(names[2])
    assert '<td lang="fr"><strong>autorité nationale compétente</strong>' in page
    assert '<td lang="ar" dir="rtl">السلطة الوطنية المختصة' in page
    assert '<td lang="zh-hans">国家主管部门' in page
    # where each wording was found, in the reader's words: a record type by name, a question
    # by number, never the format's keys or option identifiers
    assert "schemas authority.title" not in page
    shown = " ".join(html.fromstring(page).text_content().split())
    assert re.search(r"Q\d{3}_|[0-9A-F]{8}-[0-9A-F]{4}", shown) is None
    client.cookies["django_language"] = "ru"
    page = client.get("/plan/glossary/").content.decode()
    assert '<td lang="ru"><strong>компетентный национальный орган</strong>' in page


def test_star_is_in_six_languages_and_russian_says_spr_r_after_a_un_document():
    star = next(t for t in packaged_glossary() if t.key.startswith("system-for-transparent"))
    assert star.wordings["en"].abbreviation == "STAR"
    assert star.wordings["ru"].term == "Система прозрачного распределения ресурсов"
    assert star.wordings["ru"].abbreviation == "СПРР"
    assert star.wordings["ru"].source == "un UNEP/CBD/COP/10/6"
    texts = dict(plan_text_pairs(packaged_plan(), "ru"))
    english = {i.code: i.text["en"] for g in packaged_plan().goals for i in g.objectives}
    assert "(СПРР)" in texts[english["B.2.2"]]


def test_the_check_catches_an_abbreviation_that_is_off():
    english = (
        "Among eligible Parties, percentage of Parties that use their national STAR allocation"
    )
    glossary = packaged_glossary()
    star = [t for t in glossary if t.key.startswith("system-for-transparent")]
    assert unused_terms([(english, "… выделенные им средства по линии СПРР …")], "ru", star) == []
    assert unused_terms([(english, "… выделенные им средства по линии СТАР …")], "ru", star) == [
        star[0].key
    ]
    # the full term with the wrong abbreviation is off too: Russian abbreviates STAR as СПРР
    full = "Системы прозрачного распределения ресурсов (СТАР)"
    assert unused_terms([(english, full)], "ru", star) == [star[0].key]
    # Arabic has no abbreviation: the term itself is what the text must use
    assert unused_terms([(english, "نظام التخصيص الشفاف للموارد")], "ar", star) == []
    assert unused_terms([(english, "STAR")], "ar", star) == [star[0].key]


@pytest.mark.django_db
def test_the_glossary_page_names_its_sources_in_words(client):
    page = client.get("/plan/glossary/").content.decode()
    shown = " ".join(html.fromstring(page).text_content().split())
    assert "clearing-house record type “National Focal Points”" in shown  # focalPoint.title
    assert "5th national report format, question 25 (b)" in shown  # Q025_b.title
    # Q071_a is the follow-up of 71; its option is named by the question, not by its GUID
    assert "5th national report format, an answer option of question 71" in shown
    assert "4th national report format, section “Article 33 – Monitoring and reporting”" in shown
    assert re.search(r"Q\d{3}_|[0-9A-F]{8}-[0-9A-F]{4}|focalPoint", shown) is None
