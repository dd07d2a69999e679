"""The audit trail, read by the Secretariat per Party or per report (page and CSV)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Field, Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy

from cpbtracker.accounts.access import is_secretariat
from cpbtracker.accounts.audit import (
    CSV_COLUMNS,
    Describe,
    action_label,
    csv_rows,
    detail_rows,
    entries_for,
    model_of,
    words_of,
)
from cpbtracker.accounts.models import AuditEntry
from cpbtracker.lib.collation import sorted_by_name
from cpbtracker.lib.content import localized
from cpbtracker.lib.exports import EXPORT_FORMATS, requested_format
from cpbtracker.lib.responses import table_attachment
from cpbtracker.parties.models import Membership, Party, Treaty
from cpbtracker.reporting.form import describe_answer
from cpbtracker.reporting.models import ReportingCycle
from cpbtracker.reporting.questionnaire import load_questionnaire
from cpbtracker.templatetags.formats import colon

PAGE_SIZE = 100
TRAIL_FORMATS = [EXPORT_FORMATS["csv"].labelled(gettext_lazy("Download CSV"))]
# The entries of the Parties registry, whose changes name a Party's fields and, as
# "CP.status", its membership of each treaty.
PARTY_ACTIONS = {"party.added", "party.changed"}


@login_required
def audit_trail(request: HttpRequest) -> HttpResponse:
    """``?party=KE`` a Party's trail, ``&cycle=5`` one report's; ``&format=csv`` downloads it."""
    if not is_secretariat(request.user):
        raise PermissionDenied
    parties = Party.objects.order_by("iso2")
    cycles = list(ReportingCycle.objects.values_list("number", flat=True))
    party = parties.filter(iso2=request.GET.get("party", "").upper()).first()
    cycle = next((n for n in cycles if str(n) == request.GET.get("cycle")), None)
    entries = (
        entries_for(party, cycle) if party else AuditEntry.objects.select_related("user").none()
    )
    if requested_format(request, [f.key for f in TRAIL_FORMATS]) and party:
        name = f"audit-{party.iso2}{f'-{cycle}' if cycle is not None else ''}"
        return table_attachment("csv", csv_rows(entries.iterator()), CSV_COLUMNS, name=name)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    in_words = {number: describe(number) for number in {entry.cycle for entry in page}}
    return render(
        request,
        "accounts/audit.html",
        {
            "parties": sorted_by_name(parties),
            "cycles": cycles,
            "party": party,
            "cycle": cycle,
            "trail_formats": TRAIL_FORMATS,
            "trail_query": _trail_query(party, cycle),
            "page": page,
            "rows": [
                (
                    entry,
                    action_label(entry.action),
                    detail_rows(entry.action, entry.detail, describer(entry, in_words)),
                )
                for entry in page
            ],
        },
    )


def _trail_query(party: Party | None, cycle: int | None) -> str:
    """The query of the trail shown: its Party and, when one is chosen, its cycle."""
    if party is None:
        return ""
    return urlencode({"party": party.iso2, **({"cycle": cycle} if cycle else {})})


def describe(cycle: int | None) -> Describe:
    """Answers of a report in words: the question's number and title, the answer as the report
    shows it; anything else as recorded."""
    schema = (
        ReportingCycle.objects.filter(number=cycle).values_list("schema", flat=True).first()
        if cycle is not None
        else None
    )
    questionnaire = load_questionnaire(schema) if schema else None

    def in_words(key: str, value: object) -> tuple[str, str]:
        try:
            question = questionnaire.question(key) if questionnaire else None
        except KeyError:
            question = None
        if question is None:
            return key, words_of(value)
        return f"{question.label} {strip_tags(localized(question.title))}", (
            describe_answer(question, value) or "—"
        )

    return in_words


def describer(entry: AuditEntry, reports: dict[int | None, Describe]) -> Describe:
    """How an entry's changes read: a Party's fields, an admin edit's fields of the kind of
    entry it edited, else a report's answers (of the entry's cycle)."""
    if entry.action in PARTY_ACTIONS:
        return party_field
    model = model_of(entry.detail.get("model"))
    return admin_field(model) if model is not None else reports[entry.cycle]


def admin_field(model: type[Model]) -> Describe:
    """A field an admin edit changed in words: its name and its value (a choice by its
    label); anything else as recorded."""

    def in_words(key: str, value: object) -> tuple[str, str]:
        return field_in_words(model, key, value) or (key, words_of(value))

    return in_words


def party_field(key: str, value: object) -> tuple[str, str]:
    """A Party's recorded field in words: its name ("region", "Cartagena Protocol on Biosafety:
    status") and its value (a choice by its label); anything else as recorded."""
    treaty, _, name = key.rpartition(".")
    if treaty and treaty not in Treaty.values:
        return key, words_of(value)
    named = field_in_words(Membership if treaty else Party, name, value)
    if named is None:
        return key, words_of(value)
    label, shown = named
    return (f"{colon(str(Treaty(treaty).label))} {label}" if treaty else label), shown


def field_in_words(model: type[Model], name: str, value: object) -> tuple[str, str] | None:
    """A field of ``model`` and a value of it in words; None when ``model`` has no such field."""
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    if not isinstance(field, Field):  # a relation seen from the other side: no label of its own
        return None
    choices = dict(field.flatchoices)
    shown = str(choices[value]) if isinstance(value, str) and value in choices else words_of(value)
    return str(field.verbose_name), shown
