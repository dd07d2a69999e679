"""`/`: what cpbtracker is, where the plan stands, and where each kind of user starts — with,
for a signed-in Party user, the reports of the open cycles and the requests awaiting approval."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from cpbtracker.accounts.access import is_secretariat
from cpbtracker.evaluation.evidence import Evidence
from cpbtracker.evaluation.overview import build_overview
from cpbtracker.evaluation.views import evidence_from
from cpbtracker.reporting.queries import work_of


def home(request: HttpRequest) -> HttpResponse:
    try:
        evidence: Evidence | None = evidence_from(request)
    except Http404:  # no reporting cycle yet: nothing to tell of the plan's progress
        evidence = None
    overview = build_overview(evidence, "") if evidence else None
    return render(
        request,
        "cpbtracker/home.html",
        {
            "overview": overview,
            "evidence": evidence,
            "work": work_of(request.user),
            "secretariat": is_secretariat(request.user),
        },
    )
