from __future__ import annotations

from django import template
from django.http import QueryDict

register = template.Library()


@register.filter
def get_item(mapping: dict, key: object) -> object:
    return mapping.get(key, key)


@register.simple_tag
def facet_query(chosen: dict[str, str], name: str = "", value: object = "") -> str:
    """The current filters, with ``name`` set to ``value`` if given (back to the first page)."""
    query = QueryDict(mutable=True)
    query.update({**chosen, **({name: str(value)} if name else {})})
    return query.urlencode()
