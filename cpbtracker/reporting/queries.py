"""Reading national reports: what is published, what a user may see."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from django.db.models import QuerySet

from cpbtracker.accounts import access
from cpbtracker.parties.models import Party
from cpbtracker.reporting.form import describe_answer
from cpbtracker.reporting.mapping import nr5_to_nr4
from cpbtracker.reporting.models import (
    Answer,
    NationalReport,
    PublicationRequest,
    ReportingCycle,
    ReportVersion,
    Schema,
)
from cpbtracker.reporting.questionnaire import Question, load_questionnaire


def published_versions(
    cycle: ReportingCycle,
    party: Party | None = None,
    region: str = "",
    *,
    as_of: dt.date | None = None,
) -> list[ReportVersion]:
    """The latest submitted version of each report of the cycle, by Party code (one query);
    with ``as_of``, the latest submitted on or before that day."""
    versions: QuerySet[ReportVersion] = ReportVersion.objects.filter(
        report__cycle=cycle, status=ReportVersion.Status.SUBMITTED
    ).select_related("report__party", "report__cycle")
    if party:
        versions = versions.filter(report__party=party)
    if region:
        versions = versions.filter(report__party__region=region)
    if as_of:
        versions = versions.filter(submitted_at__date__lte=as_of)
    latest: dict[int, ReportVersion] = {}
    for version in versions.order_by("report__party__iso2", "-number"):
        latest.setdefault(version.report_id, version)
    return list(latest.values())


def first_complete_dates(
    cycle: ReportingCycle, report_ids: Collection[int] | None = None
) -> dict[int, dt.date]:
    """Report id -> the date of its earliest submitted version that passed validation.

    Timeliness (A.3(a), ``on_time``) is read from this date: a report submitted complete by
    the deadline stays on time when it is reopened and resubmitted later.
    """
    versions = ReportVersion.objects.filter(
        report__cycle=cycle, status=ReportVersion.Status.SUBMITTED
    ).order_by("report_id", "submitted_at", "number")
    if report_ids is not None:
        versions = versions.filter(report_id__in=list(report_ids))
    first: dict[int, dt.date] = {}
    for report_id, submitted_at in versions.filter(complete=True).values_list(
        "report_id", "submitted_at"
    ):
        if report_id not in first and submitted_at is not None:
            first[report_id] = submitted_at.date()
    return first


def answers_of(versions: Collection[ReportVersion]) -> dict[int, dict[str, object]]:
    """Version id -> its answers by question key, for many versions in one query."""
    answers: dict[int, dict[str, object]] = {v.pk: {} for v in versions}
    for version_id, key, value in Answer.objects.filter(version__in=list(versions)).values_list(
        "version_id", "key", "value"
    ):
        answers[version_id][key] = value
    return answers


def published_version_parties(cycle: ReportingCycle) -> dict[int, str]:
    """Like :func:`published_versions`, as plain values: version id -> Party code (one query,
    no model instances: for analyses reading thousands of answers)."""
    rows = (
        ReportVersion.objects.filter(report__cycle=cycle, status=ReportVersion.Status.SUBMITTED)
        .order_by("report_id", "-number")
        .values_list("report_id", "pk", "report__party__iso2")
    )
    latest: dict[int, tuple[int, str]] = {}
    for report_id, pk, iso2 in rows:
        latest.setdefault(report_id, (pk, iso2))
    return dict(latest.values())


def previous_answers_in_words(
    party: Party, cycle: ReportingCycle, questions: list[Question]
) -> dict[str, str]:
    """Under each NR5 question: the Party's published 4th-report answer, in words."""
    if cycle.schema != Schema.NR5:
        return {}
    previous_cycle = ReportingCycle.objects.filter(schema=Schema.NR4).order_by("-number").first()
    versions = published_versions(previous_cycle, party) if previous_cycle else []
    if not versions:
        return {}
    nr4_answers = versions[0].answers_dict()
    nr4 = load_questionnaire(Schema.NR4)
    links = nr5_to_nr4()
    words = {}
    for question in questions:
        link = links.get(question.key)
        if link and link.nr4 in nr4_answers:
            words[question.key] = describe_answer(nr4.question(link.nr4), nr4_answers[link.nr4])
    return words


@dataclass(frozen=True)
class Work:
    """A report a signed-in user works on: a Party's report of an open cycle."""

    party: Party
    cycle: ReportingCycle
    report: NationalReport | None
    draft: ReportVersion | None
    published: ReportVersion | None
    pending_requests: int  # requests for publication awaiting the focal point
    can_decide: bool  # the user is the Party's focal point


def work_of(user: access.User) -> list[Work]:
    """The reports of the open cycles for each Party the user acts for."""
    work = []
    cycles = list(ReportingCycle.objects.filter(is_open=True).order_by("-number"))
    for party in access.parties_of(user):
        for cycle in cycles:
            report = NationalReport.objects.filter(party=party, cycle=cycle).first()
            pending = (
                PublicationRequest.objects.filter(
                    version__report=report, status=PublicationRequest.Status.PENDING
                ).count()
                if report
                else 0
            )
            work.append(
                Work(
                    party=party,
                    cycle=cycle,
                    report=report,
                    draft=report.draft() if report else None,
                    published=report.published_version() if report else None,
                    pending_requests=pending,
                    can_decide=access.can_submit_for(user, party),
                )
            )
    return work
