"""``{% download_links formats ... %}``: a page's download links, one per export format, with
the labels of :mod:`cpbtracker.lib.exports`; ``{{ key|format_label }}`` one format's label."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import template
from django.urls import reverse
from django.utils.functional import Promise

from cpbtracker.lib.exports import EXPORT_FORMATS, ExportFormat

register = template.Library()


@register.inclusion_tag("cpbtracker/_download_links.html")
def download_links(
    formats: str | Sequence[ExportFormat], *url: Any, query: str = ""
) -> dict[str, Any]:
    """Links to ``formats`` (keys separated by spaces, or the formats themselves): the URL
    named ``url[0]`` with the arguments ``url[1:]`` and the format's key when given, else the
    page itself with ``query`` and ``format=<key>``."""
    chosen = (
        [EXPORT_FORMATS[key] for key in formats.split()] if isinstance(formats, str) else formats
    )

    def href(key: str) -> str:
        if url:
            return reverse(url[0], args=[*url[1:], key])
        return f"?{query}&format={key}" if query else f"?format={key}"

    return {"links": [(href(f.key), f.label) for f in chosen]}


@register.filter
def format_label(key: str) -> str | Promise:
    """The label of the export format ``key``."""
    return EXPORT_FORMATS[key].label
