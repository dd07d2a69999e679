"""Pages of the Parties registry."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from cpbtracker.lib.collation import sorted_by_name
from cpbtracker.parties.filters import filter_parties
from cpbtracker.parties.models import Membership, Region, RegistrySource, Treaty
from cpbtracker.parties.profile import profile_sections
from cpbtracker.parties.queries import parties_with_memberships, source_texts


def party_list(request: HttpRequest) -> HttpResponse:
    parties = filter_parties(parties_with_memberships(), request.GET)
    return render(
        request,
        "parties/list.html",
        {
            "parties": sorted_by_name(parties),
            "regions": Region.choices,
            "treaties": Treaty.choices,
            "statuses": Membership.Status.choices,
            "selected": request.GET,
            "source": source_texts(RegistrySource.objects.first()),
        },
    )


def party_detail(request: HttpRequest, iso2: str) -> HttpResponse:
    party = get_object_or_404(parties_with_memberships(), iso2=iso2.upper())
    return render(
        request,
        "parties/detail.html",
        {
            "party": party,
            "treaties": Treaty.choices,
            "source": source_texts(RegistrySource.objects.first()),
            "sections": profile_sections(party, request),
        },
    )
