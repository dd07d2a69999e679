"""`/evaluation/`: where the plan stands (live or a snapshot), one goal's evidence, the
evaluation documents."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from cpbtracker.evaluation.chart import chart_for
from cpbtracker.evaluation.document import DOCUMENT_LANGUAGES, document_bytes
from cpbtracker.evaluation.evidence import Evidence, live_evidence, snapshot_evidence
from cpbtracker.evaluation.formats import DOCUMENT_WRITERS
from cpbtracker.evaluation.models import Kind, Snapshot
from cpbtracker.evaluation.overview import build_overview
from cpbtracker.lib import inputs
from cpbtracker.lib.responses import attachment
from cpbtracker.parties.models import Region
from cpbtracker.reporting.models import ReportingCycle, ReportVersion


def evidence_from(request: HttpRequest) -> Evidence:
    """The snapshot asked for (``?snapshot=LABEL``), else live data for ``?cycle=N`` (default:
    the latest cycle with a submitted report)."""
    label = inputs.text(request.GET.get("snapshot"), field="snapshot")
    if label:
        snapshot = Snapshot.objects.filter(label=label).first()
        if snapshot is None:
            raise Http404("no such snapshot")
        return snapshot_evidence(snapshot)
    cycles = ReportingCycle.objects.order_by("-number")
    asked = inputs.optional_whole_number(request.GET.get("cycle"), field="cycle")
    cycle = (
        (cycles.filter(number=asked).first() if asked is not None else None)
        or cycles.filter(reports__versions__status=ReportVersion.Status.SUBMITTED).first()
        or cycles.first()
    )
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
    overview = build_overview(
        evidence, region, regions=[(v, str(label)) for v, label in Region.choices]
    )
    goal = next((g for g in overview.goals if g.goal.code == code), None)
    if goal is None:
        raise Http404("no such goal")
    return render(
        request,
        "evaluation/goal.html",
        {
            "goal": goal,
            "charts": [(view, chart_for(view)) for view in goal.indicators],
            **_filters(request, evidence, region),
        },
    )


def documents(request: HttpRequest) -> HttpResponse:
    """The evaluation documents to download: kind, language, format, evidence."""
    evidence = evidence_from(request)
    return render(
        request,
        "evaluation/documents.html",
        {
            "kinds": Kind.choices,
            "document_languages": [
                ("en", "English"),
                ("zh", "中文"),
                ("ar", "العربية"),
                ("es", "Español"),
                ("fr", "Français"),
                ("ru", "Русский"),
            ],
            "formats": [
                (key, writer.extension.upper()) for key, writer in DOCUMENT_WRITERS.items()
            ],
            **_filters(request, evidence, ""),
        },
    )


def download(request: HttpRequest) -> HttpResponse:
    evidence = evidence_from(request)
    kind, language, fmt = (request.GET.get(k, "") for k in ("kind", "language", "format"))
    if kind not in Kind.values or language not in DOCUMENT_LANGUAGES or fmt not in DOCUMENT_WRITERS:
        raise Http404("no such document")
    name = f"{kind}-evaluation-cycle-{evidence.cycle}-{evidence.label or 'live'}-{language}"
    return attachment(
        document_bytes(evidence, kind=kind, language=language, fmt=fmt),
        content_type=DOCUMENT_WRITERS[fmt].content_type,
        filename=f"{name}.{fmt}",
    )
