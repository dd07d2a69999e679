"""Changing clearing-house records: drafts, requests for publication, publication, import.

Every service checks permission (``user=None`` is the trusted command-line operator), runs in
one transaction and writes an audit row. A published revision never changes: editing it starts
a new draft revision. Each change names the revision the editor saw (its ``token``); a change
made on a stale view is refused rather than silently overwriting someone else's work.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cpbtracker.accounts.audit import record as audit
from cpbtracker.lib import changes
from cpbtracker.lib.actors import person, require_allowed
from cpbtracker.lib.problems import CodedError, Problem, ProblemsError
from cpbtracker.parties.models import Party
from cpbtracker.records import access
from cpbtracker.records.documents import (
    date_of,
    missing_mandatory,
    search_text,
    shape_problems,
    terms_of,
    title_of,
)
from cpbtracker.records.models import Record, RecordTerm, Revision
from cpbtracker.records.schemas import record_schema


class RecordError(CodedError):
    """A request that cannot be carried out: a code, parameters, and a message for the user."""

    MESSAGES = {
        "conflict": _(
            "Someone else changed this record since you opened it (now revision %(token)s): "
            "reload it and make your change again."
        ),
        "not-draft": _("Only a draft can be sent for publication."),
        "published": _("This revision is already published."),
        "not-latest": _("Only the latest revision can be published."),
    }


class RecordInvalid(ProblemsError):
    """The document has problems (each about a field, its ``key``); nothing was stored."""

    MESSAGES = {"record.invalid-field": _("%(field)s: %(reason)s")}

    def __str__(self) -> str:
        return "; ".join(
            Problem("record.invalid-field", {"field": p.key, "reason": p}).message
            for p in self.problems
        )


def indexed_fields(schema: str, document: dict[str, Any]) -> dict[str, Any]:
    """The revision columns copied from the document (title, search text, date)."""
    spec = record_schema(schema)
    title = title_of(document)
    return {
        "title": title.get("en") or next(iter(title.values()), ""),
        "text": search_text(spec, document),
        "date": date_of(document),
    }


def term_rows(revision: Revision) -> list[RecordTerm]:
    spec = record_schema(revision.record.schema)
    return [
        RecordTerm(revision=revision, field=key, identifier=identifier)
        for key, identifier in terms_of(spec, revision.document)
    ]


def _write(revision: Revision) -> Revision:
    """Save a revision with its indexed columns and term rows."""
    for name, value in indexed_fields(revision.record.schema, revision.document).items():
        setattr(revision, name, value)
    revision.save()
    revision.terms.all().delete()
    RecordTerm.objects.bulk_create(term_rows(revision))
    return revision


def _envelope(record: Record, document: dict[str, Any]) -> dict[str, Any]:
    """The document with the record's own identity (the editor cannot move it elsewhere)."""
    header = dict(document.get("header") or {})
    header.update(identifier=record.identifier, schema=record.schema)
    header.setdefault("languages", ["en"])
    fixed = {**document, "header": header}
    if record.government is not None:
        fixed["government"] = {"identifier": record.government.iso2.lower()}
    return fixed


def _check_shape(schema: str, document: dict[str, Any]) -> None:
    problems = shape_problems(record_schema(schema), document)
    if problems:
        raise RecordInvalid(problems)


@transaction.atomic
def create_draft(
    schema: str, document: dict[str, Any], *, user: Any, party: Party | None
) -> Revision:
    """A new record with its first draft. ``party``: the government of a national record; for
    a reference record, the Party whose user submits it (None: the Secretariat)."""
    require_allowed(access.can_create(user, schema, party), user)
    national = record_schema(schema).national
    record = Record(
        identifier=str(uuid.uuid4()).upper(),
        schema=schema,
        government=party if national else None,
        submitted_for=None if national else party,
    )
    fixed = _envelope(record, document)
    _check_shape(schema, fixed)
    record.save()
    revision = _write(Revision(record=record, number=1, document=fixed, created_by=person(user)))
    audit(user, "record.created", revision)
    return revision


def _check_token(record: Record, token: str) -> Revision:
    latest = record.latest_revision()
    if latest is None or latest.token != token:
        raise RecordError("conflict", token=latest.token if latest else "-")
    return latest


@transaction.atomic
def save_draft(record: Record, document: dict[str, Any], *, user: Any, token: str) -> Revision:
    """Store the document as the record's draft; a published revision gets a new draft after
    it. ``token`` is the latest revision's token as the editor saw it."""
    require_allowed(access.can_edit(user, record), user)
    record = Record.objects.select_for_update().get(pk=record.pk)
    latest = _check_token(record, token)
    fixed = _envelope(record, document)
    _check_shape(record.schema, fixed)
    if latest.is_published:
        revision = Revision(
            record=record, number=latest.number + 1, document=fixed, created_by=person(user)
        )
    else:
        revision = latest
        revision.document = fixed
        revision.status = Revision.Status.DRAFT
        revision.saves += 1
    _write(revision)
    audit(user, "record.saved", revision)
    return revision


@transaction.atomic
def request_publication(revision: Revision, *, user: Any, token: str) -> Revision:
    """An authorized user asks the focal point (or the Secretariat) to publish a draft."""
    record = revision.record
    require_allowed(access.can_edit(user, record), user)
    record = Record.objects.select_for_update().get(pk=record.pk)
    latest = _check_token(record, token)
    if latest.pk != revision.pk or latest.status != Revision.Status.DRAFT:
        raise RecordError("not-draft")
    latest.status = Revision.Status.REQUESTED
    latest.save(update_fields=["status", "updated_at"])
    audit(user, "record.publication_requested", latest)
    return latest


@transaction.atomic
def publish_revision(
    revision: Revision, *, user: Any, token: str, on: dt.date | None = None
) -> Revision:
    """The focal point (national) or the Secretariat (reference) publishes the latest
    revision; it then never changes. Blocked with the list of missing mandatory fields."""
    record = revision.record
    require_allowed(access.can_publish(user, record), user)
    record = Record.objects.select_for_update().get(pk=record.pk)
    latest = _check_token(record, token)
    if Revision.objects.get(pk=revision.pk).is_published:
        raise RecordError("published")
    if latest.pk != revision.pk:
        raise RecordError("not-latest")
    problems = missing_mandatory(record_schema(record.schema), latest.document)
    if problems:
        raise RecordInvalid(problems)
    latest.status = Revision.Status.PUBLISHED
    latest.published_on = on or timezone.localdate()
    latest.published_by = person(user)
    latest.save(update_fields=["status", "published_on", "published_by", "updated_at"])
    record.current = latest
    record.save(update_fields=["current"])
    changes.records_changed.send(__name__, published_on=latest.published_on)
    audit(user, "record.published", latest)
    return latest
