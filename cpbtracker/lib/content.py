"""Multilingual content (plan texts, names) stored as data: ``{"zh": ..., "en": ...}``.

UI strings go through gettext; content goes through :func:`localized`, which falls back from
the user's language to English, then to any language present.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.translation import get_language

# Django language codes -> the keys used in content dicts (UN languages).
CONTENT_KEYS = {
    "zh-hans": "zh",
    "zh": "zh",
    "en": "en",
    "ar": "ar",
    "es": "es",
    "fr": "fr",
    "ru": "ru",
}


def content_key(language: str | None = None) -> str:
    """The content-dict key for a Django language code (default: the active language)."""
    code = (language or get_language() or "en").lower()
    return CONTENT_KEYS.get(code, CONTENT_KEYS.get(code.split("-")[0], "en"))


def localized(text: Mapping[str, str] | None, language: str | None = None) -> str:
    """Pick the text for ``language`` (default: active), else English, else any non-empty one."""
    if not text:
        return ""
    key = content_key(language)
    for candidate in (key, "en"):
        if text.get(candidate):
            return text[candidate]
    return next((value for value in text.values() if value), "")
