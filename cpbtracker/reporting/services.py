"""Changing national reports: drafts, answers, submission, reopening, cycles.

Every service checks permission (``user=None`` is the trusted command-line operator), runs in
one transaction and writes an audit row, so the web form, the API and the CLI behave the same.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.core.exceptions import PermissionDenied
from django.db import connections, transaction
from django.utils import timezone

from cpbtracker.accounts.access import can_edit_for, can_submit_for, is_secretariat
from cpbtracker.accounts.audit import record
from cpbtracker.parties.models import Party
from cpbtracker.reporting.models import Answer, NationalReport, ReportingCycle, ReportVersion
from cpbtracker.reporting.questionnaire import (
    AnswerError,
    Problem,
    Questionnaire,
    apply_rules,
    load_questionnaire,
    normalize_answer,
    validate_answers,
)

logger = logging.getLogger(__name__)
CYCLES_FILE = Path(__file__).parent / "data" / "cycles.yaml"


class ReportingError(Exception):
    """A request that cannot be carried out; the message says why, for the user."""


class SubmissionBlocked(ReportingError):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) block the submission")


def questionnaire_for(cycle: ReportingCycle) -> Questionnaire:
    return load_questionnaire(cycle.schema)


def current_cycle() -> ReportingCycle | None:
    """The open cycle with the highest number (the one Parties report in now)."""
    return ReportingCycle.objects.filter(is_open=True).order_by("-number").first()


def _require(allowed: bool, user: Any) -> None:
    if user is not None and not allowed:
        raise PermissionDenied


@transaction.atomic
def open_draft(party: Party, cycle: ReportingCycle, *, user: Any) -> ReportVersion:
    """The Party's draft for the cycle, created on first use."""
    _require(can_edit_for(user, party), user)
    report, _ = NationalReport.objects.get_or_create(party=party, cycle=cycle)
    latest = report.latest_version()
    if latest and latest.is_draft:
        return latest
    if latest:
        raise ReportingError(
            "This report has been submitted; the Secretariat can reopen it as a new version."
        )
    version = ReportVersion.objects.create(report=report, number=1, created_by=_actor(user))
    record(user, "report.draft_opened", version)
    return version


@dataclass(frozen=True)
class SaveResult:
    problems: list[Problem] = field(default_factory=list)
    dropped: frozenset[str] = frozenset()


@transaction.atomic
def save_answers(
    version: ReportVersion,
    answers: dict[str, object],
    *,
    user: Any,
    replace: Iterable[str] = (),
) -> SaveResult:
    """Store answers in a draft; invalid ones are reported and not stored, the rest are kept.

    Keys in ``replace`` that are absent from ``answers`` are cleared (a form section's
    unticked questions). Answers of questions that the rules hide or disable are dropped.
    """
    _check_draft(version, user)
    questionnaire = questionnaire_for(version.report.cycle)
    merged = version.answers_dict()
    for key in replace:
        merged.pop(key, None)
    problems = []
    for key, raw in answers.items():
        try:
            value = normalize_answer(questionnaire.question(key), raw)
        except KeyError:
            problems.append(Problem(key, "unknown-question", f"{key} is not a question here"))
            continue
        except AnswerError as error:
            problems.append(Problem(key, "invalid", error.reason))
            continue
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = value
    outcome = apply_rules(questionnaire, merged)
    write_answers(version, outcome.answers)
    version.save(update_fields=["updated_at"])
    record(user, "report.saved", version, keys=sorted(answers), dropped=sorted(outcome.dropped))
    return SaveResult(problems=problems, dropped=outcome.dropped)


def write_answers(version: ReportVersion, answers: dict[str, object]) -> None:
    """Make the version's answer rows exactly ``answers`` (canonical values)."""
    stored = version.answers_dict()
    gone = [k for k in stored if k not in answers]
    if gone:
        version.answers.filter(key__in=gone).delete()
    changed = {k: v for k, v in answers.items() if stored.get(k) != v}
    version.answers.filter(key__in=[k for k in changed if k in stored]).delete()
    Answer.objects.bulk_create(Answer(version=version, key=k, value=v) for k, v in changed.items())


def submission_problems(version: ReportVersion) -> list[Problem]:
    questionnaire = questionnaire_for(version.report.cycle)
    return validate_answers(questionnaire, version.answers_dict(), for_submission=True)


@transaction.atomic
def submit_report(
    version: ReportVersion, *, user: Any, submitted_at: dt.datetime | None = None
) -> ReportVersion:
    """Publish a draft: it becomes immutable. Blocked with the list of problems if any."""
    _require(can_submit_for(user, version.report.party), user)
    _check_draft(version, None)
    problems = submission_problems(version)
    if problems:
        raise SubmissionBlocked(problems)
    version.status = ReportVersion.Status.SUBMITTED
    version.complete = True
    version.submitted_at = submitted_at or timezone.now()
    version.submitted_by = _actor(user)
    version.save()
    record(user, "report.submitted", version)
    return version


@transaction.atomic
def reopen_report(report: NationalReport, *, user: Any) -> ReportVersion:
    """Secretariat: start a new draft version from the latest submitted one."""
    _require(is_secretariat(user), user)
    latest = report.latest_version()
    if latest is None or latest.is_draft:
        raise ReportingError("Only a submitted report can be reopened.")
    version = ReportVersion.objects.create(
        report=report,
        number=latest.number + 1,
        front_matter=latest.front_matter,
        created_by=_actor(user),
    )
    write_answers(version, latest.answers_dict())
    record(user, "report.reopened", version, previous=latest.number)
    return version


def _check_draft(version: ReportVersion, user: Any) -> None:
    _require(can_edit_for(user, version.report.party), user)
    if not version.is_draft:
        raise ReportingError("A submitted report cannot be changed.")


def _actor(user: Any) -> Any:
    return user if getattr(user, "is_authenticated", False) else None


def load_default_cycles() -> int:
    """Create the packaged reporting cycles that do not exist yet (never overwrites edits)."""
    created = 0
    for raw in yaml.safe_load(CYCLES_FILE.read_text(encoding="utf-8")):
        number = raw.pop("number")
        created += ReportingCycle.objects.get_or_create(number=number, defaults=raw)[1]
    return created


def load_cycles_after_migrate(using: str = "default", **kwargs: Any) -> None:
    if ReportingCycle._meta.db_table in connections[using].introspection.table_names():
        load_default_cycles()
