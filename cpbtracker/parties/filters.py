"""The one filter of the Parties list, shared by the page and the API."""

from __future__ import annotations

from django.db.models import QuerySet

from cpbtracker.parties.models import Membership, Party, Region, Treaty


def filter_parties(queryset: QuerySet[Party], params: dict[str, str]) -> QuerySet[Party]:
    """Filter by ``region`` (code) and by ``treaty`` + ``status`` (party/not_party/unknown).

    Unknown values are ignored rather than failing, as a shared link with a stale filter
    should still show the list.
    """
    region = params.get("region", "")
    if region in Region.values:
        queryset = queryset.filter(region=region)
    treaty = params.get("treaty", "")
    status = params.get("status", "")
    if treaty in Treaty.values and status in Membership.Status.values:
        queryset = queryset.filter(memberships__treaty=treaty, memberships__status=status)
    return queryset
