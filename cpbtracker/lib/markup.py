"""The markup inside report-format texts (``<sup>``, ``<i>``, links), made safe to show.

Format texts come from outside (the BCH formats); only an allow-list of inline tags and
plain links survives, everything else (scripts, event handlers, styles) is removed.
"""

from __future__ import annotations

import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {"a", "b", "br", "em", "i", "li", "ol", "p", "strong", "sub", "sup", "u", "ul"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}


def clean_markup(text: str) -> SafeString:
    """``text`` with only the allowed tags and attributes, ready to put in a page."""
    return mark_safe(  # noqa: S308 - nh3 has just removed everything not on the allow-list
        nh3.clean(
            text,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes=URL_SCHEMES,
            link_rel="noopener noreferrer",
        )
    )
