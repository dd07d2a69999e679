from __future__ import annotations

from django import template
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from cpbtracker.records.consistency import CONSISTENT, CONTRADICTS, MISSING

register = template.Library()

# The BCH form's mandatory marks, as its forms show them.
MANDATORY_MARKS = {"yes": " *", "conditional": " (*)"}

VERDICT_LABELS = {
    CONSISTENT: _("consistent"),
    MISSING: _("missing from the clearing-house"),
    CONTRADICTS: _("contradicts"),
}


@register.filter
def mandatory_mark(mark: object) -> str:
    """`` *`` for a field the BCH always requires, `` (*)`` for one it requires in some cases."""
    return MANDATORY_MARKS.get(str(mark), "")


@register.filter
def verdict_label(verdict: str) -> str:
    """A consistency verdict in the reader's language."""
    return str(VERDICT_LABELS.get(verdict, verdict))


@register.filter
def get_item(mapping: dict, key: object) -> object:
    return mapping.get(key, key)


@register.simple_tag
def facet_query(chosen: dict[str, str], name: str = "", value: object = "") -> str:
    """The current filters, with ``name`` set to ``value`` if given (back to the first page)."""
    query = QueryDict(mutable=True)
    query.update({**chosen, **({name: str(value)} if name else {})})
    return query.urlencode()
