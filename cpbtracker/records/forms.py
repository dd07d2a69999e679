"""Entry forms for national records, generated from the BCH field data.

One form field per document field, in the BCH order: a text box per record language for
multilingual texts, a picker for thesaurus terms (the terms the source lists, or identifiers
one per line where it lists none), one line per reference, link or value for lists. Mandatory
fields are marked (and checked when the record is published); conditional ones carry the
BCH's condition as help. Fields the form does not show are kept as they are.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cpbtracker.records.documents import value_at
from cpbtracker.records.schemas import LANGUAGES, Field, RecordSchema, domain_terms

SKIPPED = ("header.languages", "government")
SEPARATOR = "__"


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _name(field: Field, language: str = "") -> str:
    return field.key.replace(".", "-") + (SEPARATOR + language if language else "")


def _help(field: Field) -> str:
    return field.notes if field.mandatory == "conditional" else ""


def _form_fields(field: Field, languages: list[str]) -> dict[str, forms.Field]:
    """The form field(s) for one document field (several for a multilingual text)."""
    common: dict[str, Any] = {"label": field.label, "required": False, "help_text": _help(field)}
    choices = domain_terms(field.thesaurus)
    if field.shape == "lstring":
        return {
            _name(field, lang): forms.CharField(
                **{**common, "label": f"{field.label} [{lang}]"}, widget=forms.Textarea
            )
            for lang in languages
        }
    if field.shape == "term" and choices:
        return {_name(field): forms.ChoiceField(**common, choices=[("", "—"), *choices])}
    if field.shape == "terms" and choices:
        return {
            _name(field): forms.MultipleChoiceField(
                **common, choices=choices, widget=forms.CheckboxSelectMultiple
            )
        }
    if field.shape == "date":
        return {_name(field): forms.DateField(**common, widget=forms.DateInput({"type": "date"}))}
    if field.shape == "bool":
        return {_name(field): forms.NullBooleanField(**common)}
    if field.shape == "number":
        return {_name(field): forms.FloatField(**common)}
    if field.shape == "string":
        return {_name(field): forms.CharField(**common)}
    if field.shape in ("term", "terms", "reference", "references", "links", "strings"):
        return {_name(field): forms.CharField(**common, widget=forms.Textarea({"rows": 3}))}
    return {}  # lists of texts and nested lists: kept as they are, not edited here


class RecordForm(forms.Form):
    """A record's entry form; ``marks``: field name -> the BCH's mandatory mark."""

    marks: dict[str, str]


def record_form(schema: RecordSchema, document: dict[str, Any], data: Any = None) -> RecordForm:
    """The schema's form filled from ``document`` (or bound to posted ``data``), with a text
    box per language of the record (as posted, when the editor changed them)."""
    languages = list((document.get("header") or {}).get("languages") or ["en"])
    if data is not None and hasattr(data, "getlist"):
        languages = [lang for lang in LANGUAGES if lang in data.getlist("languages")] or languages
    form = RecordForm(data=data, initial=initial_values(schema, document, languages))
    form.fields["languages"] = forms.MultipleChoiceField(
        label=_("Languages of this record"),
        choices=[(lang, lang) for lang in LANGUAGES],
        initial=languages,
        widget=forms.CheckboxSelectMultiple,
    )
    form.marks = {}
    for field in schema.fields:
        if field.key in SKIPPED:
            continue
        for name, form_field in _form_fields(field, languages).items():
            form.fields[name] = form_field
            form.marks[name] = field.mandatory
    return form


def initial_values(
    schema: RecordSchema, document: dict[str, Any], languages: list[str]
) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for field in schema.fields:
        value = value_at(document, field)
        if value is None or field.key in SKIPPED:
            continue
        if field.shape == "lstring" and isinstance(value, dict):
            values.update({_name(field, lang): value.get(lang, "") for lang in languages})
        elif field.shape in ("term", "reference") and isinstance(value, dict):
            identifier = str(value.get("identifier", ""))
            values[_name(field)] = identifier.upper() if field.shape == "term" else identifier
        elif field.shape in ("terms", "references") and isinstance(value, list):
            ids = [str(v.get("identifier", "")) for v in value if isinstance(v, dict)]
            picked = domain_terms(field.thesaurus)
            values[_name(field)] = [i.upper() for i in ids] if picked else "\n".join(ids)
        elif field.shape == "links" and isinstance(value, list):
            values[_name(field)] = "\n".join(v.get("url", "") for v in value if isinstance(v, dict))
        elif field.shape == "strings" and isinstance(value, list):
            values[_name(field)] = "\n".join(str(v) for v in value)
        else:
            values[_name(field)] = value
    return values


def _value(field: Field, cleaned: dict[str, Any], languages: list[str]) -> Any:
    """The document value from the cleaned form data (None: leave the field out)."""
    if field.shape == "lstring":
        text = {lang: cleaned.get(_name(field, lang)) or "" for lang in languages}
        return {k: v for k, v in text.items() if v} or None
    raw = cleaned.get(_name(field))
    if raw in (None, "", []):
        return None
    if field.shape == "term":
        return {"identifier": raw.strip()}
    if field.shape == "terms":
        items = raw if isinstance(raw, list) else _lines(raw)
        return [{"identifier": i} for i in items]
    if field.shape == "reference":
        return {"identifier": raw.strip()}
    if field.shape == "references":
        return [{"identifier": i} for i in _lines(raw)]
    if field.shape == "links":
        return [{"url": url} for url in _lines(raw)]
    if field.shape == "strings":
        return _lines(raw)
    if isinstance(raw, dt.date):
        return raw.isoformat()
    return raw


def document_from_form(
    schema: RecordSchema, form: forms.Form, document: dict[str, Any]
) -> dict[str, Any]:
    """``document`` with the form's fields set or cleared; everything else kept."""
    cleaned = form.cleaned_data
    languages = list(cleaned.get("languages") or ["en"])
    result = {**document, "header": {**(document.get("header") or {}), "languages": languages}}
    for field in schema.fields:
        if field.key in SKIPPED or not any(n in form.fields for n in _names(field, languages)):
            continue
        value = _value(field, cleaned, languages)
        _set(result, field.path, value)
    return result


def _names(field: Field, languages: list[str]) -> list[str]:
    if field.shape == "lstring":
        return [_name(field, lang) for lang in languages]
    return [_name(field)]


def _set(document: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    target = document
    for part in path[:-1]:
        child = target.get(part)
        if not isinstance(child, dict):
            if value is None:
                return
            child = {}
        target[part] = child = dict(child)
        target = child
    if value is None:
        target.pop(path[-1], None)
    else:
        target[path[-1]] = value
