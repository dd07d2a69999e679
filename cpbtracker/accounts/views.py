"""The audit trail, read by the Secretariat per Party or per report (page and CSV)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from cpbtracker.accounts.access import is_secretariat
from cpbtracker.accounts.audit import (
    CSV_COLUMNS,
    action_label,
    csv_rows,
    detail_lines,
    entries_for,
)
from cpbtracker.accounts.models import AuditEntry
from cpbtracker.lib.collation import sorted_by_name
from cpbtracker.lib.responses import table_attachment
from cpbtracker.parties.models import Party
from cpbtracker.reporting.models import ReportingCycle

PAGE_SIZE = 100


@login_required
def audit_trail(request: HttpRequest) -> HttpResponse:
    """``?party=KE`` a Party's trail, ``&cycle=5`` one report's; ``&format=csv`` downloads it."""
    if not is_secretariat(request.user):
        raise PermissionDenied
    parties = Party.objects.order_by("iso2")
    cycles = list(ReportingCycle.objects.values_list("number", flat=True))
    party = parties.filter(iso2=request.GET.get("party", "").upper()).first()
    cycle = next((n for n in cycles if str(n) == request.GET.get("cycle")), None)
    entries = (
        entries_for(party, cycle) if party else AuditEntry.objects.select_related("user").none()
    )
    if party and request.GET.get("format") == "csv":
        name = f"audit-{party.iso2}{f'-{cycle}' if cycle is not None else ''}"
        return table_attachment("csv", csv_rows(entries.iterator()), CSV_COLUMNS, name=name)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/audit.html",
        {
            "parties": sorted_by_name(parties),
            "cycles": cycles,
            "party": party,
            "cycle": cycle,
            "page": page,
            "rows": [
                (entry, action_label(entry.action), detail_lines(entry.detail)) for entry in page
            ],
        },
    )
