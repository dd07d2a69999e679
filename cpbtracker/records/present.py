"""A record's fields in the BCH's order, ready for a page: labels, values in the reader's
language (with the usual fallback), thesaurus terms by label where one is known."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from cpbtracker.lib import inputs
from cpbtracker.lib.content import localized, localized_with_language
from cpbtracker.parties.models import Party
from cpbtracker.records.documents import is_empty, plain_text, value_at
from cpbtracker.records.models import ThesaurusTerm
from cpbtracker.records.schemas import LANGUAGES, RecordSchema, known_terms


@dataclass(frozen=True)
class Shown:
    key: str
    label: str
    kind: str  # text | items | links | references
    value: Any
    language: str = ""  # a text's language (content key), to mark a fallback

    @property
    def is_text(self) -> bool:
        return self.kind == "text"

    @property
    def is_links(self) -> bool:
        return self.kind == "links"

    @property
    def is_references(self) -> bool:
        return self.kind == "references"


def term_labels() -> dict[str, str]:
    """Identifier (upper case) -> label in the reader's language: entered labels first, then
    the text the BCH source attaches, and governments (ISO codes) by name; terms with none of
    these are "unlabelled" (see ``labelled_term``)."""
    labels = {iso2: localized(name) for iso2, name in Party.objects.values_list("iso2", "name")}
    labels.update({key: entry["text"] for key, entry in known_terms().items() if entry["text"]})
    for identifier, label in ThesaurusTerm.objects.values_list("identifier", "label"):
        if localized(label):
            labels[identifier] = localized(label)
    return labels


def _is_lstring(value: Any) -> bool:
    """A text in several languages (``{"en": ..., "fr": ...}``), not a reference or a term."""
    return (
        isinstance(value, dict)
        and bool(value)
        and set(value) <= set(LANGUAGES)
        and all(isinstance(v, str) for v in value.values())
    )


def _text(value: Any) -> str:
    if isinstance(value, dict) and all(isinstance(v, str) for v in value.values()):
        return plain_text(localized(value))
    if isinstance(value, bool):
        return "✓" if value else "✗"
    return str(value)


def labelled_term(identifier: str, labels: dict[str, str]) -> SafeString:
    """A term by its label in the reader's language; one without a label reads "unlabelled
    term", its identifier in the tooltip (never a bare GUID on screen)."""
    label = labels.get(identifier.upper())
    if label:
        return conditional_escape(label)
    return format_html(
        '<span class="unlabelled" title="{}">{}</span>', identifier, _("unlabelled term")
    )


def _term(value: dict, labels: dict[str, str]) -> SafeString:
    label = labelled_term(str(value.get("identifier", "")), labels)
    custom = value.get("customValue")
    return format_html("{}: {}", label, _text(custom)) if custom else label


def show(field_shape: str, value: Any, labels: dict[str, str]) -> tuple[str, Any]:
    items = value if isinstance(value, list) else [value]
    if field_shape in ("term", "terms"):
        return "items", [_term(v, labels) for v in items if isinstance(v, dict)]
    if field_shape in ("reference", "references"):
        return "references", [
            str(v["identifier"]).split("@")[0] for v in items if isinstance(v, dict)
        ]
    if field_shape == "links":
        return "links", [
            {  # a stored address that is not a web link is shown as text, never followed
                "url": v.get("url") if inputs.is_web_link(v.get("url")) else None,
                "name": v.get("name") or v.get("url"),
            }
            for v in items
            if isinstance(v, dict)
        ]
    if field_shape == "strings" or isinstance(value, list):
        return "items", [labels.get(str(v).upper(), _text(v)) for v in items]
    return "text", _text(value)


def present(schema: RecordSchema, document: dict[str, Any]) -> list[Shown]:
    """The document's filled-in fields, in the order of the BCH form (private notes left out)."""
    labels = term_labels()
    shown = []
    for field in schema.fields:
        if field.private or field.key == "header.languages":
            continue
        value = value_at(document, field)
        if is_empty(value):
            continue
        if _is_lstring(value):
            text, language = localized_with_language(value)
            shown.append(Shown(field.key, field.label, "text", plain_text(text), language))
            continue
        kind, rendered = show(field.shape, value, labels)
        shown.append(Shown(field.key, field.label, kind, rendered))
    return shown
