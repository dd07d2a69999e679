"""Changing national reports: drafts, answers, submission, reopening, cycles.

Every service checks permission (``user=None`` is the trusted command-line operator), runs in
one transaction and writes an audit row, so the web form, the API and the CLI behave the same.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from cpbtracker.accounts.access import can_edit_for, can_submit_for, require_secretariat
from cpbtracker.accounts.audit import record
from cpbtracker.accounts.models import AuditEntry
from cpbtracker.lib import changes, inputs
from cpbtracker.lib.actors import person, require_allowed
from cpbtracker.lib.migrating import has_table
from cpbtracker.lib.problems import Problem
from cpbtracker.lib.yamlfile import load_yaml
from cpbtracker.parties.models import Party
from cpbtracker.reporting.models import (
    Answer,
    NationalReport,
    PublicationRequest,
    ReportingCycle,
    ReportVersion,
)
from cpbtracker.reporting.problems import (
    AnswerError,
    ReportingError,
    rejected_answer,
    unknown_question,
)
from cpbtracker.reporting.questionnaire import (
    LANGUAGES,
    Questionnaire,
    apply_rules,
    load_questionnaire,
    normalize_answer,
    validate_answers,
)

logger = logging.getLogger(__name__)
CYCLES_FILE = Path(__file__).parent / "data" / "cycles.yaml"


class SubmissionBlocked(ReportingError):
    """The draft has problems: ``problems`` lists them, ``str()`` says how many."""

    def __init__(self, problems: list[Problem]):
        super().__init__(problems)

    def __str__(self) -> str:
        return Problem("report.blocked", {"count": len(self.problems)}).message


class StaleDraft(ReportingError):
    """A save made from an older revision of the draft: refused, nothing overwritten.

    ``conflicts`` has one problem per answer changed on both sides (its key: the question),
    saying who changed it last and when; empty when the whole save was refused.
    """

    def __init__(self, version: ReportVersion, revision: int, conflicts: Iterable[str] = ()):
        self.revision = revision
        self.current = version.revision
        saves = _saves_since(version, revision)
        changes = [_change(entry) for entry in saves]
        self.conflicts = [_conflict(key, saves) for key in sorted(conflicts)]
        super().__init__(
            "report.stale" if changes else "report.stale-unknown",
            revision=revision,
            current=version.revision,
            changes=changes,
        )


def _change(entry: AuditEntry) -> Problem:
    """Who changed which answers when, for the refusal of a stale save."""
    keys = ", ".join(sorted(entry.detail.get("changes", {}))) or Problem("report.no-answers")
    at = f"{entry.at:%Y-%m-%d %H:%M}"
    if entry.user is None:
        return Problem("report.changed-by-system", {"at": at, "keys": keys})
    return Problem("report.changed-by", {"who": entry.user.get_username(), "at": at, "keys": keys})


def _conflict(key: str, saves: list[AuditEntry]) -> Problem:
    """Who last changed the answer ``key`` among ``saves``, and when."""
    entry = next(e for e in reversed(saves) if key in (e.detail.get("changes") or {}))
    at = f"{entry.at:%Y-%m-%d %H:%M}"
    if entry.user is None:
        return Problem("report.conflict-by-system", {"at": at}, key=key)
    return Problem("report.conflict-by", {"who": entry.user.get_username(), "at": at}, key=key)


class RevisionRequired(ReportingError):
    """A save that would clear answers it was not sent names no revision: refused."""

    def __init__(self) -> None:
        super().__init__("report.revision-required")


def questionnaire_for(cycle: ReportingCycle) -> Questionnaire:
    return load_questionnaire(cycle.schema)


def current_cycle() -> ReportingCycle | None:
    """The open cycle with the highest number (the one Parties report in now)."""
    return ReportingCycle.objects.filter(is_open=True).order_by("-number").first()


def check_cycle_open(cycle: ReportingCycle) -> None:
    """Reports of a closed cycle are neither created, edited, submitted nor reopened."""
    if not cycle.is_open:
        raise ReportingError("report.cycle-closed", cycle=cycle.number)


@transaction.atomic
def open_draft(party: Party, cycle: ReportingCycle, *, user: Any) -> ReportVersion:
    """The Party's draft for the cycle, created on first use."""
    require_allowed(can_edit_for(user, party), user)
    check_cycle_open(cycle)
    report, _ = NationalReport.objects.get_or_create(party=party, cycle=cycle)
    # The report's row lock makes concurrent first saves wait instead of creating version 1 twice.
    report = NationalReport.objects.select_for_update().get(pk=report.pk)
    latest = report.latest_version()
    if latest and latest.is_draft:
        return latest
    if latest:
        raise ReportingError("report.submitted-reopen")
    version = ReportVersion.objects.create(report=report, number=1, created_by=person(user))
    record(user, "report.draft_opened", version)
    return version


@dataclass(frozen=True)
class SaveResult:
    version: ReportVersion
    problems: list[Problem] = field(default_factory=list)
    dropped: frozenset[str] = frozenset()
    kept: frozenset[str] = frozenset()  # answers sent that the draft now holds as sent


@transaction.atomic
def save_answers(
    version: ReportVersion,
    answers: dict[str, object],
    *,
    user: Any,
    replace: Iterable[str] = (),
    revision: int | None = None,
    answer_revisions: Mapping[str, int] | None = None,
) -> SaveResult:
    """Store answers in a draft; invalid ones are reported and not stored, the rest are kept.

    A rejected answer leaves the question's previously saved answer in place.
    Keys in ``replace`` that are absent from ``answers`` are cleared (a form section's
    unticked questions). Answers of questions that the rules hide or disable are dropped.

    ``revision`` is the draft revision the answers were made from; ``answer_revisions`` names
    a later one for answers the sender saw again since (a page's autosaved answers, each at
    the revision its save returned in ``kept``). When the draft has changed since, the save is
    merged answer by answer: an answer changed since and sent unchanged (as the sender saw it)
    keeps its newer value; one changed since and sent changed is a real conflict:
    :class:`StaleDraft` names every such answer and nothing is written.

    Without a revision the answers sent are written as they are, and nothing else: the API's
    rule for a PATCH without ``revision`` or ``If-Match``. A save that clears what it was not
    sent (``replace``, a whole form section) needs a revision (:class:`RevisionRequired`), so
    it never replaces answers its sender has not seen. The draft's row is locked for the whole
    save, so saves and the submission happen one after the other.
    """
    version = _locked_draft(version, user)
    replace = list(replace)
    if replace and revision is None:
        raise RevisionRequired
    seen: dict[str, object] = {}  # answers changed since the sender saw them: their value then
    if revision is not None and revision != version.revision:
        if revision > version.revision:
            raise StaleDraft(version, revision)
        seen = _values_at(version, revision, answer_revisions or {})
    questionnaire = questionnaire_for(version.report.cycle)
    stored = version.answers_dict()
    merged = dict(stored)
    for key in replace:
        merged.pop(key, None)
    problems = []
    for key, raw in answers.items():
        try:
            value = normalize_answer(questionnaire.question(key), raw)
        except KeyError:
            problems.append(unknown_question(key))
            continue
        except AnswerError as error:
            problems.append(rejected_answer(error))
            if key in stored:  # a rejected value keeps the answer saved before it
                merged[key] = stored[key]
            continue
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = value
    sent = dict(merged)
    if seen:
        _merge_stale(merged, stored, seen, set(answers) | set(replace), version, revision)
    outcome = apply_rules(questionnaire, merged)
    changes = answer_changes(stored, outcome.answers)
    if changes:
        write_answers(version, outcome.answers)
        version.revision += 1
        version.updated_by = person(user)
        version.save(update_fields=["revision", "updated_by", "updated_at"])
        record(
            user,
            "report.saved",
            version,
            revision=version.revision,
            changes=changes,
            dropped=sorted(outcome.dropped),
        )
    rejected = {problem.key for problem in problems}
    kept = {k for k in answers if k not in rejected and outcome.answers.get(k) == sent.get(k)}
    return SaveResult(
        version=version, problems=problems, dropped=outcome.dropped, kept=frozenset(kept)
    )


def _values_at(
    version: ReportVersion, revision: int, bases: Mapping[str, int]
) -> dict[str, object]:
    """Per answer changed since its sender saw it (at ``revision``, or at its own later revision
    in ``bases``), its value then (None: no answer)."""
    values: dict[str, object] = {}
    for entry in _saves_since(version, revision):
        for key, change in (entry.detail.get("changes") or {}).items():
            if entry.detail.get("revision", 0) > bases.get(key, revision):
                values.setdefault(key, change.get("old"))
    return values


def _merge_stale(
    merged: dict[str, object],
    stored: dict[str, object],
    seen: dict[str, object],
    sent: set[str],
    version: ReportVersion,
    revision: int | None,
) -> None:
    """A stale save's answers merged into what is stored: see :func:`save_answers`."""
    conflicts = []
    for key in sent & seen.keys():
        if merged.get(key) == seen[key]:  # sent as it was: keep the newer answer
            if key in stored:
                merged[key] = stored[key]
            else:
                merged.pop(key, None)
        elif merged.get(key) != stored.get(key):  # changed on both sides
            conflicts.append(key)
    if conflicts:
        raise StaleDraft(version, revision or 0, conflicts)


def answer_changes(old: dict[str, object], new: dict[str, object]) -> dict[str, dict[str, object]]:
    """Per changed key, the old and the new answer (None: no answer), for the audit trail."""
    return {
        key: {"old": old.get(key), "new": new.get(key)}
        for key in sorted(old.keys() | new.keys())
        if old.get(key) != new.get(key)
    }


def _saves_since(version: ReportVersion, revision: int) -> list[AuditEntry]:
    if revision >= version.revision:  # a revision the draft never had: no saves since it
        return []
    return list(
        AuditEntry.objects.filter(
            action="report.saved", target=str(version), detail__revision__gt=revision
        )
        .select_related("user")
        .order_by("at", "id")
    )


def write_answers(
    version: ReportVersion,
    answers: dict[str, object],
    *,
    stored: dict[str, object] | None = None,
) -> None:
    """Make the version's answer rows exactly ``answers`` (canonical values); ``stored``: its
    rows now, when the caller has read them.

    Only drafts are written: a submitted version never changes on any code path.
    """
    if not version.is_draft:
        raise ReportingError("report.submitted")
    if stored is None:
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
    version: ReportVersion,
    *,
    user: Any,
    submitted_at: dt.datetime | None = None,
    revision: int | None = None,
) -> ReportVersion:
    """Publish a draft: it becomes immutable. Blocked with the list of problems if any.

    The draft's row is locked first, so a save that started earlier is either wholly in the
    published version or refused, never half in it.
    """
    require_allowed(can_submit_for(user, version.report.party), user)
    version = _locked_draft(version, None)
    if revision is not None and revision != version.revision:
        raise StaleDraft(version, revision)
    problems = submission_problems(version)
    if problems:
        raise SubmissionBlocked(problems)
    version.status = ReportVersion.Status.SUBMITTED
    version.complete = True
    version.submitted_at = submitted_at or timezone.now()
    version.submitted_by = person(user)
    version.save()
    changes.reports_changed.send(
        __name__, cycle=version.report.cycle, parties=[version.report.party]
    )
    record(user, "report.submitted", version, revision=version.revision)
    return version


@transaction.atomic
def request_publication(version: ReportVersion, *, user: Any) -> PublicationRequest:
    """An editor of the Party asks the focal point to publish the draft.

    Refused while another request awaits a decision, and blocked like a submission while
    the draft has problems.
    """
    version = _locked_draft(version, user)
    if version.publication_requests.filter(status=PublicationRequest.Status.PENDING).exists():
        raise ReportingError("report.request-pending")
    problems = submission_problems(version)
    if problems:
        raise SubmissionBlocked(problems)
    request = PublicationRequest.objects.create(
        version=version, requested_by=person(user), revision=version.revision
    )
    record(user, "report.publication_requested", version, request=request.pk)
    return request


@transaction.atomic
def approve_publication(request: PublicationRequest, *, user: Any) -> ReportVersion:
    """The focal point publishes the requested draft (as :func:`submit_report` does): what was
    requested, so a draft changed since the request is refused (StaleDraft, the changes
    listed) and the request stays pending."""
    request = _locked_pending(request, user)
    version = submit_report(request.version, user=user, revision=request.revision)
    _decide(request, PublicationRequest.Status.APPROVED, user)
    record(user, "report.publication_approved", version, request=request.pk)
    return version


@transaction.atomic
def reject_publication(request: PublicationRequest, *, user: Any, reason: str) -> None:
    """The focal point turns the request down; the reason is shown to the requester."""
    request = _locked_pending(request, user)
    reason = inputs.clean_text(reason.strip(), field="reason")
    if not reason:
        raise ReportingError("report.reason-required")
    request.reason = reason
    _decide(request, PublicationRequest.Status.REJECTED, user)
    record(user, "report.publication_rejected", request.version, request=request.pk, reason=reason)


def _locked_pending(request: PublicationRequest, user: Any) -> PublicationRequest:
    require_allowed(can_submit_for(user, request.version.report.party), user)
    request = PublicationRequest.objects.select_for_update(of=("self",)).get(pk=request.pk)
    if request.status != PublicationRequest.Status.PENDING:
        raise ReportingError("report.request-decided")
    return request


def _decide(request: PublicationRequest, status: str, user: Any) -> None:
    request.status = status
    request.decided_by = person(user)
    request.decided_at = timezone.now()
    request.save(update_fields=["status", "reason", "decided_by", "decided_at"])


def report_languages(version: ReportVersion) -> list[str]:
    """The languages the Party reports in (BCH ``header.languages``: en, zh, ar, …); empty
    until the Party picks them (the form then takes texts in the user's language)."""
    return list(version.front_matter.get("languages") or [])


def checked_languages(languages: Iterable[str]) -> list[str]:
    """The chosen report languages in the BCH's order; ReportingError names unknown ones."""
    chosen = {str(language).strip().lower() for language in languages}
    unknown = sorted(chosen - set(LANGUAGES))
    if unknown:
        raise ReportingError(
            "report.unknown-languages", languages=", ".join(unknown), known=", ".join(LANGUAGES)
        )
    return [language for language in LANGUAGES if language in chosen]


@transaction.atomic
def set_report_languages(
    version: ReportVersion, languages: Iterable[str], *, user: Any, revision: int | None = None
) -> ReportVersion:
    """Choose the languages of a draft (stored with it and exported in the BCH header); the
    texts already entered in other languages are kept."""
    chosen = checked_languages(languages)
    version = _locked_draft(version, user)
    if revision is not None and revision != version.revision:
        raise StaleDraft(version, revision)
    before = report_languages(version)
    if chosen == before:
        return version
    version.front_matter = {**version.front_matter, "languages": chosen}
    version.revision += 1
    version.updated_by = person(user)
    version.save(update_fields=["front_matter", "revision", "updated_by", "updated_at"])
    record(user, "report.languages_chosen", version, before=before, after=chosen)
    return version


@transaction.atomic
def reopen_report(report: NationalReport, *, user: Any) -> ReportVersion:
    """Secretariat: start a new draft version from the latest submitted one."""
    require_secretariat(user)
    report = (
        NationalReport.objects.select_for_update(of=("self",))
        .select_related("cycle")
        .get(pk=report.pk)
    )
    check_cycle_open(report.cycle)
    latest = report.latest_version()
    if latest is None or latest.is_draft:
        raise ReportingError("report.reopen-needs-submitted")
    version = ReportVersion.objects.create(
        report=report,
        number=latest.number + 1,
        front_matter=latest.front_matter,
        created_by=person(user),
        is_demo=latest.is_demo,
    )
    write_answers(version, latest.answers_dict(), stored={})
    record(user, "report.reopened", version, previous=latest.number)
    return version


def _locked_draft(version: ReportVersion, user: Any) -> ReportVersion:
    """The draft re-read under a row lock; refused if it was submitted or its cycle closed."""
    require_allowed(can_edit_for(user, version.report.party), user)
    version = (
        ReportVersion.objects.select_for_update(of=("self",))
        .select_related("report__cycle", "report__party")
        .get(pk=version.pk)
    )
    if not version.is_draft:
        raise ReportingError("report.submitted")
    check_cycle_open(version.report.cycle)
    return version


def load_default_cycles() -> int:
    """Create the packaged reporting cycles that do not exist yet (never overwrites edits)."""
    created = 0
    for raw in load_yaml(CYCLES_FILE.read_text(encoding="utf-8")):
        number = raw.pop("number")
        created += ReportingCycle.objects.get_or_create(number=number, defaults=raw)[1]
    return created


def load_cycles_after_migrate(using: str = "default", **kwargs: Any) -> None:
    if has_table(ReportingCycle, using):
        load_default_cycles()
