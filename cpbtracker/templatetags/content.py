"""Template filters for multilingual content dicts."""

from __future__ import annotations

from django import template

from cpbtracker.lib.content import localized

register = template.Library()


@register.filter(name="localized")
def localized_filter(text: dict[str, str] | None) -> str:
    """``{{ goal.title|localized }}``: the text in the active language, with fallback."""
    return localized(text)
