"""Read-only API for the Parties registry."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from cpbtracker.lib import inputs
from cpbtracker.parties.filters import filter_parties
from cpbtracker.parties.models import Membership, Region, Treaty
from cpbtracker.parties.queries import membership_on, parties_with_memberships
from cpbtracker.parties.serializers import PartySerializer

LIST_FILTERS = [
    OpenApiParameter("region", OpenApiTypes.STR, enum=Region.values),
    OpenApiParameter("treaty", OpenApiTypes.STR, enum=Treaty.values),
    OpenApiParameter("status", OpenApiTypes.STR, enum=Membership.Status.values),
]


@extend_schema_view(list=extend_schema(parameters=LIST_FILTERS))
class PartyViewSet(viewsets.ReadOnlyModelViewSet):
    """Governments with their dated membership of the CBD, the CP and the SP."""

    serializer_class = PartySerializer
    lookup_field = "iso2"

    def get_queryset(self):
        return filter_parties(parties_with_memberships(), self.request.query_params)

    def get_object(self):
        self.kwargs["iso2"] = self.kwargs["iso2"].upper()
        return super().get_object()

    @extend_schema(
        parameters=[
            OpenApiParameter("treaty", OpenApiTypes.STR, enum=Treaty.values, required=True),
            OpenApiParameter("date", OpenApiTypes.DATE, required=True),
        ],
        responses={200: OpenApiTypes.OBJECT},
    )
    @action(detail=False, url_path="on")
    def on(self, request: Request) -> Response:
        """Which governments were Parties to a treaty on a date (and which cannot be told)."""
        treaty = request.query_params.get("treaty", "")
        if treaty not in Treaty.values:
            raise ValidationError({"treaty": f"one of {', '.join(Treaty.values)}"})
        on = inputs.iso_date(request.query_params.get("date"), field="date")
        if on is None:
            raise ValidationError({"date": "a date as YYYY-MM-DD"})
        result = membership_on(treaty, on)
        return Response(
            {
                "treaty": treaty,
                "date": on.isoformat(),
                "count": result.count,
                "parties": [p.iso2 for p in result.parties],
                "undetermined": [p.iso2 for p in result.undetermined],
            }
        )
