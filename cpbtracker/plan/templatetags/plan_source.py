"""``{% plan_document as doc %}``: where the plan text comes from (symbol, date, status);
``{% plan_text goal.title goal.statuses %}``: a plan text in the reader's language, marked."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from cpbtracker.lib.content import localized_with_language, shown_in
from cpbtracker.plan.content import packaged_plan
from cpbtracker.plan.models import TextStatus

register = template.Library()


@register.simple_tag
def plan_document() -> dict[str, Any]:
    return packaged_plan().document


@register.simple_tag
def plan_text(text: dict[str, str] | None, statuses: dict[str, str] | None) -> SafeString:
    """The text in the reader's language (a fallback marked with its language and a note),
    with a "translation" badge when the text shown is our translation, not the plan's wording."""
    shown, used = localized_with_language(text)
    html = shown_in(shown, used)
    if (statuses or {}).get(used) == TextStatus.TRANSLATION:
        html = format_html(
            '{} <span class="badge" title="{}">{}</span>',
            html,
            _("Our translation of the Chinese text; not the official wording of the plan."),
            _("translation"),
        )
    return html
