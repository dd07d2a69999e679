"""Multilingual content (plan texts, names, answers, records) stored as data:
``{"zh": ..., "en": ...}``.

UI strings go through gettext; content goes through :func:`localized`, which falls back from
the user's language to English, then to any language present. Pages show a fallback with
:func:`shown_in`: the text marked with its language and a note naming it.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _

from cpbtracker.lib.languages import UN_LANGUAGES, by_key

# Django language codes (and the content keys themselves) -> the keys of content dicts.
CONTENT_KEYS = {
    **{language.django_code: language.key for language in UN_LANGUAGES},
    **{language.key: language.key for language in UN_LANGUAGES},
}


def content_key(language: str | None = None) -> str:
    """The content-dict key for a Django language code (default: the active language)."""
    code = (language or get_language() or "en").lower()
    return CONTENT_KEYS.get(code, CONTENT_KEYS.get(code.split("-")[0], "en"))


def cldr_locale(language: str | None = None) -> str:
    """The CLDR locale of a Django language code (default: the active language)."""
    return by_key(content_key(language)).locale


def localized_with_language(
    text: Mapping[str, str] | None, language: str | None = None
) -> tuple[str, str]:
    """``(text, key of the language it is in)`` for ``language`` (default: active), else
    English, else any non-empty one; ``("", "")`` when there is no text."""
    if not text:
        return "", ""
    key = content_key(language)
    for candidate in (key, "en"):
        if text.get(candidate):
            return text[candidate], candidate
    return next(((value, lang) for lang, value in text.items() if value), ("", ""))


def localized(text: Mapping[str, str] | None, language: str | None = None) -> str:
    """Pick the text for ``language`` (default: active), else English, else any non-empty one."""
    return localized_with_language(text, language)[0]


def language_name(key: str) -> str:
    """The name of a content language in the active language ("French", "法语")."""
    try:
        return str(get_language_info(by_key(key).django_code)["name_translated"])
    except KeyError:
        return key


def shown_in(text: str, used: str, language: str | None = None) -> SafeString:
    """``text`` as HTML for a reader of ``language`` (default: active). When the text is in
    another language (``used``, a content key), it is wrapped in a span carrying its ``lang``
    and direction, followed by a note naming the language shown."""
    if not used or used == content_key(language):
        return conditional_escape(text)
    try:
        shown = by_key(used)
    except KeyError:
        code, direction = used, "auto"
    else:
        code, direction = shown.django_code, shown.direction
    note = _("not available in %(wanted)s, shown in %(shown)s") % {
        "wanted": language_name(content_key(language)),
        "shown": language_name(used),
    }
    return format_html(
        '<span lang="{}" dir="{}">{}</span> <span class="fallback-note">({})</span>',
        code,
        direction,
        text,
        note,
    )


def localized_html(text: Mapping[str, str] | None, language: str | None = None) -> SafeString:
    """The content in the reader's language as HTML, a fallback marked (see :func:`shown_in`)."""
    return shown_in(*localized_with_language(text, language), language)
