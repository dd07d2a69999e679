"""Templates are laid out one element per line, so that a change reads as a change of one idea.

The rule: no line of a template is longer than 200 characters, unless the line, stripped, is
a single element or a single translation:

- one HTML tag on its own (a start tag with many attributes), or
- one ``{% translate %}`` tag, or one ``{% blocktranslate %}…{% endblocktranslate %}`` block,
  alone or as the whole content of one element (``<p class="note">{% translate "…" %}</p>``):
  a translation's text is a catalogue's message id and cannot be broken.
"""

from __future__ import annotations

import re
from pathlib import Path

from django.template import Context, Template

PACKAGE = Path(__file__).resolve().parents[1]
LONGEST_LINE = 200

_TRANSLATE = r"""\{% translate (?:"[^"]*"|'[^']*')[^%]*%\}"""
# The text of a block translation: anything but a template tag, except its plural marker.
_BLOCKTRANSLATE = (
    r"\{% blocktranslate\b[^%]*%\}(?:[^{]|\{(?!%)|\{% plural %\})*\{% endblocktranslate %\}"
)
_TRANSLATION = f"(?:{_TRANSLATE}|{_BLOCKTRANSLATE})"
SINGLE_ELEMENT_OR_TRANSLATION = re.compile(
    rf"<[^<>]+>|{_TRANSLATION}|<(\w+)\b[^<>]*>{_TRANSLATION}</\1>", re.DOTALL
)


def overlong_lines(path: Path) -> list[int]:
    """The numbers of the lines of a template that break the rule of this module."""
    return [
        number
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if len(line) > LONGEST_LINE and not SINGLE_ELEMENT_OR_TRANSLATION.fullmatch(line.strip())
    ]


def test_every_template_line_is_short_or_a_single_element_or_translation():
    templates = sorted(PACKAGE.glob("**/templates/**/*.html"))
    assert len(templates) > 50
    found = {str(path.relative_to(PACKAGE)): overlong_lines(path) for path in templates}
    assert {name: lines for name, lines in found.items() if lines} == {}


def test_the_rule_holds_a_translation_whole_and_refuses_a_long_run_of_elements():
    long_text = "word " * 50
    assert SINGLE_ELEMENT_OR_TRANSLATION.fullmatch(
        f'<p class="note">{{% translate "{long_text}" %}}</p>'
    )
    assert SINGLE_ELEMENT_OR_TRANSLATION.fullmatch(
        f"{{% blocktranslate count n=k %}}{{{{ n }}}} {long_text}{{% plural %}}{{{{ n }}}} "
        f"{long_text}{{% endblocktranslate %}}"
    )
    assert not SINGLE_ELEMENT_OR_TRANSLATION.fullmatch(
        f'<p>{{% if a %}}{{% translate "{long_text}" %}}{{% endif %}}</p>'
    )
    assert not SINGLE_ELEMENT_OR_TRANSLATION.fullmatch(
        f'<li>{{% translate "a" %}}</li><li>{{% translate "{long_text}" %}}</li>'
    )


def test_joinlines_drops_the_templates_line_breaks_and_keeps_the_texts_spaces():
    fragment = Template(
        "{% load layout %}{% joinlines %}\n"
        "<span>\n"
        "  {{ value }}%\n"
        "</span>\n"
        "{% if reason %} <span>({{ reason }})</span>{% endif %}\n"
        "{% endjoinlines %}"
    )
    shown = fragment.render(Context({"value": 12, "reason": "two\nlines"}))
    assert shown == "<span>12%</span> <span>(two\nlines)</span>"
