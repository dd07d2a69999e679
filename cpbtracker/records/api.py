"""Records API: current clearing-house records with the search page's filters."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cpbtracker.lib import inputs
from cpbtracker.parties.models import Region
from cpbtracker.records import access
from cpbtracker.records.models import Record
from cpbtracker.records.schemas import SCHEMAS, record_schema
from cpbtracker.records.search import FilterError, search

MAX_PAGE_SIZE = 500  # records per page: a larger ?limit= is served as this many


class RecordSerializer(serializers.Serializer):
    identifier = serializers.CharField()
    schema = serializers.CharField()
    government = serializers.CharField(source="government.iso2", default=None)
    title = serializers.CharField(source="current.title")
    date = serializers.DateField(source="current.date")
    revision = serializers.IntegerField(source="current.number")
    published_on = serializers.DateField(source="current.published_on")
    is_demo = serializers.BooleanField()


class RecordList(APIView):
    """Current (latest published) clearing-house records, newest first."""

    @extend_schema(
        parameters=[
            OpenApiParameter("q", OpenApiTypes.STR, description="Words of titles, descriptions."),
            OpenApiParameter("schema", OpenApiTypes.STR, enum=list(SCHEMAS)),
            OpenApiParameter("party", OpenApiTypes.STR, description="ISO alpha-2 code."),
            OpenApiParameter("region", OpenApiTypes.STR, enum=Region.values),
            OpenApiParameter("year", OpenApiTypes.INT),
            OpenApiParameter("term", OpenApiTypes.STR, description="Thesaurus term identifier."),
            OpenApiParameter("limit", OpenApiTypes.INT),
            OpenApiParameter("offset", OpenApiTypes.INT),
        ],
        responses={200: RecordSerializer(many=True), 400: OpenApiTypes.OBJECT},
    )
    def get(self, request: Request) -> Response:
        paginator = LimitOffsetPagination()
        paginator.default_limit = 100
        paginator.max_limit = MAX_PAGE_SIZE
        for name in ("limit", "offset"):  # read here: DRF's own reading has no upper bound
            inputs.optional_whole_number(request.query_params.get(name), field=name)
        try:
            hits = search(request.query_params)
        except FilterError as error:
            return Response({error.field: str(error)}, status=400)
        page = paginator.paginate_queryset(hits, request, view=self)
        return paginator.get_paginated_response(RecordSerializer(page, many=True).data)


class RecordDetail(APIView):
    """One current record with its BCH document (private editors' notes left out)."""

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request: Request, identifier: str) -> Response:
        record: Record = access.get_record(identifier)
        revision = access.published_or_404(record)
        document = record_schema(record.schema).public(revision.document)
        return Response({**RecordSerializer(record).data, "document": document})
