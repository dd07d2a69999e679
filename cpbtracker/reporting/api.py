"""Reports API: published reports for everyone; drafts for the Party's users and the Secretariat."""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound, ParseError, ValidationError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cpbtracker.lib import inputs
from cpbtracker.lib.content import content_key
from cpbtracker.lib.problems import Problem, ProblemData
from cpbtracker.parties.models import Region
from cpbtracker.reporting import access
from cpbtracker.reporting.bch import export_document
from cpbtracker.reporting.form import texts_in_language
from cpbtracker.reporting.models import ReportingCycle, ReportVersion, Schema
from cpbtracker.reporting.queries import first_complete_dates, published_versions
from cpbtracker.reporting.questionnaire import (
    MAX_TEXT_LENGTH,
    Question,
    load_questionnaire,
)
from cpbtracker.reporting.services import (
    ReportingError,
    SubmissionBlocked,
    open_draft,
    questionnaire_for,
    report_languages,
    save_answers,
    set_report_languages,
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


def _problems(problems: list[Problem]) -> list[ProblemData]:
    """Each problem's key, code, parameters and message (in the request's language)."""
    return [p.as_data() for p in problems]


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
        number = inputs.whole_number(request.query_params.get("cycle"), field="cycle")
        cycle = ReportingCycle.objects.filter(number=number).first()
        if cycle is None:
            raise ValidationError({"cycle": "the number of an existing reporting cycle"})
        party_code = inputs.code(request.query_params.get("party"), field="party")
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


LANGUAGE_TEXT = {
    "type": "object",
    "additionalProperties": {"type": "string", "maxLength": MAX_TEXT_LENGTH},
    "description": 'A text per language code, e.g. {"en": "..."}.',
}
OPTION_ITEM: dict[str, Any] = {
    "type": "object",
    "properties": {
        "value": {"type": "string", "description": 'The option\'s value, e.g. "true".'},
        "additionalInformation": {
            "oneOf": [{"type": "integer", "minimum": 0}, LANGUAGE_TEXT],
            "description": "The extra number or text some options collect.",
        },
    },
    "required": ["value"],
}
ANSWER_SCHEMA = {
    "oneOf": [
        OPTION_ITEM,
        {"type": "array", "items": OPTION_ITEM, "description": "Several options."},
        {
            "type": "object",
            "properties": {"value": LANGUAGE_TEXT},
            "required": ["value"],
            "description": "A text answer.",
        },
        {
            "type": "object",
            "properties": {"value": {"type": "integer", "minimum": 0}},
            "required": ["value"],
            "description": "A number answer.",
        },
        {"type": "null", "description": "Clears the answer."},
    ]
}


def _question_schema(question: Question) -> dict:
    """The JSON schema of one question's answer: its own option values, text or number."""
    if not question.is_choice:
        value = {"type": "integer", "minimum": 0} if question.is_number else LANGUAGE_TEXT
        return {"type": "object", "properties": {"value": value}, "required": ["value"]}
    item = dict(OPTION_ITEM)
    if question.options:
        item["properties"] = {
            **OPTION_ITEM["properties"],
            "value": {"type": "string", "enum": [o.value for o in question.options]},
        }
    return {"type": "array", "items": item} if question.multiple else item


def _answers_schema() -> dict:
    """Every question of every report format, with the shape of its answer (or null)."""
    properties: dict[str, dict] = {}
    for schema in Schema.values:
        for question in load_questionnaire(schema).questions():
            if question.answerable:
                shape = _question_schema(question)
                known = properties.setdefault(question.key, {"oneOf": [{"type": "null"}]})
                if shape not in known["oneOf"]:
                    known["oneOf"].append(shape)
    return {
        "type": "object",
        "properties": properties,
        "additionalProperties": ANSWER_SCHEMA,
        "description": "Question key -> answer in the BCH shape (null clears it).",
    }


@extend_schema_field(_answers_schema())
class AnswersField(serializers.DictField):
    """The answers of a save; each is checked against its question by the service."""

    child = serializers.JSONField(allow_null=True)


class DraftAnswersSerializer(serializers.Serializer):
    answers = AnswersField(required=False, default=dict)
    languages = serializers.ListField(
        child=serializers.CharField(),
        required=False,
        help_text='The languages the report is written in (BCH codes: "en", "zh", "fr", …).',
    )
    revision = serializers.IntegerField(
        required=False,
        min_value=0,
        max_value=inputs.MAX_WHOLE_NUMBER,
        help_text="The draft revision these answers were made from (or send If-Match).",
    )
    answer_revisions = serializers.DictField(
        child=serializers.IntegerField(min_value=0, max_value=inputs.MAX_WHOLE_NUMBER),
        required=False,
        default=dict,
        help_text="Per answer saved again since that revision, the revision the save returned "
        "for it in answer_revisions: a change made since then by someone else is a conflict.",
    )


class SubmitSerializer(serializers.Serializer):
    revision = serializers.IntegerField(
        required=False,
        min_value=0,
        max_value=inputs.MAX_WHOLE_NUMBER,
        help_text="The draft revision being submitted.",
    )


class BoundedJSONParser(JSONParser):
    """JSON too deeply nested for the parser is a 400, not a server error."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError as error:
            raise ParseError("The JSON is nested too deeply.") from error


def _etag(version: ReportVersion) -> str:
    return f'"{version.revision}"'


def _if_match(request: Request) -> int | None:
    """The revision named by an ``If-Match: "N"`` header, if any."""
    header = request.headers.get("If-Match", "").strip()
    if not header or header == "*":
        return None
    return inputs.whole_number(header.removeprefix("W/").strip('"'), field="If-Match")


class DraftDetail(APIView):
    """The Party's draft for a cycle: read (GET), save answers (PATCH), submit (POST).

    Every response carries the draft's revision (body ``revision`` and the ETag). A save that
    sends an older one (``revision`` or ``If-Match``) is merged answer by answer and refused with
    409 only when an answer it changes was changed since too; a save's ``answer_revisions`` say
    at which revision the draft holds each answer it sent, for the sender's next save. A save
    without a revision writes the answers it sends and nothing else. A submission from an older
    revision is refused with 409.
    """

    permission_classes = [IsAuthenticated]
    parser_classes = [BoundedJSONParser, FormParser, MultiPartParser]

    def _draft(self, request: Request, iso2: str, cycle: int, *, create: bool) -> ReportVersion:
        party, cycle_obj = access.get_party(iso2), access.get_cycle(cycle)
        access.require_editor(request.user, party)
        if create:
            return open_draft(party, cycle_obj, user=request.user)
        draft = access.get_draft(party, cycle_obj)
        if draft is None:
            raise NotFound("No draft for this Party and cycle.")
        return draft

    def _body(self, draft: ReportVersion) -> dict:
        return {
            "party": draft.report.party.iso2,
            "cycle": draft.report.cycle.number,
            "version": draft.number,
            "revision": draft.revision,
            "status": draft.status,
            "languages": report_languages(draft),
            "answers": draft.answers_dict(),
            "problems": _problems(submission_problems(draft)),
        }

    def _respond(self, body: dict, draft: ReportVersion, status_code: int = 200) -> Response:
        return Response(body, status=status_code, headers={"ETag": _etag(draft)})

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request: Request, iso2: str, cycle: int) -> Response:
        draft = self._draft(request, iso2, cycle, create=False)
        return self._respond(self._body(draft), draft)

    @extend_schema(
        request=DraftAnswersSerializer,
        parameters=[OpenApiParameter("If-Match", OpenApiTypes.STR, OpenApiParameter.HEADER)],
        responses={200: OpenApiTypes.OBJECT, 400: OpenApiTypes.OBJECT, 409: OpenApiTypes.OBJECT},
    )
    def patch(self, request: Request, iso2: str, cycle: int) -> Response:
        data = DraftAnswersSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        revision = data.validated_data.get("revision", _if_match(request))
        try:
            draft = self._draft(request, iso2, cycle, create=True)
            if "languages" in data.validated_data:
                draft = set_report_languages(
                    draft, data.validated_data["languages"], user=request.user, revision=revision
                )
                revision = draft.revision
            answers = texts_in_language(
                questionnaire_for(draft.report.cycle),
                data.validated_data["answers"],
                draft.answers_dict(),
                content_key(),
            )
            result = save_answers(
                draft,
                answers,
                user=request.user,
                revision=revision,
                answer_revisions=data.validated_data["answer_revisions"],
            )
        except ReportingError as error:
            return Response({"detail": str(error)}, status=status.HTTP_409_CONFLICT)
        body = self._body(result.version)
        body["rejected"] = _problems(result.problems)
        body["dropped"] = sorted(result.dropped)
        # the answers sent that the draft now holds as sent, and the revision that holds them
        body["answer_revisions"] = {key: result.version.revision for key in sorted(result.kept)}
        return self._respond(body, result.version, 400 if result.problems else 200)

    @extend_schema(
        request=SubmitSerializer,
        parameters=[OpenApiParameter("If-Match", OpenApiTypes.STR, OpenApiParameter.HEADER)],
        responses={200: OpenApiTypes.OBJECT, 400: OpenApiTypes.OBJECT, 409: OpenApiTypes.OBJECT},
    )
    def post(self, request: Request, iso2: str, cycle: int) -> Response:
        data = SubmitSerializer(data=request.data or {})
        data.is_valid(raise_exception=True)
        revision = data.validated_data.get("revision", _if_match(request))
        draft = self._draft(request, iso2, cycle, create=False)
        try:
            submitted = submit_report(draft, user=request.user, revision=revision)
        except SubmissionBlocked as blocked:
            return Response(
                {"detail": str(blocked), "problems": _problems(blocked.problems)},
                status=status.HTTP_400_BAD_REQUEST,
            )
        except ReportingError as error:
            return Response({"detail": str(error)}, status=status.HTTP_409_CONFLICT)
        return Response(ReportSummarySerializer(submitted).data)
