"""Who was a Party to which treaty on which date: the denominator of almost every indicator."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from cpbtracker.parties.models import Membership, Party


def parties_on(treaty: str, on: dt.date) -> QuerySet[Party]:
    """Parties to ``treaty`` on date ``on`` (known status and date only), one query."""
    return Party.objects.filter(
        memberships__treaty=treaty,
        memberships__status=Membership.Status.PARTY,
        memberships__since__lte=on,
    ).order_by("iso2")


@dataclass(frozen=True)
class MembershipOn:
    """The answer to "who was a Party on date D", with what the data cannot tell."""

    treaty: str
    on: dt.date
    parties: list[Party]
    undetermined: list[Party]  # status unknown, or a Party whose date is not known

    @property
    def count(self) -> int:
        return len(self.parties)


def membership_on(treaty: str, on: dt.date) -> MembershipOn:
    parties = list(parties_on(treaty, on))
    undetermined = list(
        Party.objects.filter(
            Q(memberships__status=Membership.Status.UNKNOWN)
            | Q(memberships__status=Membership.Status.PARTY, memberships__since__isnull=True),
            memberships__treaty=treaty,
        ).order_by("iso2")
    )
    return MembershipOn(treaty=treaty, on=on, parties=parties, undetermined=undetermined)


def parties_with_memberships() -> QuerySet[Party]:
    return Party.objects.prefetch_related(
        Prefetch("memberships", queryset=Membership.objects.order_by("treaty"))
    )
