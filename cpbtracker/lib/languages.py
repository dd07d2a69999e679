"""The six UN languages of the site and of the Biosafety Clearing-House, listed once.

Each language carries every spelling the project uses for it: the key of multilingual content
(``{"zh": ..., "en": ...}``, as the BCH writes it), Django's language code, the CLDR locale
(Babel, ICU) and the gettext catalogue's folder. Settings, content, documents, templates and
tests read them from here. ``settings.py`` imports this module, so it uses no Django at import
time beyond lazy gettext.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Language:
    key: str  # of multilingual content dicts and the BCH's documents
    django_code: str  # settings.LANGUAGES, the lang attribute, ?lang=
    own_name: str  # the name in the language itself, for the language switch
    name: Promise  # the name in the reader's language (settings.LANGUAGES)
    direction: Literal["ltr", "rtl"]
    locale: str  # Unicode CLDR locale: names, collation, number and date formats
    catalogue: str  # the gettext catalogue's folder under locale/

    @property
    def is_rtl(self) -> bool:
        return self.direction == "rtl"


# In the order the site lists them (the BCH's order).
UN_LANGUAGES: tuple[Language, ...] = (
    Language("en", "en", "English", _("English"), "ltr", "en", "en"),
    Language("zh", "zh-hans", "中文", _("Chinese (Simplified)"), "ltr", "zh_Hans", "zh_Hans"),
    Language("ar", "ar", "العربية", _("Arabic"), "rtl", "ar", "ar"),
    Language("es", "es", "Español", _("Spanish"), "ltr", "es", "es"),
    Language("fr", "fr", "Français", _("French"), "ltr", "fr", "fr"),
    Language("ru", "ru", "Русский", _("Russian"), "ltr", "ru", "ru"),
)
# The language the interface is written in: the other languages have gettext catalogues.
SOURCE_LANGUAGE = UN_LANGUAGES[0]


def by_key(key: str) -> Language:
    """The language of a content key (``zh``); KeyError for another key."""
    for language in UN_LANGUAGES:
        if language.key == key:
            return language
    raise KeyError(key)


def by_django_code(code: str) -> Language:
    """The language of a Django language code (``zh-hans``); KeyError for another code."""
    for language in UN_LANGUAGES:
        if language.django_code == code:
            return language
    raise KeyError(code)


def content_keys() -> tuple[str, ...]:
    """The content keys, in the site's order: ``("en", "zh", "ar", ...)``."""
    return tuple(language.key for language in UN_LANGUAGES)


def django_codes() -> tuple[str, ...]:
    """The Django language codes, in the site's order: ``("en", "zh-hans", "ar", ...)``."""
    return tuple(language.django_code for language in UN_LANGUAGES)


def rtl_codes() -> list[str]:
    """The Django codes of the languages written right to left (settings.LANGUAGES_BIDI)."""
    return [language.django_code for language in UN_LANGUAGES if language.is_rtl]


def translated_catalogues() -> tuple[str, ...]:
    """The catalogue folders of the languages the interface is translated into."""
    return tuple(language.catalogue for language in UN_LANGUAGES if language != SOURCE_LANGUAGE)


def makemessages_arguments() -> str:
    """``-l zh_Hans -l ar ...``: the catalogues for makemessages and compilemessages."""
    return " ".join(f"-l {catalogue}" for catalogue in translated_catalogues())
