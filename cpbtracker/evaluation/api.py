"""`/api/sdmx/`: indicator results as SDMX (structure, SDMX-CSV, SDMX-ML), live or frozen."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse

from cpbtracker.evaluation.sdmx import SDMX_DATA_FORMATS, STRUCTURE_MEDIA_TYPE, structure_xml
from cpbtracker.evaluation.views import evidence_from


def sdmx_index(request: HttpRequest) -> JsonResponse:
    return JsonResponse(
        {
            "structure": request.build_absolute_uri(reverse("api-sdmx-structure")),
            "data": {
                fmt: request.build_absolute_uri(reverse("api-sdmx-data")) + f"?format={fmt}"
                for fmt in SDMX_DATA_FORMATS
            },
            "parameters": {"cycle": "reporting cycle (default: latest)", "snapshot": "label"},
        }
    )


def sdmx_structure(request: HttpRequest) -> HttpResponse:
    return HttpResponse(structure_xml(), content_type=STRUCTURE_MEDIA_TYPE)


def sdmx_data(request: HttpRequest) -> HttpResponse:
    fmt = request.GET.get("format", "csv")
    if fmt not in SDMX_DATA_FORMATS:
        raise Http404("no such SDMX format")
    write, export_format = SDMX_DATA_FORMATS[fmt]
    return HttpResponse(write(evidence_from(request)), content_type=export_format.content_type)
