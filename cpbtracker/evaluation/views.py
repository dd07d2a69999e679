"""`/evaluation/`: where the plan stands (live or a snapshot), one goal's evidence, the
evaluation documents."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cpbtracker.accounts.access import is_secretariat
from cpbtracker.evaluation.chart import chart_for
from cpbtracker.evaluation.document import (
    DOCUMENT_LANGUAGE_NAMES,
    DOCUMENT_LANGUAGES,
    evidence_key,
)
from cpbtracker.evaluation.evidence import Evidence, live_evidence, snapshot_evidence
from cpbtracker.evaluation.formats import EVALUATION_WRITERS
from cpbtracker.evaluation.models import Kind, Snapshot, StoredDocument
from cpbtracker.evaluation.overview import SCORE_SCALE, build_overview
from cpbtracker.evaluation.services import EvaluationError, generate_document, publish_document
from cpbtracker.lib import inputs
from cpbtracker.lib.exports import EXPORT_FORMATS
from cpbtracker.lib.responses import format_attachment
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
        "score_scale": SCORE_SCALE,
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
    """The evaluation documents: the public downloads those the Secretariat published; the
    Secretariat also sees the others, makes documents and publishes them."""
    evidence = evidence_from(request)
    secretariat = is_secretariat(request.user)
    stored = StoredDocument.objects.defer("content")
    if not secretariat:
        stored = stored.filter(published_at__isnull=False)
    return render(
        request,
        "evaluation/documents.html",
        {
            "kinds": Kind.choices,
            "document_languages": DOCUMENT_LANGUAGE_NAMES,
            "formats": [EXPORT_FORMATS[key] for key in EVALUATION_WRITERS],
            "stored": stored,
            "secretariat": secretariat,
            **_filters(request, evidence, ""),
        },
    )


def _document_choice(params: QueryDict) -> tuple[str, str, str]:
    kind, language, fmt = (params.get(k, "") for k in ("kind", "language", "format"))
    if (
        kind not in Kind.values
        or language not in DOCUMENT_LANGUAGES
        or fmt not in EVALUATION_WRITERS
    ):
        raise Http404("no such document")
    return kind, language, fmt


@require_POST
def generate(request: HttpRequest) -> HttpResponse:
    """Make (or remake, while unpublished) a document for the evidence shown: the Secretariat."""
    if not is_secretariat(request.user):
        raise PermissionDenied
    kind, language, fmt = _document_choice(request.POST)
    try:
        document = generate_document(
            evidence_from(request),
            kind=kind,
            language=language,
            fmt=fmt,
            user=request.user,
            remake=request.POST.get("remake") == "1",
        )
    except EvaluationError as error:
        messages.error(request, str(error))
        return redirect(f"{reverse('evaluation:documents')}?{request.GET.urlencode()}")
    messages.success(
        request,
        _("The document is made (%(seconds)s s, %(size)s bytes).")
        % {"seconds": document.seconds, "size": document.size},
    )
    return redirect(f"{reverse('evaluation:documents')}?{request.GET.urlencode()}")


@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    if not is_secretariat(request.user):
        raise PermissionDenied
    publish_document(
        get_object_or_404(StoredDocument.objects.defer("content"), pk=pk), user=request.user
    )
    messages.success(request, _("The document is published: anyone can download it now."))
    return redirect("evaluation:documents")


def _serve(document: StoredDocument) -> HttpResponse:
    name = (
        f"{document.kind}-evaluation-cycle-{document.cycle}-{document.evidence}-{document.language}"
    )
    return format_attachment(document.format, bytes(document.content), name=name)


def _visible(request: HttpRequest) -> QuerySet[StoredDocument]:
    if is_secretariat(request.user):
        return StoredDocument.objects.all()
    return StoredDocument.objects.filter(published_at__isnull=False)


def stored_download(request: HttpRequest, pk: int) -> HttpResponse:
    """A stored document, as it was made: published ones for anyone, others the Secretariat."""
    return _serve(get_object_or_404(_visible(request), pk=pk))


def download(request: HttpRequest) -> HttpResponse:
    """The stored document of the evidence shown, kind, language and format; never made here
    (a generation is the Secretariat's POST): not made or not published, 404."""
    kind, language, fmt = _document_choice(request.GET)
    evidence = evidence_from(request)
    document = (
        _visible(request)
        .filter(
            evidence=evidence_key(evidence),
            cycle=evidence.cycle,
            kind=kind,
            language=language,
            format=fmt,
        )
        .first()
    )
    if document is None:
        raise Http404("this document has not been made or published")
    return _serve(document)
