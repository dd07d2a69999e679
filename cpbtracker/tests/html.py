"""Reading pages as a browser does: parsed HTML, so tests do not depend on attribute order."""

from __future__ import annotations

from django.http import HttpResponse
from lxml import html
from lxml.html import HtmlElement


def parse(response: HttpResponse) -> HtmlElement:
    return html.fromstring(response.content.decode())


def text(element: HtmlElement) -> str:
    """The element's text as shown: white space collapsed."""
    return " ".join(element.text_content().split())
