"""Pages of the clearing-house records: search with facets and export, one record."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest, PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cpbtracker.accounts.access import is_secretariat, parties_of
from cpbtracker.lib import inputs
from cpbtracker.lib.collation import sorted_by_name
from cpbtracker.lib.content import localized
from cpbtracker.lib.exports import requested_format
from cpbtracker.lib.responses import table_attachment
from cpbtracker.lib.tabular import TABLE_FORMATS
from cpbtracker.parties.models import Party, Region
from cpbtracker.records import access
from cpbtracker.records.checking import consistency, in_words
from cpbtracker.records.consistency import SEVERITY
from cpbtracker.records.documents import title_of
from cpbtracker.records.forms import document_from_form, record_form
from cpbtracker.records.models import Record, Revision
from cpbtracker.records.present import labelled_term, present, term_labels
from cpbtracker.records.schemas import NATIONAL, record_schema, record_schemas
from cpbtracker.records.search import FilterError, facets, search, selected
from cpbtracker.records.services import (
    RecordError,
    RecordInvalid,
    create_draft,
    publish_revision,
    request_publication,
    save_draft,
)

PAGE_SIZE = 50
HIT_COLUMNS = ("identifier", "schema", "government", "title", "date", "published_on", "url")


def _current(record: Record) -> Revision:
    """The current revision of a record listed as current (the search lists no other)."""
    if record.current is None:
        raise ValueError(f"{record.identifier} has no current revision")
    return record.current


def hit_row(record: Record, request: HttpRequest) -> dict[str, object]:
    revision = _current(record)
    return {
        "identifier": record.identifier,
        "schema": record.schema,
        "government": record.government.iso2 if record.government else "",
        "title": localized(title_of(revision.document)),
        "date": revision.date.isoformat() if revision.date else "",
        "published_on": revision.published_on.isoformat() if revision.published_on else "",
        "url": request.build_absolute_uri(f"/records/{record.identifier}/"),
    }


def _by_count_then_name(
    counts: list[tuple[str, int]], names: dict[str, str]
) -> list[tuple[str, int]]:
    """A facet's values, most records first; equal counts in the reader's alphabetical order."""
    alphabetical = sorted_by_name(counts, lambda pair: names.get(pair[0], pair[0]))
    return sorted(alphabetical, key=lambda pair: -pair[1])


def record_search(request: HttpRequest) -> HttpResponse:
    try:
        hits = search(request.GET)
    except FilterError as error:
        raise BadRequest(f"{error.field}: {error}") from error
    fmt = requested_format(request, TABLE_FORMATS)
    if fmt:
        rows = (hit_row(r, request) for r in hits)
        return table_attachment(fmt, rows, HIT_COLUMNS, name="records", title="records")
    page = Paginator(hits, PAGE_SIZE).get_page(request.GET.get("page"))
    found = facets(hits)
    labels = term_labels()
    schemas = {k: localized(s.title) for k, s in record_schemas().items()}
    parties = {p.iso2: localized(p.name) for p in Party.objects.all()}
    regions = {k: str(v) for k, v in Region.choices}
    found = replace(
        found,
        schema=_by_count_then_name(found.schema, schemas),
        party=_by_count_then_name(found.party, parties),
        region=_by_count_then_name(found.region, regions),
        term=_by_count_then_name(found.term, labels),
    )
    return render(
        request,
        "records/search.html",
        {
            "page": page,
            "rows": [(r, localized(title_of(_current(r).document))) for r in page],
            "facets": found,
            "term_facets": [(t, labelled_term(t, labels), n) for t, n in found.term],
            "chosen": selected(request.GET),
            "schemas": schemas,
            "parties": parties,
            "regions": regions,
            "has_demo": hits.filter(is_demo=True).exists(),
            "new_schemas": (
                [(k, localized(record_schema(k).title)) for k in NATIONAL]
                if is_secretariat(request.user) or parties_of(request.user)
                else []
            ),
        },
    )


def record_detail(request: HttpRequest, identifier: str) -> HttpResponse:
    record = access.get_record(identifier)
    published = record.revisions.filter(status=Revision.Status.PUBLISHED).order_by("-number")
    number = inputs.optional_whole_number(request.GET.get("revision"), field="revision")
    revision = published.filter(number=number).first() if number is not None else record.current
    if revision is None and access.can_edit(request.user, record):
        return redirect("records:edit", identifier)
    if revision is None:
        raise Http404("No published revision")
    spec = record_schema(record.schema)
    return render(
        request,
        "records/detail.html",
        {
            "record": record,
            "revision": revision,
            "title": localized(title_of(revision.document)) or record.identifier,
            "schema_title": localized(spec.title),
            "fields": present(spec, revision.document),
            "published": published,
            "can_edit": access.can_edit(request.user, record),
            "latest": record.latest_revision(),
        },
    )


@login_required
def record_new(request: HttpRequest, schema: str) -> HttpResponse:
    """A new national record of ``schema`` for one of the user's Parties."""
    if schema not in NATIONAL:
        raise Http404("Not a national record schema")
    parties = access.creatable_parties(request.user)
    if not parties:
        raise PermissionDenied
    spec = record_schema(schema)
    form = record_form(spec, {}, request.POST or None)
    party = next((p for p in parties if p.iso2 == request.POST.get("party")), None)
    if request.method == "POST" and form.is_valid() and party is not None:
        try:
            revision = create_draft(
                schema, document_from_form(spec, form, {}), user=request.user, party=party
            )
        except RecordInvalid as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Draft saved."))
            return redirect("records:edit", revision.record.identifier)
    return render(
        request,
        "records/edit.html",
        {"form": form, "schema_title": localized(spec.title), "parties": parties},
    )


@login_required
def record_edit(request: HttpRequest, identifier: str) -> HttpResponse:
    """The record's draft (a new one after its latest published revision)."""
    record = access.get_record(identifier)
    access.require_editor(request.user, record)
    latest = record.latest_revision()
    if latest is None:
        raise Http404("The record has no revision to edit")
    spec = record_schema(record.schema)
    form = record_form(spec, latest.document, request.POST or None)
    if request.method == "POST" and form.is_valid():
        document = document_from_form(spec, form, latest.document)
        try:
            save_draft(record, document, user=request.user, token=request.POST.get("token", ""))
        except (RecordError, RecordInvalid) as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Draft saved."))
            return redirect("records:edit", identifier)
    return render(
        request,
        "records/edit.html",
        {
            "form": form,
            "record": record,
            "latest": latest,
            "schema_title": localized(spec.title),
            "can_publish": access.can_publish(request.user, record),
        },
    )


@login_required
@require_POST
def record_request(request: HttpRequest, identifier: str) -> HttpResponse:
    return _workflow(request, identifier, request_publication, _("Publication requested."))


@login_required
@require_POST
def record_publish(request: HttpRequest, identifier: str) -> HttpResponse:
    return _workflow(request, identifier, publish_revision, _("Published."))


def _workflow(request: HttpRequest, identifier: str, service, done: str) -> HttpResponse:
    record = access.get_record(identifier)
    access.require_editor(request.user, record)
    try:
        service(record.latest_revision(), user=request.user, token=request.POST.get("token", ""))
    except (RecordError, RecordInvalid) as error:
        messages.error(request, str(error))
        return redirect("records:edit", identifier)
    messages.success(request, done)
    return redirect("records:detail", identifier)


CHECK_COLUMNS = ("party", "region", "cycle", "question", "answer", "schema", "records", "verdict")


@login_required
def consistency_page(request: HttpRequest) -> HttpResponse:
    """Reports against records: every Party for the Secretariat, a user's own Parties else."""
    mine = None if is_secretariat(request.user) else {p.iso2 for p in parties_of(request.user)}
    if mine is not None and not mine:
        raise PermissionDenied
    cycle, found = consistency(mine)
    if requested_format(request, ("csv",)):
        rows = (
            {
                "party": p.iso2,
                "region": p.region,
                "cycle": cycle,
                "question": c.question,
                "answer": " ".join(c.answer),
                "schema": c.schema,
                "records": c.records,
                "verdict": c.verdict,
            }
            for p in found
            for c in p.checks
        )
        return table_attachment("csv", rows, CHECK_COLUMNS, name="consistency")
    regions: dict[str, Counter[str]] = {}
    for party in found:
        regions.setdefault(party.region, Counter())[party.verdict] += 1
    names = {p.iso2: localized(p.name) for p in Party.objects.all()}
    return render(
        request,
        "records/consistency.html",
        {
            "cycle": cycle,
            "parties": sorted_by_name(found, lambda p: names.get(p.iso2, p.iso2)),
            "regions": sorted_by_name(
                [
                    (str(dict(Region.choices).get(r, r)), [counts[v] for v in SEVERITY])
                    for r, counts in regions.items()
                ],
                lambda row: row[0],
            ),
            "names": names,
            "problems": {
                p.iso2: in_words(cycle, [c for c in p.checks if not c.is_consistent]) for p in found
            },
        },
    )
