"""Which reports a user may see or change. Another Party's draft does not exist for them (404)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from cpbtracker.accounts.access import can_edit_for
from cpbtracker.parties.models import Party
from cpbtracker.reporting.models import NationalReport, ReportingCycle, ReportVersion


def get_cycle(number: int) -> ReportingCycle:
    return get_object_or_404(ReportingCycle, number=number)


def get_party(iso2: str) -> Party:
    return get_object_or_404(Party, iso2=iso2.upper())


def get_report(party: Party, cycle: ReportingCycle) -> NationalReport | None:
    """The Party's report of the cycle, if it has one."""
    return NationalReport.objects.filter(party=party, cycle=cycle).first()


def get_draft(party: Party, cycle: ReportingCycle) -> ReportVersion | None:
    """The draft of Party x cycle (its report's open version), if there is one.

    Permission is the caller's business: check :func:`require_editor` first."""
    return draft_of(get_report(party, cycle))


def draft_of(report: NationalReport | None) -> ReportVersion | None:
    return report.draft() if report else None


def get_published_version(party: Party, cycle: ReportingCycle) -> ReportVersion:
    """The published version anyone may read; 404 when there is none."""
    report = get_report(party, cycle)
    version = report.published_version() if report else None
    if version is None:
        raise Http404("No published report")
    return version


def require_editor(user: Any, party: Party) -> None:
    """Drafts belong to the Party's users and the Secretariat; anyone else gets a 404 if they
    are signed in as someone else's user, a 403 otherwise (so the public learns nothing)."""
    if can_edit_for(user, party):
        return
    if user.is_authenticated:
        raise Http404("No such draft")
    raise PermissionDenied
