"""Template filters for the Parties pages."""

from __future__ import annotations

from django import template

from cpbtracker.parties.models import Membership, Party

register = template.Library()


@register.filter
def membership(party: Party, treaty: str) -> Membership | None:
    """``party|membership:"CP"``: the Party's membership record of that treaty, if any."""
    return party.membership(treaty)
