"""`bch pull`: the published national reports and records of the live BCH, imported through
the very services of `reports import` and `records import`, one document at a time.

Each document is its own import (atomic): one that fails is reported by identifier, key and
reason, and the others go on. The index is read oldest update first; a schema whose documents
all imported remembers the BCH's latest ``updatedDate_dt`` it saw (:class:`PullState`), and the
next pull asks only for what was updated after it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from django.utils import timezone

from cpbtracker.bch.client import BchClient, BchError, Listed, solr_date
from cpbtracker.bch.models import PullState
from cpbtracker.lib.problems import Problem
from cpbtracker.records.bch import import_record_documents
from cpbtracker.records.schemas import SCHEMAS
from cpbtracker.reporting.bch import ImportFailed, document_problem, import_bch_documents
from cpbtracker.reporting.models import Schema


class Progress(Protocol):
    def total(self, documents: int) -> None: ...
    def advance(self) -> None: ...


class NoProgress:
    def total(self, documents: int) -> None:
        pass

    def advance(self) -> None:
        pass


@dataclass(frozen=True)
class Options:
    allow_closed: bool
    dry_run: bool


def _import_report(path: Path, item: Listed, options: Options) -> str:
    summary = import_bch_documents(
        [path],
        publish=True,  # published on the BCH: published here, on the BCH's own day
        submitted_on=item.submitted,
        dry_run=options.dry_run,
        allow_closed=options.allow_closed,
    )
    return "report unchanged" if summary.unchanged else "report imported"


def _import_record(path: Path, item: Listed, options: Options) -> str:
    summary = import_record_documents([path], published_on=item.submitted, dry_run=options.dry_run)
    if summary.created:
        return "record new"
    return "record revised" if summary.revised else "record unchanged"


# schema -> the import path of its documents (the same as for files).
IMPORTERS: dict[str, Callable[[Path, Listed, Options], str]] = {
    **dict.fromkeys(Schema.values, _import_report),
    **dict.fromkeys(SCHEMAS, _import_record),
}
DEFAULT_SCHEMAS = tuple(IMPORTERS)


@dataclass
class PullSummary:
    listed: int = 0
    outcomes: Counter = field(default_factory=Counter)
    failures: list[Problem] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)  # "schema identifier: outcome"
    requests: int = 0
    seconds: float = 0.0

    def __str__(self) -> str:
        counts = ", ".join(f"{n} {outcome}" for outcome, n in sorted(self.outcomes.items()))
        return (
            f"{self.listed} document(s) listed; {counts or 'nothing imported'}; "
            f"{len(self.failures)} failed; {self.requests} request(s) in {self.seconds:.1f} s"
        )


def pull(
    client: BchClient,
    *,
    schemas: Sequence[str] = DEFAULT_SCHEMAS,
    government: str = "",
    since: dt.date | None = None,
    allow_closed: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> PullSummary:
    """List what changed on the BCH for each schema, then fetch and import it document by
    document; raise :class:`BchError` when the BCH cannot be read (what was imported before
    stays imported, each document whole). ``since`` (a day) overrides the remembered state and
    a pull with it leaves that state as it was, as does a dry run or a schema with a failure."""
    progress = progress or NoProgress()
    started = time.monotonic()
    summary = PullSummary()
    government = government.lower()
    listings = {s: _listing(client, s, government, since) for s in schemas}
    summary.listed = sum(len(items) for items in listings.values())
    progress.total(summary.listed)
    options = Options(allow_closed=allow_closed, dry_run=dry_run)
    with tempfile.TemporaryDirectory(prefix="bch-pull-") as workdir:
        for schema, items in listings.items():
            failed = len(summary.failures)
            for item in items:
                _pull_one(client, schema, item, Path(workdir), options, summary)
                progress.advance()
            if items and len(summary.failures) == failed and not dry_run and since is None:
                _remember(client.base_url, schema, government, items)
    summary.requests = client.requests
    summary.seconds = time.monotonic() - started
    return summary


def _listing(client: BchClient, schema: str, government: str, since: dt.date | None) -> list:
    clauses = ["realm_ss:bch", f"schema_s:{schema}"]
    if government:
        clauses.append(f"government_s:{government}")
    if since is not None:
        clauses.append(f"updatedDate_dt:[{since.isoformat()}T00:00:00Z TO *]")
    elif watermark := _watermark(client.base_url, schema, government):
        clauses.append(f"updatedDate_dt:{{{watermark} TO *]")  # strictly after it
    seen: dict[str, Listed] = {}
    for _found, rows in client.list_index(" AND ".join(clauses)):
        for row in rows:
            seen[row.identifier] = row  # a document updated while paging: its latest listing
    return sorted(seen.values(), key=lambda item: solr_date(item.updated))


def _watermark(source: str, schema: str, government: str) -> str:
    """The latest update already pulled; a government's pull also trusts a pull of all."""
    states = PullState.objects.filter(source=source, schema=schema, government__in={government, ""})
    marks = [s.updated_until for s in states]
    return max(marks, key=solr_date) if marks else ""


def _remember(source: str, schema: str, government: str, items: list[Listed]) -> None:
    PullState.objects.update_or_create(
        source=source,
        schema=schema,
        government=government,
        defaults={
            "updated_until": max((i.updated for i in items), key=solr_date),
            "pulled_at": timezone.now(),
            "documents": len(items),
        },
    )


def _pull_one(
    client: BchClient,
    schema: str,
    item: Listed,
    workdir: Path,
    options: Options,
    summary: PullSummary,
) -> None:
    """Fetch and import one document, counting its outcome or its problems."""
    try:
        document = client.document(item.identifier)
    except BchError as error:
        if not _about_the_document(error):
            raise
        summary.failures.append(document_problem(item.identifier, "-", error.problems[0]))
        return
    # The import services read files, as `reports import` and `records import` do; the
    # file is named after the document, for the audit trail.
    path = workdir / f"{item.identifier}.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    try:
        outcome = IMPORTERS[schema](path, item, options)
    except ImportFailed as error:
        summary.failures += [_named(p, item.identifier) for p in error.problems]
        return
    finally:
        path.unlink()
    summary.outcomes[outcome] += 1
    if not outcome.endswith("unchanged"):
        summary.changes.append(f"{schema} {item.identifier}: {outcome}")


def _about_the_document(error: BchError) -> bool:
    """A fault of one document (not found, not JSON, a bad identifier), not of the BCH."""
    status = error.params.get("status")
    return error.code != "bch.unreachable" and not (status and status >= 500)


def _named(problem: Problem, identifier: str) -> Problem:
    """The import's problem about the document's file, about its BCH identifier instead."""
    return dataclasses.replace(problem, params={**problem.params, "source": identifier})
