"""BCH record documents in and out (``records import`` / ``records export``).

Import is all or nothing over every file: each document is checked first and every problem is
reported as ``file: key: reason``; only a clean batch is written, in one transaction and a
fixed number of bulk queries (10,000 records import in seconds). Importing a document
identical to the record's current revision changes nothing; a changed one becomes a new
published revision.

Dates: a revision's publication date is the document's own BCH metadata date
(``submittedOn``, as the BCH's document info gives it) when the document carries one; the
import's ``published_on`` dates only the documents without one; a document left undated is
refused. The metadata date is kept as the revision's publication date, not in the stored
document, and export writes it back, so export -> import gives the same dates.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from cpbtracker.accounts.access import require_secretariat
from cpbtracker.accounts.audit import record as audit
from cpbtracker.lib import changes, inputs
from cpbtracker.lib.problems import Problem, register_messages
from cpbtracker.parties.models import Party
from cpbtracker.records.documents import government_code, shape_problems
from cpbtracker.records.models import Record, RecordTerm, Revision
from cpbtracker.records.schemas import SCHEMAS, record_schema
from cpbtracker.records.services import indexed_fields, term_rows
from cpbtracker.reporting.bch import ImportFailed, document_problem, read_documents

register_messages(
    {
        "record.unknown-schema": _("%(schema)r is not a supported record schema"),
        "record.no-identifier": _("missing: every record needs its BCH identifier"),
        "record.reference-record": _("a %(schema)s record is a reference record: no government"),
        "record.identifier-twice": _("given twice (first in %(first)s)"),
        "record.other-schema": _("the record %(identifier)s is a %(schema)s"),
        "record.other-government": _("the record %(identifier)s belongs to %(government)s"),
        "record.other-government-none": _("the record %(identifier)s belongs to no government"),
        "record.unpublished-draft": _(
            "the record %(identifier)s has an unpublished draft here: publish or finish it first"
        ),
        "record.bad-date": _("must be a date YYYY-MM-DD (or a BCH date and time)"),
        "record.undated": _(
            "no publication date: the document carries no %(field)s date and none was given "
            "for the import (--published-on)"
        ),
    }
)


@dataclass
class RecordImportSummary:
    created: Counter = field(default_factory=Counter)  # by schema
    revised: int = 0
    unchanged: int = 0

    def __str__(self) -> str:
        schemas = ", ".join(f"{s}: {n}" for s, n in sorted(self.created.items()))
        return (
            f"{sum(self.created.values())} new record(s) ({schemas or 'none'}); "
            f"{self.revised} new revision(s); {self.unchanged} unchanged"
        )


PUBLISHED_FIELD = "submittedOn"  # the BCH document info's publication date of a revision


def metadata_date(doc: dict[str, Any]) -> dt.date | None:
    """The document's own publication date (``submittedOn``); None when it has none; raises
    ValueError when it is not a date."""
    value = doc.get(PUBLISHED_FIELD)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(value)
    return dt.date.fromisoformat(value[:10])


@dataclass(frozen=True)
class CheckedRecord:
    source: str
    schema: str
    identifier: str
    government: Party | None
    document: dict[str, Any]
    submitted_for: Party | None = None
    is_demo: bool = False
    published_on: dt.date | None = None  # the document's own date (its BCH metadata)


def check_record(source: str, doc: Any, parties: dict[str, Party]) -> CheckedRecord | list[Problem]:
    def problem(key: str, reason: str, **params: Any) -> list[Problem]:
        return [document_problem(source, key, reason, **params)]

    if not isinstance(doc, dict):
        return problem("-", "document.not-object")
    header = doc["header"] if isinstance(doc.get("header"), dict) else {}
    schema = header.get("schema")
    if schema not in SCHEMAS:
        return problem("header.schema", "record.unknown-schema", schema=schema)
    identifier = header.get("identifier")
    if not isinstance(identifier, str) or not identifier.strip():
        return problem("header.identifier", "record.no-identifier")
    try:  # it travels in addresses (/records/<identifier>/) and fits its column
        identifier = inputs.identifier(
            identifier.strip(),
            field="header.identifier",
            maximum=Record._meta.get_field("identifier").max_length or 100,
        )
    except inputs.InputError as error:
        return [document_problem(source, "header.identifier", p) for p in error.problems]
    spec = record_schema(schema)
    code = government_code(doc)
    if spec.national and code not in parties:
        return problem(
            "government.identifier", "document.unknown-government", government=code or "nothing"
        )
    if not spec.national and "government" in doc:
        return problem("government", "record.reference-record", schema=schema)
    problems = [document_problem(source, p.key, p) for p in shape_problems(spec, doc)]
    try:
        day = metadata_date(doc)
    except ValueError:
        problems += problem(PUBLISHED_FIELD, "record.bad-date")
    if problems:
        return problems
    return CheckedRecord(
        source,
        schema,
        identifier,
        parties[code] if spec.national else None,
        {k: v for k, v in doc.items() if k != PUBLISHED_FIELD},
        published_on=day,
    )


def import_record_documents(
    paths: list[Path],
    *,
    published_on: dt.date | None = None,
    dry_run: bool = False,
    user: Any = None,
) -> RecordImportSummary:
    """Check every document, then (unless ``dry_run``) store them all; raise ImportFailed.
    A document is published on its own date (``submittedOn``) when it carries one, else on
    ``published_on``; a document that would be left undated is refused."""
    require_secretariat(user)
    parties = {p.iso2: p for p in Party.objects.all()}
    checked, problems = [], []
    seen: dict[str, str] = {}
    days: dict[str, dt.date] = {}  # identifier -> publication date
    for source, doc in read_documents(paths):
        result = check_record(source, doc, parties)
        if isinstance(result, list):
            problems += result
            continue
        if result.identifier in seen:
            problems.append(
                document_problem(
                    source,
                    "header.identifier",
                    "record.identifier-twice",
                    first=seen[result.identifier],
                )
            )
        seen.setdefault(result.identifier, source)
        day = result.published_on or published_on
        if day is None:
            problems.append(
                document_problem(source, PUBLISHED_FIELD, "record.undated", field=PUBLISHED_FIELD)
            )
        else:
            days[result.identifier] = day
        checked.append(result)
    existing = {
        r.identifier: r
        for r in Record.objects.filter(identifier__in=[c.identifier for c in checked])
    }
    latest = _latest_revisions(existing.values())
    for doc in checked:
        problems += _conflicts(doc, existing.get(doc.identifier), latest)
    if problems:
        raise ImportFailed(problems)
    summary = RecordImportSummary()
    with transaction.atomic():
        planned = _plan(checked, existing, latest, summary)
        if not dry_run and planned:
            store_published(
                [(doc, number, days[doc.identifier]) for doc, number in planned], existing
            )
            changes.records_changed.send(
                __name__, published_on=min(days[doc.identifier] for doc, _number in planned)
            )
        if not dry_run:
            audit(
                user,
                "records.imported",
                f"{len(checked)} BCH record documents",
                summary=str(summary),
            )
    return summary


def _latest_revisions(records) -> dict[int, Revision]:
    latest: dict[int, Revision] = {}
    rows = Revision.objects.filter(record__in=list(records)).order_by("record_id", "-number")
    for revision in rows:
        latest.setdefault(revision.record_id, revision)
    return latest


def _conflicts(
    doc: CheckedRecord, record: Record | None, latest: dict[int, Revision]
) -> list[Problem]:
    if record is None:
        return []
    if record.schema != doc.schema:
        return [
            document_problem(
                doc.source,
                "header.schema",
                "record.other-schema",
                identifier=doc.identifier,
                schema=record.schema,
            )
        ]
    if record.government != doc.government:
        return [
            document_problem(
                doc.source,
                "government.identifier",
                "record.other-government" if record.government else "record.other-government-none",
                identifier=doc.identifier,
                government=str(record.government or ""),
            )
        ]
    revision = latest.get(record.pk)
    if revision is not None and not revision.is_published:
        return [
            document_problem(
                doc.source,
                "header.identifier",
                "record.unpublished-draft",
                identifier=doc.identifier,
            )
        ]
    return []


def _plan(checked, existing, latest, summary) -> list[tuple[CheckedRecord, int]]:
    """(document, revision number) of what changes; counts the summary."""
    planned = []
    for doc in checked:
        record = existing.get(doc.identifier)
        current = latest.get(record.pk) if record else None
        if current is None:
            summary.created[doc.schema] += 1
            planned.append((doc, 1))
        elif current.document == doc.document:
            summary.unchanged += 1
        else:
            summary.revised += 1
            planned.append((doc, current.number + 1))
    return planned


def store_published(
    planned: list[tuple[CheckedRecord, int, dt.date]], existing: dict[str, Record]
) -> None:
    """Write checked documents as published revisions (number, publication day), creating
    the records not in ``existing``: a fixed number of bulk queries."""
    new = Record.objects.bulk_create(
        [
            Record(
                identifier=doc.identifier,
                schema=doc.schema,
                government=doc.government,
                submitted_for=doc.submitted_for,
                is_demo=doc.is_demo,
            )
            for doc, _number, _day in planned
            if doc.identifier not in existing
        ],
        batch_size=2000,
    )
    records = {**existing, **{r.identifier: r for r in new}}
    revisions = Revision.objects.bulk_create(
        [
            Revision(
                record=records[doc.identifier],
                number=number,
                status=Revision.Status.PUBLISHED,
                document=doc.document,
                published_on=day,
                **indexed_fields(doc.schema, doc.document),
            )
            for doc, number, day in planned
        ],
        batch_size=2000,
    )
    RecordTerm.objects.bulk_create(
        [term for revision in revisions for term in term_rows(revision)], batch_size=5000
    )
    for revision in revisions:
        revision.record.current = revision
    Record.objects.bulk_update([r.record for r in revisions], ["current"], batch_size=2000)


def current_revisions(schema: str, party: Party | None = None) -> list[Revision]:
    """The current (latest published) revision of each record of the schema, by identifier."""
    rows = Revision.objects.filter(current_of__schema=schema)
    if party is not None:
        rows = rows.filter(record__government=party)
    return list(rows.select_related("record__government").order_by("record__identifier"))


def export_documents(schema: str, party: Party | None = None) -> list[dict[str, Any]]:
    """The current documents of the schema as stored, each with its publication date as
    its BCH metadata (``submittedOn``), so that importing them again keeps the dates."""
    return [
        {**revision.document, PUBLISHED_FIELD: revision.published_on.isoformat()}
        if revision.published_on
        else revision.document
        for revision in current_revisions(schema, party)
    ]
