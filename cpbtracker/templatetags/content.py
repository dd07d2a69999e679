"""Template filters for multilingual content dicts."""

from __future__ import annotations

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html

from cpbtracker.lib.content import localized, localized_html, shown_in
from cpbtracker.lib.markup import clean_markup

register = template.Library()


@register.filter(name="localized")
def localized_filter(text: dict[str, str] | None) -> str:
    """``{{ goal.title|localized }}``: the text in the active language, with fallback."""
    return localized(text)


@register.filter(name="localized_html")
def localized_html_filter(text: dict[str, str] | None) -> str:
    """``{{ record.title|localized_html }}``: as ``localized``, a fallback marked with its
    language (``lang``) and a note naming it."""
    return localized_html(text)


@register.simple_tag(name="shown_in")
def shown_in_tag(text: str, used: str) -> str:
    """``{% shown_in answer.text answer.language %}``: a text already picked in ``used``,
    marked as a fallback when that is not the reader's language."""
    return shown_in(text, used)


@register.filter(name="markup")
def markup_filter(text: str | None) -> str:
    """``{{ question.title|markup }}``: the format's markup (``<sup>``, ``<i>``, links), safe."""
    return clean_markup(text or "")


@register.filter(name="signed")
def signed_filter(value: float | None) -> str:
    """``{{ r.change|signed }}``: a change with its sign (+1.5, −2), the decimal mark of the
    reader's language, isolated so that right-to-left text keeps the sign before the number."""
    if value is None:
        return ""
    sign = "+" if value > 0 else "−" if value < 0 else ""
    return format_html("<bdi>{}{}</bdi>", sign, number_format(f"{abs(value):g}", use_l10n=True))
