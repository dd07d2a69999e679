"""Changing capacity-building data: the plan tags of initiatives, and new initiatives.

Initiatives themselves are clearing-house records, created through the records services.
Every service here checks permission (``user=None`` is the trusted command-line operator),
runs in one transaction and writes an audit row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from cpbtracker.accounts.access import require_secretariat
from cpbtracker.accounts.audit import record as audit
from cpbtracker.capacity.models import (
    INITIATIVE_SCHEMA,
    Audience,
    InitiativeTags,
    Level,
    ProviderType,
)
from cpbtracker.lib.actors import person
from cpbtracker.lib.problems import CodedError
from cpbtracker.parties.models import Party
from cpbtracker.plan.models import CapacityActivity, CapacityArea, Goal, Objective
from cpbtracker.records.models import Record, Revision
from cpbtracker.records.services import create_draft

LIST_TAGS = ("goals", "objectives", "key_areas", "activities", "provider_types", "audiences")


class TagError(CodedError):
    """A tagging or entry request that cannot be carried out: a code and its parameters."""

    MESSAGES = {
        "unknown-code": _("%(field)s: %(values)s is not a code of the plan."),
        "unknown-choice": _("%(field)s: %(values)s is not one of the allowed values."),
        "unknown-initiative": _("No capacity-building initiative %(values)s."),
        "nothing-selected": _("Select at least one initiative."),
        "unknown-country": _("%(field)s: %(values)s is not a known country code."),
    }


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
    require_secretariat(user)
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
            tags.updated_by = person(user)
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


@dataclass
class InitiativeFields:
    """What the entry form collects, before it becomes a BCH document."""

    title: dict[str, str]
    description: str
    areas: list[str]
    countries: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    start: dt.date | None = None
    end: dt.date | None = None
    budget: Decimal | None = None
    funders: list[str] = field(default_factory=list)
    co_financing: list[str] = field(default_factory=list)
    agencies: list[str] = field(default_factory=list)
    materials: list[str] = field(default_factory=list)
    results: str = ""
    lessons: str = ""

    def document(self) -> dict[str, Any]:
        """The BCH capacityBuildingInitiative document (only the fields given)."""

        def refs(codes: list[str]) -> list[dict[str, str]]:
            return [{"identifier": c} for c in codes]

        fields: dict[str, Any] = {
            "header": {"schema": INITIATIVE_SCHEMA, "languages": sorted(self.title)},
            "title": self.title,
            "description": {"en": self.description},
            "countryRegions": refs([c.lower() for c in self.countries] + self.regions),
            "cpbThematicAreas": refs(self.areas),
            "startDate": self.start.isoformat() if self.start else None,
            "endDate": self.end.isoformat() if self.end else None,
            "totalBudget": str(self.budget) if self.budget is not None else None,
            "coreFundingSources": refs(self.funders),
            "coFinancingSources": refs(self.co_financing),
            "isImplementedByAgencies": bool(self.agencies) or None,
            "implementingAgencies": refs(self.agencies),
            "resultsReference": refs(self.materials),
            "resultsAchievements": {"en": self.results} if self.results else None,
            "bestPractices": {"en": self.lessons} if self.lessons else None,
        }
        return {k: v for k, v in fields.items() if v not in (None, [])}


@transaction.atomic
def create_initiative(
    fields: InitiativeFields, change: TagChange, *, user: Any, party: Party | None
) -> Revision:
    """A new initiative as a clearing-house draft (submitted for ``party``; None: the
    Secretariat), with its plan tags. Unknown countries or plan codes: TagError, nothing kept."""
    unknown = sorted(set(fields.countries) - set(Party.objects.values_list("iso2", flat=True)))
    if unknown:
        raise TagError("unknown-country", field="countries", values=", ".join(unknown))
    check_change(change)
    revision = create_draft(INITIATIVE_SCHEMA, fields.document(), user=user, party=party)
    InitiativeTags.objects.create(
        record=revision.record,
        **{name: sorted(set(getattr(change, name))) for name in LIST_TAGS},
        level=change.level,
        updated_by=person(user),
    )
    audit(user, "capacity.initiative_created", revision.record, tags=asdict(change))
    return revision
