"""The header's language switch: each language in its own name."""

from __future__ import annotations

from django import template

from cpbtracker.accounts.language import language_choices

register = template.Library()


@register.simple_tag
def site_languages() -> list[tuple[str, str]]:
    """``{% site_languages as languages %}``: (code, own name) of each of the six languages."""
    return language_choices()
