"""Where a glossary wording was found, in words: the report format's question by number, a
section by title, a record type by name (the glossary's data names them by key and GUID)."""

from __future__ import annotations

import re

from django import template
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from cpbtracker.lib.content import localized
from cpbtracker.records.schemas import record_schemas
from cpbtracker.reporting.models import Schema
from cpbtracker.reporting.questionnaire import load_questionnaire

register = template.Library()

FORMATS = {"nr5": Schema.NR5, "nr4": Schema.NR4}
# "nr5 Q025_b.title", "nr5 Q071_a option 505AA0C7-….title", "schemas focalPoint.title"
SOURCE = re.compile(r"^(?P<kind>\w+)(?: (?P<key>[\w-]+?)(?: option (?P<option>[\w-]+))?\.\w+)?")


@register.filter
def glossary_source(source: str) -> str:
    """``{{ wording.source|glossary_source }}``: the source of a glossary wording in words."""
    found = SOURCE.match(source)
    kind, key = (found["kind"], found["key"]) if found else ("", None)
    if kind in FORMATS:
        return _format_place(Schema(FORMATS[kind]), key or "", found["option"] if found else None)
    if kind == "schemas" and key:
        schemas = record_schemas()
        if key in schemas:
            name = localized(schemas[key].title)
        else:
            name = str(Schema(key).label) if key in Schema.values else key
        return _("clearing-house record type “%(name)s”") % {"name": name}
    if kind == "plan":
        return _("the plan's own wording")
    return _("our translation, to be checked")


def _format_place(schema: Schema, key: str, option: str | None) -> str:
    questionnaire = load_questionnaire(schema)
    words = {"format": str(schema.label)}
    if key in questionnaire:
        words["label"] = questionnaire.question(key).label
        if option:
            return _("%(format)s format, an answer option of question %(label)s") % words
        return _("%(format)s format, question %(label)s") % words
    section = next((s for s in questionnaire.sections if s.key == key), None)
    words["section"] = strip_tags(localized(section.title)) if section else ""
    return _("%(format)s format, section “%(section)s”") % words
