"""Who may edit and publish which record, and which records a user may see.

National records follow the national-report rules: the Party's authorized users and focal
point edit, only the focal point publishes. Reference records are edited by the users of the
Party that submitted them (or the Secretariat) and published by the Secretariat.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from cpbtracker.accounts.access import (
    User,
    can_edit_for,
    can_submit_for,
    is_secretariat,
    parties_of,
)
from cpbtracker.parties.models import Party
from cpbtracker.records.models import Record, Revision
from cpbtracker.records.schemas import record_schema


def can_create(user: User, schema: str, party: Party | None) -> bool:
    """``party``: the government of a national record, the submitting Party of a reference one."""
    if record_schema(schema).national:
        return party is not None and can_edit_for(user, party)
    if party is None:
        return is_secretariat(user)
    return can_edit_for(user, party)


def can_edit(user: User, record: Record) -> bool:
    owner = record.government or record.submitted_for
    return is_secretariat(user) if owner is None else can_edit_for(user, owner)


def can_publish(user: User, record: Record) -> bool:
    if record.government is not None:
        return can_submit_for(user, record.government)
    return is_secretariat(user)


def creatable_parties(user: User) -> list[Party]:
    return list(Party.objects.all()) if is_secretariat(user) else parties_of(user)


def get_record(identifier: str) -> Record:
    return get_object_or_404(Record.objects.select_related("government"), identifier=identifier)


def published_or_404(record: Record) -> Revision:
    revision = record.current
    if revision is None:
        raise Http404("No published revision")
    return revision


def require_editor(user: User, record: Record) -> None:
    """Unpublished work belongs to its editors: another Party's user gets a 404, the public 403."""
    if can_edit(user, record):
        return
    if user is not None and user.is_authenticated:
        raise Http404("No such draft")
    raise PermissionDenied
