"""Searching current records: filters, facets with counts, full-text.

The same filters serve the search page, its CSV/XLSX export and the API. Full-text search
uses PostgreSQL's text search (the "simple" configuration: titles are in six languages) and
falls back to matching every word on SQLite.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Coalesce, ExtractYear
from django.utils.translation import gettext_lazy as _

from cpbtracker.lib import inputs
from cpbtracker.lib.problems import Problem, ProblemsError
from cpbtracker.records.models import Record, RecordTerm

FILTERS = ("q", "schema", "party", "region", "year", "term")
FACET_SIZE = 25


@dataclass(frozen=True)
class Facets:
    schema: list[tuple[str, int]]
    party: list[tuple[str, int]]
    region: list[tuple[str, int]]
    year: list[tuple[int, int]]
    term: list[tuple[str, int]]


class FilterError(ProblemsError):
    """A filter value that cannot select anything; ``field`` names the filter."""

    MESSAGES = {
        "filter.nul": _("NUL characters are not accepted"),
        "filter.year": _("give a year such as 2020"),
    }

    def __init__(self, field: str, code: str):
        super().__init__(Problem(code, key=field))
        self.field = field


def selected(params: Mapping[str, str]) -> dict[str, str]:
    """The filters given, checked: a year from 1 to 9999 in ASCII digits, no NUL characters."""
    chosen = {
        name: params.get(name, "").strip() for name in FILTERS if params.get(name, "").strip()
    }
    for name, value in chosen.items():
        if "\x00" in value:
            raise FilterError(name, "filter.nul")
    year = chosen.get("year")
    if year is not None:
        try:
            inputs.whole_number(year, field="year", minimum=1, maximum=9999)
        except inputs.InputError:
            raise FilterError("year", "filter.year") from None
    return chosen


def current_records() -> QuerySet[Record]:
    return (
        Record.objects.filter(current__isnull=False)
        .select_related("current", "government")
        .annotate(year=ExtractYear(Coalesce("current__date", "current__published_on")))
    )


def _full_text(records: QuerySet[Record], q: str) -> QuerySet[Record]:
    if connection.vendor == "postgresql":
        vector = SearchVector("current__title", "current__text", config="simple")
        return records.annotate(search=vector).filter(
            search=SearchQuery(q, config="simple", search_type="websearch")
        )
    for word in q.split():
        records = records.filter(
            Q(current__title__icontains=word) | Q(current__text__icontains=word)
        )
    return records


def search(params: Mapping[str, str]) -> QuerySet[Record]:
    """Current records matching the filters, newest first."""
    chosen = selected(params)
    records = current_records()
    if "schema" in chosen:
        records = records.filter(schema=chosen["schema"])
    if "party" in chosen:
        code = chosen["party"].upper()
        records = records.filter(Q(government__iso2=code) | Q(submitted_for__iso2=code))
    if "region" in chosen:
        records = records.filter(government__region=chosen["region"])
    if "year" in chosen:
        records = records.filter(year=int(chosen["year"]))  # type: ignore[misc]  # annotated by current_records()
    if "term" in chosen:
        records = records.filter(current__terms__identifier=chosen["term"].upper())
    if "q" in chosen:
        records = _full_text(records, chosen["q"])
    return records.distinct().order_by("-current__published_on", "identifier")


def _counts(records: QuerySet[Record], column: str) -> list[tuple]:
    rows = (
        records.order_by()
        .exclude(**{f"{column}__isnull": True})
        .values_list(column)
        .annotate(n=Count("id", distinct=True))
        .order_by("-n", column)
    )
    return [(value, n) for value, n in rows[:FACET_SIZE] if value not in ("", None)]


def facets(records: QuerySet[Record]) -> Facets:
    terms = (
        RecordTerm.objects.filter(revision__current_of__in=records.order_by().values("pk"))
        .values_list("identifier")
        .annotate(n=Count("revision", distinct=True))
        .order_by("-n", "identifier")
    )
    return Facets(
        schema=_counts(records, "schema"),
        party=_counts(records, "government__iso2"),
        region=_counts(records, "government__region"),
        year=sorted(_counts(records, "year"), reverse=True),
        term=list(terms[:FACET_SIZE]),
    )
