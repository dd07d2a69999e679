"""The six UN languages are listed once, in ``cpbtracker/lib/languages.py``: settings, the
catalogues, CLDR and Django agree with the list, and no other module spells the six out."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from babel import Locale
from django.conf import settings
from django.utils import translation
from django.utils.translation import get_language_info

from cpbtracker.lib.languages import (
    SOURCE_LANGUAGE,
    UN_LANGUAGES,
    by_django_code,
    by_key,
    django_codes,
    rtl_codes,
)

PACKAGE = Path(__file__).resolve().parents[1]
ROOT = PACKAGE.parent
CATALOGUES = (PACKAGE / "locale", PACKAGE / "records" / "locale", PACKAGE / "capacity" / "locale")
# Arabic, Spanish, French, Russian and one spelling of Chinese: a list of the languages.
OTHERS = {"ar", "es", "fr", "ru"}
CHINESE = {"zh", "zh-hans", "zh_hans"}
WORD = re.compile(r"[A-Za-z_-]+")


def test_settings_list_the_six_languages_in_their_order_arabic_right_to_left():
    assert [code for code, _name in settings.LANGUAGES] == list(django_codes())
    assert django_codes() == ("en", "zh-hans", "ar", "es", "fr", "ru")
    assert settings.LANGUAGES_BIDI == rtl_codes() == ["ar"]


def test_the_settings_name_each_language_in_the_readers_language():
    with translation.override("fr"):
        names = {code: str(name) for code, name in settings.LANGUAGES}
    assert (names["ar"], names["zh-hans"], names["en"]) == (
        "Arabe",
        "Chinois (simplifié)",
        "Anglais",
    )


@pytest.mark.parametrize("language", UN_LANGUAGES, ids=lambda language: language.key)
def test_django_and_cldr_agree_with_each_language(language):
    assert by_key(language.key) == by_django_code(language.django_code) == language
    assert get_language_info(language.django_code)["bidi"] == language.is_rtl
    cldr = Locale.parse(language.locale)
    assert cldr.character_order == ("right-to-left" if language.is_rtl else "left-to-right")
    assert cldr.language == language.key


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=lambda path: path.parent.name)
def test_every_language_but_english_has_a_compiled_catalogue(catalogue):
    missing = [
        language.catalogue
        for language in UN_LANGUAGES
        if language != SOURCE_LANGUAGE
        and not (catalogue / language.catalogue / "LC_MESSAGES" / "django.mo").is_file()
    ]
    assert missing == []


def spells_out_the_languages(words: Iterable[str]) -> bool:
    lowered = {word.lower() for word in words}
    return OTHERS <= lowered and bool(CHINESE & lowered)


def literals_listing_the_languages(source: str) -> Iterator[int]:
    """Line numbers of tuples, lists, sets and dicts, and of strings, naming the languages."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Tuple | ast.List | ast.Set | ast.Dict):
            strings = [
                n.value
                for n in ast.walk(node)
                if isinstance(n, ast.Constant) and isinstance(n.value, str)
            ]
            if spells_out_the_languages(strings):
                yield node.lineno
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            if spells_out_the_languages(WORD.findall(node.value)):
                yield node.lineno


def lines_listing_the_languages(source: str) -> Iterator[int]:
    for number, line in enumerate(source.splitlines(), start=1):
        if spells_out_the_languages(WORD.findall(line)):
            yield number


def sources() -> Iterator[Path]:
    for path in (*PACKAGE.rglob("*.py"), *PACKAGE.rglob("*.html"), *ROOT.glob("bench/*.py")):
        parts = path.relative_to(ROOT).parts
        if "tests" in parts or "locale" in parts or path == PACKAGE / "lib" / "languages.py":
            continue
        yield path
    yield ROOT / "Makefile"


def test_no_other_module_spells_out_the_languages():
    found = []
    for path in sources():
        source = path.read_text(encoding="utf-8")
        lines = (
            literals_listing_the_languages if path.suffix == ".py" else lines_listing_the_languages
        )
        found += [f"{path.relative_to(ROOT)}:{line}" for line in lines(source)]
    assert found == []


def test_the_scan_finds_a_list_of_the_languages():
    assert list(literals_listing_the_languages('LANGUAGES = ("en", "zh", "ar", "es", "fr", "ru")'))
    assert list(
        literals_listing_the_languages(
            'CODES = {"zh": "zh-hans", "ar": "ar", "es": "es",\n"fr": "fr", "ru": "ru"}'
        )
    )
    assert list(literals_listing_the_languages('ARGS = "-l zh_Hans -l ar -l es -l fr -l ru"'))
    assert list(lines_listing_the_languages("LANGS := -l zh_Hans -l ar -l es -l fr -l ru"))
    assert not list(literals_listing_the_languages('PAIR = ("zh", "ar")'))
