"""``{% joinlines %}…{% endjoinlines %}``: an inline fragment laid out one idea per line."""

from __future__ import annotations

import re
from typing import cast

from django import template
from django.template.base import Parser, TextNode, Token
from django.template.context import Context
from django.utils.safestring import SafeString

register = template.Library()

# A line break of the template and the indentation of the line it starts.
_TEMPLATE_LINE_BREAK = re.compile(r"\n[ \t]*")


class _JoinedLines(template.Node):
    def __init__(self, nodelist: template.NodeList) -> None:
        self.nodelist = nodelist

    def render(self, context: Context) -> SafeString:
        return self.nodelist.render(context)


@register.tag
def joinlines(parser: Parser, token: Token) -> _JoinedLines:
    """The template's own line breaks inside the block are dropped with the indentation after
    them, so a fragment shown inside a line of text (a value, a status) can be written one
    element or condition per line without adding spaces to what it renders. A space the text
    needs stays written on its line; the values rendered (a label, a reason) keep their own
    line breaks."""
    nodelist = parser.parse(("endjoinlines",))
    parser.delete_first_token()
    for node in cast("list[TextNode]", nodelist.get_nodes_by_type(TextNode)):
        node.s = _TEMPLATE_LINE_BREAK.sub("", node.s)
    return _JoinedLines(nodelist)
