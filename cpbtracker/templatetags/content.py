"""Template filters for multilingual content dicts."""

from __future__ import annotations

from django import template

from cpbtracker.lib.content import localized
from cpbtracker.lib.markup import clean_markup

register = template.Library()


@register.filter(name="localized")
def localized_filter(text: dict[str, str] | None) -> str:
    """``{{ goal.title|localized }}``: the text in the active language, with fallback."""
    return localized(text)


@register.filter(name="markup")
def markup_filter(text: str | None) -> str:
    """``{{ question.title|markup }}``: the format's markup (``<sup>``, ``<i>``, links), safe."""
    return clean_markup(text or "")
