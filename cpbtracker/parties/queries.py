"""Who was a Party to which treaty on which date: the denominator of almost every indicator."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString

from cpbtracker.lib.content import localized_html
from cpbtracker.parties.models import Membership, Party, RegistrySource
from cpbtracker.parties.services import packaged_source


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


def source_texts(source: RegistrySource | None) -> dict[str, SafeString] | None:
    """The data box's description and date as HTML in the reader's language: the packaged
    source's translations (a fallback marked), or an imported file's own words as stored."""
    if source is None:
        return None
    packaged = packaged_source()
    if source.description == packaged["description"]["en"]:
        return {key: localized_html(packaged[key]) for key in ("description", "as_of")}
    return {
        "description": conditional_escape(source.description),
        "as_of": conditional_escape(source.as_of),
    }
