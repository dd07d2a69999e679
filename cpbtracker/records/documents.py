"""Reading BCH record documents: shape checks and the indexed fields. Plain Python, no database.

A problem is a coded :class:`Problem` about a field (its ``key``), worded in the reader's language
when shown. Only the fields the schema declares are checked, by
shape; unknown fields are kept as they are. Mandatory fields are checked when a draft is
published here, not on import: the BCH validated imported documents on its own server.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from cpbtracker.lib import inputs
from cpbtracker.lib.problems import Problem, register_messages
from cpbtracker.records.schemas import TITLE_FIELDS, Field, RecordSchema

DATE_FIELDS = ("date", "publicationDate", "entryIntoForce", "startDate")
TAG = re.compile(r"<[^>]+>")


register_messages(
    {
        "record.field-shape": _("must be %(expected)s"),
        "record.field-required": _("is required"),
    }
)


def plain_text(html: str) -> str:
    """Rich text (BCH lstringRte) as plain text: tags dropped, white space collapsed."""
    return " ".join(TAG.sub(" ", html).split())


def _is_lstring(value: Any) -> bool:
    return isinstance(value, dict) and all(isinstance(v, str) for v in value.values())


def _has_identifier(value: Any) -> bool:
    return isinstance(value, dict) and isinstance(value.get("identifier"), str)


def _list_of(check: Callable[[Any], bool]) -> Callable[[Any], bool]:
    return lambda value: isinstance(value, list) and all(check(v) for v in value)


def _is_date(value: Any) -> bool:
    try:
        dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return False
    return isinstance(value, str)


# shape -> (check, what a value of that shape is, said to the person importing)
SHAPES: dict[str, tuple[Callable[[Any], bool], str | Promise]] = {
    "lstring": (_is_lstring, _('a text by language, e.g. {"en": "..."}')),
    "lstrings": (_list_of(_is_lstring), _("a list of texts by language")),
    "term": (_has_identifier, _('a term {"identifier": "..."}')),
    "terms": (_list_of(_has_identifier), _('a list of terms {"identifier": "..."}')),
    "reference": (_has_identifier, _('a reference {"identifier": "..."}')),
    "references": (_list_of(_has_identifier), _('a list of references {"identifier": "..."}')),
    "links": (
        _list_of(lambda v: isinstance(v, dict) and inputs.is_web_link(v.get("url"))),
        _('a list of links {"url": "..."}'),  # web links only: http(s) with a host
    ),
    "date": (_is_date, _("a date YYYY-MM-DD")),
    "bool": (lambda v: isinstance(v, bool), _("true or false")),
    "number": (
        lambda v: isinstance(v, int | float) and not isinstance(v, bool),
        _("a number"),
    ),
    "strings": (_list_of(lambda v: isinstance(v, str)), _("a list of strings")),
    "string": (lambda v: isinstance(v, str), _("a string")),
    "any": (lambda v: True, _("anything")),
}


def value_at(document: dict[str, Any], field: Field) -> Any:
    """The field's value, or None when absent (or under a list of objects)."""
    value: Any = document
    for part in field.path:
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def is_empty(value: Any) -> bool:
    if isinstance(value, dict):
        return not any(not is_empty(v) for v in value.values())
    if isinstance(value, list):
        return not value
    return value is None or value == ""


def shape_problems(schema: RecordSchema, document: dict[str, Any]) -> list[Problem]:
    problems = []
    for field in schema.fields:
        value = value_at(document, field)
        if value is None:
            continue
        check, expected = SHAPES[field.shape]
        if not check(value):
            problems.append(Problem("record.field-shape", {"expected": expected}, key=field.key))
    texts = inputs.json_control_character_problem(document, field="")
    return [*problems, texts] if texts else problems


def missing_mandatory(schema: RecordSchema, document: dict[str, Any]) -> list[Problem]:
    """Fields the BCH form marks as always required that are empty."""
    return [
        Problem("record.field-required", key=f.key)
        for f in schema.fields
        if f.mandatory == "yes" and is_empty(value_at(document, f))
    ]


def title_of(document: dict[str, Any]) -> dict[str, str]:
    """The record's name by language (a person: first and last name)."""
    for key in TITLE_FIELDS:
        value = document.get(key)
        if isinstance(value, dict) and _is_lstring(value) and not is_empty(value):
            return dict(value)
        if isinstance(value, str) and value:
            return {"en": value}
    person = " ".join(
        _any_text(document.get(k)) for k in ("firstName", "lastName") if document.get(k)
    )
    return {"en": person} if person else {}


def _any_text(value: Any) -> str:
    if isinstance(value, dict):
        return value.get("en") or next((v for v in value.values() if v), "")
    return str(value)


def search_text(schema: RecordSchema, document: dict[str, Any]) -> str:
    """Every language of the record's texts (titles, descriptions), without HTML tags."""
    parts = []
    for field in schema.fields:
        value = value_at(document, field)
        if field.shape == "lstring" and _is_lstring(value):
            parts += [plain_text(v) for v in value.values() if v]
        elif field.shape == "string" and isinstance(value, str) and field.key in TITLE_FIELDS:
            parts.append(value)
    return " ".join(parts)


def date_of(document: dict[str, Any]) -> dt.date | None:
    for key in DATE_FIELDS:
        value = document.get(key)
        if value and _is_date(value):
            return dt.date.fromisoformat(value[:10])
    return None


def terms_of(schema: RecordSchema, document: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(field key, identifier in upper case) of every thesaurus term the document carries."""
    for field in schema.fields:
        value = value_at(document, field)
        if value is None:
            continue
        if field.shape == "term" and _has_identifier(value):
            yield field.key, value["identifier"].upper()
        elif field.shape == "terms" and isinstance(value, list):
            yield from ((field.key, v["identifier"].upper()) for v in value if _has_identifier(v))
        elif field.shape == "strings" and field.thesaurus and isinstance(value, list):
            yield from ((field.key, str(v).upper()) for v in value)


def identifiers(value: Any) -> list[str]:
    """The identifiers of a term, reference or a list of them (upper case, in order)."""
    items = value if isinstance(value, list) else [value]
    return [str(v["identifier"]).upper() for v in items if _has_identifier(v)]


def government_code(document: dict[str, Any]) -> str:
    """The government's ISO alpha-2 code in upper case ("" when none)."""
    government = document.get("government")
    return str(government.get("identifier", "")).upper() if isinstance(government, dict) else ""
