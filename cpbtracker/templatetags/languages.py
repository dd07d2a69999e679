"""The site's languages in templates: the header's language switch and the page's direction."""

from __future__ import annotations

from django import template
from django.utils.translation import get_language

from cpbtracker.lib.content import content_key
from cpbtracker.lib.languages import UN_LANGUAGES, Language, by_key

register = template.Library()


@register.simple_tag
def site_languages() -> tuple[Language, ...]:
    """``{% site_languages as languages %}``: the six languages, each with its own name."""
    return UN_LANGUAGES


@register.simple_tag
def current_language() -> Language:
    """``{% current_language as language %}``: the page's language, for ``lang`` and ``dir``."""
    return by_key(content_key(get_language()))
