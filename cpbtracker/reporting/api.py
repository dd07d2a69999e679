"""Reports API: published reports for everyone; drafts for the Party's users and the Secretariat."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cpbtracker.parties.models import Region
from cpbtracker.reporting import access
from cpbtracker.reporting.bch import export_document
from cpbtracker.reporting.models import NationalReport, ReportingCycle, ReportVersion
from cpbtracker.reporting.queries import first_complete_dates, published_versions
from cpbtracker.reporting.services import (
    ReportingError,
    SubmissionBlocked,
    open_draft,
    save_answers,
    submission_problems,
    submit_report,
)


class ReportSummarySerializer(serializers.Serializer):
    party = serializers.CharField(source="report.party.iso2")
    region = serializers.CharField(source="report.party.region")
    cycle = serializers.IntegerField(source="report.cycle.number")
    version = serializers.IntegerField(source="number")
    submitted_at = serializers.DateTimeField()
    on_time = serializers.SerializerMethodField()
    is_demo = serializers.BooleanField(source="report.is_demo")

    def get_on_time(self, version: ReportVersion) -> bool:
        """On time when the report's earliest complete submitted version is dated on or
        before the deadline (the same rule as indicator A.3(a))."""
        first = self.context.get("first_complete")
        if first is None:
            first = first_complete_dates(version.report.cycle, [version.report_id])
        day = first.get(version.report_id)
        return day is not None and day <= version.report.cycle.deadline


def _problems(problems) -> list[dict[str, str]]:
    return [{"key": p.key, "code": p.code, "message": p.message} for p in problems]


class PublishedReportList(APIView):
    """Published national reports (the latest submitted version of each)."""

    @extend_schema(
        parameters=[
            OpenApiParameter("cycle", OpenApiTypes.INT, required=True),
            OpenApiParameter("party", OpenApiTypes.STR),
            OpenApiParameter("region", OpenApiTypes.STR, enum=Region.values),
        ],
        responses=ReportSummarySerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        cycle = ReportingCycle.objects.filter(number=request.query_params.get("cycle")).first()
        if cycle is None:
            raise ValidationError({"cycle": "the number of an existing reporting cycle"})
        party_code = request.query_params.get("party", "")
        party = access.get_party(party_code) if party_code else None
        versions = published_versions(cycle, party, request.query_params.get("region", ""))
        context = {"first_complete": first_complete_dates(cycle, [v.report_id for v in versions])}
        return Response(ReportSummarySerializer(versions, many=True, context=context).data)


class PublishedReportDetail(APIView):
    """One published report as a BCH document."""

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request: Request, iso2: str, cycle: int) -> Response:
        version = access.get_published_version(access.get_party(iso2), access.get_cycle(cycle))
        return Response(
            {**ReportSummarySerializer(version).data, "document": export_document(version)}
        )


class DraftAnswersSerializer(serializers.Serializer):
    answers = serializers.DictField(help_text="Question key -> answer in the BCH shape.")


class DraftDetail(APIView):
    """The Party's draft for a cycle: read (GET), save answers (PATCH), submit (POST)."""

    permission_classes = [IsAuthenticated]

    def _draft(self, request: Request, iso2: str, cycle: int, *, create: bool) -> ReportVersion:
        party, cycle_obj = access.get_party(iso2), access.get_cycle(cycle)
        access.require_editor(request.user, party)
        if create:
            try:
                return open_draft(party, cycle_obj, user=request.user)
            except ReportingError as error:
                raise ValidationError({"detail": str(error)}) from error
        report = NationalReport.objects.filter(party=party, cycle=cycle_obj).first()
        draft = report.draft() if report else None
        if draft is None:
            raise NotFound("No draft for this Party and cycle.")
        return draft

    def _body(self, draft: ReportVersion) -> dict:
        return {
            "party": draft.report.party.iso2,
            "cycle": draft.report.cycle.number,
            "version": draft.number,
            "status": draft.status,
            "answers": draft.answers_dict(),
            "problems": _problems(submission_problems(draft)),
        }

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request: Request, iso2: str, cycle: int) -> Response:
        return Response(self._body(self._draft(request, iso2, cycle, create=False)))

    @extend_schema(request=DraftAnswersSerializer, responses={200: OpenApiTypes.OBJECT})
    def patch(self, request: Request, iso2: str, cycle: int) -> Response:
        draft = self._draft(request, iso2, cycle, create=True)
        data = DraftAnswersSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        result = save_answers(draft, data.validated_data["answers"], user=request.user)
        body = self._body(draft)
        body["rejected"] = _problems(result.problems)
        body["dropped"] = sorted(result.dropped)
        return Response(body, status=status.HTTP_400_BAD_REQUEST if result.problems else 200)

    @extend_schema(request=None, responses={200: OpenApiTypes.OBJECT})
    def post(self, request: Request, iso2: str, cycle: int) -> Response:
        draft = self._draft(request, iso2, cycle, create=False)
        try:
            submit_report(draft, user=request.user)
        except SubmissionBlocked as blocked:
            return Response(
                {"detail": str(blocked), "problems": _problems(blocked.problems)},
                status=status.HTTP_400_BAD_REQUEST,
            )
        return Response(ReportSummarySerializer(draft).data)
