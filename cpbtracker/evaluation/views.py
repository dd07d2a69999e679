"""`/evaluation/`: where the plan stands (live or a snapshot), one goal's evidence."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from cpbtracker.evaluation.chart import series_chart
from cpbtracker.evaluation.evidence import Evidence, live_evidence, snapshot_evidence
from cpbtracker.evaluation.models import Snapshot
from cpbtracker.evaluation.overview import IndicatorView, build_overview
from cpbtracker.parties.models import Region
from cpbtracker.reporting.models import ReportingCycle


def evidence_from(request: HttpRequest) -> Evidence:
    """The snapshot asked for (``?snapshot=LABEL``), else live data for ``?cycle=N`` (default:
    the latest cycle)."""
    label = request.GET.get("snapshot", "")
    if label:
        snapshot = Snapshot.objects.filter(label=label).first()
        if snapshot is None:
            raise Http404("no such snapshot")
        return snapshot_evidence(snapshot)
    cycles = ReportingCycle.objects.order_by("-number")
    cycle = cycles.filter(number=request.GET.get("cycle") or 0).first() or cycles.first()
    if cycle is None:
        raise Http404("no reporting cycles")
    return live_evidence(cycle)


def region_from(request: HttpRequest) -> str:
    region = request.GET.get("region", "")
    return region if region in Region.values else ""


def _filters(request: HttpRequest, evidence: Evidence, region: str) -> dict[str, object]:
    return {
        "evidence": evidence,
        "region": region,
        "regions": Region.choices,
        "snapshots": Snapshot.objects.all(),
        "cycles": ReportingCycle.objects.order_by("number"),
        "query": request.GET.urlencode(),
    }


def dashboard(request: HttpRequest) -> HttpResponse:
    evidence = evidence_from(request)
    region = region_from(request)
    overview = build_overview(evidence, region)
    return render(
        request,
        "evaluation/dashboard.html",
        {"overview": overview, **_filters(request, evidence, region)},
    )


def goal_evidence(request: HttpRequest, code: str) -> HttpResponse:
    evidence = evidence_from(request)
    region = region_from(request)
    overview = build_overview(evidence, region, regions=Region.choices)
    goal = next((g for g in overview.goals if g.goal.code == code), None)
    if goal is None:
        raise Http404("no such goal")
    return render(
        request,
        "evaluation/goal.html",
        {
            "goal": goal,
            "charts": [(view, chart_of(view)) for view in goal.indicators],
            **_filters(request, evidence, region),
        },
    )


def chart_of(view: IndicatorView):
    """The indicator's values by cycle with its target and milestones, as chart geometry."""
    target = view.target
    unit = view.figure["unit"] if view.figure else "percent"
    return series_chart(
        [(year, value) for _cycle, year, value in view.series],
        target=(target["target_year"], target["target"])
        if target["target"] is not None and target["target_year"]
        else None,
        milestones=[(m["year"], m["value"]) for m in target["milestones"]],
        unit=unit,
    )
