"""How the indicator pages name a method's source (stored as a code)."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext_lazy as _

from cpbtracker.indicators.engine.methods import packaged_methods
from cpbtracker.lib.content import localized

register = template.Library()

# One label per source of indicators.engine.methods.SOURCES.
SOURCE_LABELS = {
    "report": _("national reports"),
    "records": _("clearing-house records"),
    "membership": _("Parties registry"),
    "manual": _("figures entered by the Secretariat"),
    "cases": _("Compliance Committee cases"),
}


@register.filter(name="source_label")
def source_label(source: str) -> str:
    """``{{ method.source|source_label }}``: the source in the reader's language."""
    return str(SOURCE_LABELS.get(source, source))


@register.filter(name="proxy_label")
def proxy_label(code: str) -> str:
    """What the indicator's number stands in for, when it is a proxy ("" otherwise)."""
    method = next((m for m in packaged_methods() if m.code == code), None)
    return localized(method.proxy_label) if method and method.proxy_label else ""
