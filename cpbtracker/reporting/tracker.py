"""The Secretariat's submission tracker: where each Party of a cycle stands with its report.

Timeliness is read as indicator A.3(a) reads it (``first_complete_dates``): a report is on time
when a complete version was submitted by the deadline, even if it was reopened later.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.db.models import TextChoices
from django.utils.translation import gettext_lazy as _

from cpbtracker.accounts.models import Role
from cpbtracker.lib.collation import sorted_by_name
from cpbtracker.lib.content import localized
from cpbtracker.parties.models import Party, Region, Treaty, table_region
from cpbtracker.parties.queries import parties_on
from cpbtracker.reporting.form import progress
from cpbtracker.reporting.models import (
    NationalReport,
    PublicationRequest,
    ReportingCycle,
    ReportVersion,
)
from cpbtracker.reporting.queries import answers_of, first_complete_dates
from cpbtracker.reporting.questionnaire import apply_rules, load_questionnaire


class Status(TextChoices):
    NOT_STARTED = "not_started", _("not started")
    DRAFT = "draft", _("draft")
    # Reached once authorized users can request publication from their focal point.
    AWAITING_APPROVAL = "awaiting_approval", _("awaiting approval")
    ON_TIME = "on_time", _("published on time")
    LATE = "late", _("published late")


PUBLISHED = {Status.ON_TIME, Status.LATE}


@dataclass(frozen=True)
class FocalPoint:
    username: str
    email: str


@dataclass(frozen=True)
class TrackerRow:
    party: Party
    status: Status
    percent: int | None  # share of the visible questions answered, for a draft
    published_on: dt.date | None
    overdue: bool
    focal_points: tuple[FocalPoint, ...]

    @property
    def name(self) -> str:
        return localized(self.party.name)


def tracker_rows(cycle: ReportingCycle, *, today: dt.date) -> list[TrackerRow]:
    """Every Party to the Protocol on the cycle's deadline (and any Party with a report in
    the cycle), by name in the reader's alphabetical order, with its status."""
    reports = {
        r.party_id: r for r in NationalReport.objects.filter(cycle=cycle).select_related("party")
    }
    parties = {p.pk: p for p in parties_on(Treaty.CP, cycle.deadline)}
    parties.update({r.party_id: r.party for r in reports.values()})
    latest: dict[int, ReportVersion] = {}
    published: dict[int, dt.date] = {}
    for each in ReportVersion.objects.filter(report__cycle=cycle).order_by("number"):
        latest[each.report_id] = each
        if each.status == ReportVersion.Status.SUBMITTED and each.submitted_at:
            published.setdefault(each.report_id, each.submitted_at.date())
    # drafts whose publication an authorized user requested and the focal point has not decided
    awaiting = set(
        PublicationRequest.objects.filter(
            version__report__cycle=cycle, status=PublicationRequest.Status.PENDING
        ).values_list("version_id", flat=True)
    )
    on_time = {
        rid
        for rid, day in first_complete_dates(cycle, list(published)).items()
        if day <= cycle.deadline
    }
    focal_points: dict[int, list[FocalPoint]] = {}
    for role in Role.objects.filter(kind=Role.Kind.FOCAL_POINT).select_related("user"):
        if role.party_id is None:  # a focal point always has its Party; the type allows none
            continue
        focal_points.setdefault(role.party_id, []).append(
            FocalPoint(username=role.user.get_username(), email=role.user.email)
        )
    questionnaire = load_questionnaire(cycle.schema)
    drafts = answers_of(
        [v for rid, v in latest.items() if rid not in published and v.is_draft]
    )  # every draft's answers in one query
    rows = []
    for party in sorted_by_name(parties.values()):
        report = reports.get(party.pk)
        version = latest.get(report.pk) if report else None
        percent = None
        if report is None or version is None:
            status = Status.NOT_STARTED
        elif report.pk in published:
            status = Status.ON_TIME if report.pk in on_time else Status.LATE
        else:
            status = Status.AWAITING_APPROVAL if version.pk in awaiting else Status.DRAFT
            answers = drafts[version.pk]
            sections = progress(questionnaire, answers, apply_rules(questionnaire, answers))
            total = sum(s.total for s in sections)
            percent = round(100 * sum(s.answered for s in sections) / total) if total else 0
        rows.append(
            TrackerRow(
                party=party,
                status=status,
                percent=percent,
                published_on=published.get(report.pk) if report else None,
                overdue=today > cycle.deadline and status not in PUBLISHED,
                focal_points=tuple(focal_points.get(party.pk, ())),
            )
        )
    return rows


def region_counts(
    rows: list[TrackerRow], *, eu_in_weog: bool = False
) -> list[tuple[str, list[int], int]]:
    """Per region (by name): the number of Parties in each status (in ``Status`` order), and
    the total; ``eu_in_weog``: the European Union within WEOG, as the Secretariat counts."""
    counts: dict[str, Counter[str]] = {}
    for row in rows:
        region = table_region(row.party.iso2, row.party.region, eu_in_weog=eu_in_weog)
        counts.setdefault(region, Counter())[row.status] += 1
    labels = dict(Region.choices)
    return sorted_by_name(
        [
            (str(labels.get(region, "—")), [c[s] for s in Status], sum(c.values()))
            for region, c in counts.items()
        ],
        lambda row: row[0],
    )


EXPORT_COLUMNS = (
    "party",
    "name",
    "region",
    "status",
    "percent_complete",
    "published_on",
    "overdue",
    "focal_points",
)


def export_rows(rows: list[TrackerRow]) -> list[dict[str, object]]:
    return [
        {
            "party": row.party.iso2,
            "name": row.name,
            "region": row.party.region,
            "status": row.status.value,
            "percent_complete": row.percent,
            "published_on": row.published_on.isoformat() if row.published_on else "",
            "overdue": "yes" if row.overdue else "no",
            "focal_points": "; ".join(
                f"{fp.username} <{fp.email}>" if fp.email else fp.username
                for fp in row.focal_points
            ),
        }
        for row in rows
    ]
