"""Read-only JSON for indicator results: the same shape as `cpbtracker indicators compute`."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cpbtracker.indicators.payloads import (
    RESULT_SCHEMA,
    RESULTS_SCHEMA,
    result_payload,
    results_payload,
)
from cpbtracker.indicators.store import StoredResults, regional_results
from cpbtracker.lib import inputs
from cpbtracker.parties.models import Region
from cpbtracker.reporting.models import ReportingCycle

CYCLE = OpenApiParameter("cycle", OpenApiTypes.INT, required=True, description="Cycle number.")
BOTH = OpenApiParameter(
    "both", OpenApiTypes.BOOL, description="Only Parties that reported in both cycles."
)
REGION = OpenApiParameter(
    "region", OpenApiTypes.STR, enum=Region.values, description="UN regional group."
)
EU_IN_WEOG = OpenApiParameter(
    "eu_in_weog",
    OpenApiTypes.BOOL,
    description="Count the European Union within WEOG, as the Secretariat's tables do.",
)


def _cycle_and_region(request: Request) -> tuple[ReportingCycle, str]:
    number = inputs.whole_number(request.query_params.get("cycle"), field="cycle")
    cycle = ReportingCycle.objects.filter(number=number).first()
    if cycle is None:
        raise NotFound(f"no reporting cycle {number}")
    region = request.query_params.get("region", "")
    if region and region not in Region.values:
        raise ValidationError({"region": f"one of {', '.join(Region.values)}"})
    return cycle, region


def _both(request: Request) -> bool:
    return request.query_params.get("both", "") in ("1", "true")


def _results(request: Request, cycle: ReportingCycle, region: str) -> StoredResults:
    eu_in_weog = request.query_params.get("eu_in_weog", "") in ("1", "true")
    return regional_results(cycle, region, both_cycles=_both(request), eu_in_weog=eu_in_weog)


class IndicatorResults(APIView):
    """Every indicator of the plan for a cycle (all Parties or one region)."""

    @extend_schema(
        operation_id="indicators_list",
        parameters=[CYCLE, REGION, EU_IN_WEOG, BOTH],
        responses={200: RESULTS_SCHEMA},
    )
    def get(self, request: Request) -> Response:
        cycle, region = _cycle_and_region(request)
        results = _results(request, cycle, region)
        return Response(results_payload(cycle.number, region, results, results.computed_at))


class IndicatorResult(APIView):
    """One indicator for a cycle, with the Parties behind the number."""

    @extend_schema(parameters=[CYCLE, REGION, EU_IN_WEOG, BOTH], responses={200: RESULT_SCHEMA})
    def get(self, request: Request, code: str) -> Response:
        cycle, region = _cycle_and_region(request)
        results = _results(request, cycle, region)
        result = next((r for r in results if r.code == code), None)
        if result is None:
            raise NotFound(f"no indicator {code}")
        return Response(result_payload(cycle.number, region, result, results.computed_at))
