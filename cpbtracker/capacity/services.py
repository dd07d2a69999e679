"""Changing capacity-building data: the plan tags of initiatives.

Initiatives themselves are clearing-house records, changed through the records services.
Every service here checks permission (``user=None`` is the trusted command-line operator),
runs in one transaction and writes an audit row.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from cpbtracker.accounts.access import is_secretariat
from cpbtracker.accounts.audit import record as audit
from cpbtracker.capacity.models import (
    INITIATIVE_SCHEMA,
    Audience,
    InitiativeTags,
    Level,
    ProviderType,
)
from cpbtracker.plan.models import CapacityActivity, CapacityArea, Goal, Objective
from cpbtracker.records.models import Record

LIST_TAGS = ("goals", "objectives", "key_areas", "activities", "provider_types", "audiences")


class TagError(Exception):
    """A tagging request that cannot be carried out: a code and its parameters."""

    MESSAGES = {
        "unknown-code": _("%(field)s: %(values)s is not a code of the plan."),
        "unknown-choice": _("%(field)s: %(values)s is not one of the allowed values."),
        "unknown-initiative": _("No capacity-building initiative %(values)s."),
        "nothing-selected": _("Select at least one initiative."),
    }

    def __init__(self, code: str, **params: Any):
        self.code = code
        self.params = params
        super().__init__(str(self))

    def __str__(self) -> str:
        return str(self.MESSAGES[self.code]) % self.params


@dataclass
class TagChange:
    """Tags to add to each selected initiative; ``level`` replaces when given."""

    goals: list[str] = field(default_factory=list)
    objectives: list[str] = field(default_factory=list)
    key_areas: list[str] = field(default_factory=list)
    activities: list[str] = field(default_factory=list)
    level: str = ""
    provider_types: list[str] = field(default_factory=list)
    audiences: list[str] = field(default_factory=list)


def _check(name: str, values: Iterable[str], allowed: Iterable[str], code: str) -> None:
    unknown = sorted(set(values) - set(allowed))
    if unknown:
        raise TagError(code, field=name, values=", ".join(unknown))


def check_change(change: TagChange) -> None:
    """Raise TagError naming the first field with a value that does not exist."""
    plan_codes = {
        "goals": Goal.objects.values_list("code", flat=True),
        "objectives": Objective.objects.values_list("code", flat=True),
        "key_areas": CapacityArea.objects.values_list("code", flat=True),
        "activities": CapacityActivity.objects.values_list("code", flat=True),
    }
    for name, codes in plan_codes.items():
        _check(name, getattr(change, name), codes, "unknown-code")
    _check("level", [change.level] if change.level else [], Level.values, "unknown-choice")
    _check("provider_types", change.provider_types, ProviderType.values, "unknown-choice")
    _check("audiences", change.audiences, Audience.values, "unknown-choice")


@transaction.atomic
def tag_initiatives(identifiers: list[str], change: TagChange, *, user: Any) -> int:
    """Add the tags to every initiative named (the Secretariat's bulk tagging); all or
    nothing. Returns how many initiatives changed."""
    if user is not None and not is_secretariat(user):
        raise PermissionDenied
    if not identifiers:
        raise TagError("nothing-selected")
    check_change(change)
    records = {
        r.identifier: r
        for r in Record.objects.filter(schema=INITIATIVE_SCHEMA, identifier__in=identifiers)
    }
    missing = sorted(set(identifiers) - set(records))
    if missing:
        raise TagError("unknown-initiative", values=", ".join(missing))
    changed = 0
    for identifier in sorted(set(identifiers)):
        tags, _created = InitiativeTags.objects.get_or_create(record=records[identifier])
        before = [getattr(tags, name) for name in (*LIST_TAGS, "level")]
        for name in LIST_TAGS:
            merged = set(getattr(tags, name)) | set(getattr(change, name))
            setattr(tags, name, sorted(merged))
        tags.level = change.level or tags.level
        if [getattr(tags, name) for name in (*LIST_TAGS, "level")] != before:
            tags.updated_by = user if getattr(user, "is_authenticated", False) else None
            tags.save()
            changed += 1
    audit(
        user,
        "capacity.tagged",
        f"{len(records)} initiative(s)",
        identifiers=sorted(records),
        tags={name: getattr(change, name) for name in (*LIST_TAGS, "level")},
    )
    return changed
