"""Pages of the clearing-house records: search with facets and export, one record."""

from __future__ import annotations

from collections import Counter

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from cpbtracker.accounts.access import is_secretariat, parties_of
from cpbtracker.lib.content import localized
from cpbtracker.lib.tabular import TABLE_WRITERS, table_bytes
from cpbtracker.parties.models import Party, Region
from cpbtracker.records import access
from cpbtracker.records.checking import consistency
from cpbtracker.records.consistency import SEVERITY
from cpbtracker.records.documents import title_of
from cpbtracker.records.models import Record, Revision
from cpbtracker.records.present import present, term_labels
from cpbtracker.records.schemas import record_schema, record_schemas
from cpbtracker.records.search import facets, search, selected

PAGE_SIZE = 50
HIT_COLUMNS = ("identifier", "schema", "government", "title", "date", "published_on", "url")


def hit_row(record: Record, request: HttpRequest) -> dict[str, object]:
    revision = record.current
    return {
        "identifier": record.identifier,
        "schema": record.schema,
        "government": record.government.iso2 if record.government else "",
        "title": localized(title_of(revision.document)),
        "date": revision.date.isoformat() if revision.date else "",
        "published_on": revision.published_on.isoformat() if revision.published_on else "",
        "url": request.build_absolute_uri(f"/records/{record.identifier}/"),
    }


def record_search(request: HttpRequest) -> HttpResponse:
    hits = search(request.GET)
    fmt = request.GET.get("format", "")
    if fmt in TABLE_WRITERS:
        writer = TABLE_WRITERS[fmt]
        data = table_bytes(fmt, (hit_row(r, request) for r in hits), HIT_COLUMNS, title="records")
        response = HttpResponse(data, content_type=writer.content_type)
        response["Content-Disposition"] = f'attachment; filename="records.{writer.extension}"'
        return response
    page = Paginator(hits, PAGE_SIZE).get_page(request.GET.get("page"))
    found = facets(hits)
    labels = term_labels()
    return render(
        request,
        "records/search.html",
        {
            "page": page,
            "rows": [(r, localized(title_of(r.current.document))) for r in page],
            "facets": found,
            "term_facets": [(t, labels.get(t, t), n) for t, n in found.term],
            "chosen": selected(request.GET),
            "schemas": {k: localized(s.title) for k, s in record_schemas().items()},
            "parties": {p.iso2: localized(p.name) for p in Party.objects.all()},
            "regions": dict(Region.choices),
            "has_demo": hits.filter(is_demo=True).exists(),
        },
    )


def record_detail(request: HttpRequest, identifier: str) -> HttpResponse:
    record = access.get_record(identifier)
    published = record.revisions.filter(status=Revision.Status.PUBLISHED).order_by("-number")
    number = request.GET.get("revision", "")
    revision = published.filter(number=number).first() if number.isdigit() else record.current
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
        },
    )


CHECK_COLUMNS = ("party", "region", "cycle", "question", "answer", "schema", "records", "verdict")


@login_required
def consistency_page(request: HttpRequest) -> HttpResponse:
    """Reports against records: every Party for the Secretariat, a user's own Parties else."""
    mine = None if is_secretariat(request.user) else {p.iso2 for p in parties_of(request.user)}
    if mine is not None and not mine:
        raise PermissionDenied
    cycle, found = consistency(mine)
    if request.GET.get("format") == "csv":
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
        response = HttpResponse(
            table_bytes("csv", rows, CHECK_COLUMNS), content_type=TABLE_WRITERS["csv"].content_type
        )
        response["Content-Disposition"] = 'attachment; filename="consistency.csv"'
        return response
    regions: dict[str, Counter[str]] = {}
    for party in found:
        regions.setdefault(party.region, Counter())[party.verdict] += 1
    return render(
        request,
        "records/consistency.html",
        {
            "cycle": cycle,
            "parties": found,
            "regions": [
                (dict(Region.choices).get(r, r), [counts[v] for v in SEVERITY])
                for r, counts in sorted(regions.items())
            ],
            "names": {p.iso2: localized(p.name) for p in Party.objects.all()},
        },
    )
