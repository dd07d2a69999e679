"""Pages of national reporting: published reports, the draft form, submission, offline files."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cpbtracker.accounts.access import can_submit_for, is_secretariat, parties_of
from cpbtracker.lib import inputs
from cpbtracker.lib.collation import sorted_by_name
from cpbtracker.lib.content import content_key, localized
from cpbtracker.lib.exports import requested_format
from cpbtracker.lib.languages import UN_LANGUAGES
from cpbtracker.lib.problems import Problem
from cpbtracker.lib.responses import format_attachment, table_attachment
from cpbtracker.lib.tabular import TABLE_FORMATS
from cpbtracker.parties.models import Region, table_region
from cpbtracker.reporting import access, form, offline, tracker
from cpbtracker.reporting.downloads import DOWNLOAD_FORMATS, DOWNLOADS
from cpbtracker.reporting.models import NationalReport, PublicationRequest, ReportingCycle
from cpbtracker.reporting.queries import (
    first_complete_dates,
    previous_answers_in_words,
    published_versions,
)
from cpbtracker.reporting.questionnaire import (
    Question,
    Questionnaire,
    Section,
    apply_rules,
    rules_as_data,
)
from cpbtracker.reporting.services import (
    ReportingError,
    RevisionRequired,
    StaleDraft,
    SubmissionBlocked,
    approve_publication,
    current_cycle,
    open_draft,
    questionnaire_for,
    reject_publication,
    reopen_report,
    report_languages,
    request_publication,
    save_answers,
    set_report_languages,
    submission_problems,
    submit_report,
)


def report_index(request: HttpRequest) -> HttpResponse:
    cycles = list(ReportingCycle.objects.all())
    number = inputs.optional_whole_number(request.GET.get("cycle"), field="cycle")
    cycle = next((c for c in cycles if c.number == number), None) or (
        cycles[-1] if cycles else None
    )
    versions = sorted_by_name(
        published_versions(cycle, region=request.GET.get("region", "")) if cycle else [],
        lambda v: str(v.report.party),
    )
    my_reports = (
        [
            (party, NationalReport.objects.filter(party=party, cycle=cycle).first())
            for party in sorted_by_name(parties_of(request.user))
        ]
        if cycle
        else []
    )
    return render(
        request,
        "reporting/index.html",
        {
            "cycles": cycles,
            "cycle": cycle,
            "versions": versions,
            "my_reports": my_reports,
            "has_demo": any(v.report.is_demo for v in versions),
            # reports whose earliest complete version came by the deadline (as A.3(a) reads it)
            "on_time": {
                report
                for report, day in first_complete_dates(
                    cycle, [v.report_id for v in versions]
                ).items()
                if day <= cycle.deadline
            }
            if cycle
            else set(),
        },
    )


def _published(iso2: str, cycle: int) -> dict[str, Any]:
    """What the report page, its print layout and its downloads show: the published version
    and its sections in the active language (404 when nothing is published)."""
    party, cycle_obj = access.get_party(iso2), access.get_cycle(cycle)
    version = access.get_published_version(party, cycle_obj)
    questionnaire = questionnaire_for(cycle_obj)
    answers = version.answers_dict()
    outcome = apply_rules(questionnaire, answers)
    sections = [
        (localized(s.title), form.present(s.entries(), answers, outcome))
        for s in questionnaire.sections
    ]
    return {"party": party, "cycle": cycle_obj, "version": version, "sections": sections}


def report_detail(request: HttpRequest, iso2: str, cycle: int) -> HttpResponse:
    context = _published(iso2, cycle)
    context["can_reopen"] = is_secretariat(request.user)
    context["download_formats"] = DOWNLOAD_FORMATS
    return render(request, "reporting/detail.html", context)


def report_print(request: HttpRequest, iso2: str, cycle: int) -> HttpResponse:
    """The published report in one column, without navigation, ready to print."""
    return render(request, "reporting/print.html", _published(iso2, cycle))


def report_download(request: HttpRequest, iso2: str, cycle: int, fmt: str) -> HttpResponse:
    """The published report as a PDF, an XLSX workbook or a BCH JSON document."""
    if fmt not in DOWNLOADS:
        raise Http404("No such format")
    context = _published(iso2, cycle)
    return format_attachment(
        fmt,
        DOWNLOADS[fmt]().render(context["version"], context),
        name=f"national-report-{iso2.upper()}-{cycle}",
    )


def _editable(request: HttpRequest, iso2: str, cycle: int):
    """The Party, cycle, report and draft a signed-in editor works on (404/403 otherwise)."""
    party, cycle_obj = access.get_party(iso2), access.get_cycle(cycle)
    access.require_editor(request.user, party)
    report = access.get_report(party, cycle_obj)
    return party, cycle_obj, report, access.draft_of(report)


def _refused(
    request: HttpRequest, party, cycle: ReportingCycle, error: Exception, *, status: int = 409
) -> HttpResponse:
    """A change the rules refuse (closed cycle, submitted report, stale draft): 409 + why."""
    return render(
        request,
        "reporting/refused.html",
        {"party": party, "cycle": cycle, "reason": str(error)},
        status=status,
    )


def _revision(request: HttpRequest) -> int | None:
    """The draft revision a form was made from (absent: not said, which a save of a whole
    section may not do)."""
    return inputs.optional_whole_number(request.POST.get("revision"), field="revision")


ANSWER_REVISION = "revision:"  # + a question key: the revision at which the page last saved it


def _answer_revisions(request: HttpRequest) -> dict[str, int]:
    """Per answer the page saved since it was loaded (autosave), the revision that save made."""
    return {
        name.removeprefix(ANSWER_REVISION): inputs.whole_number(request.POST.get(name), field=name)
        for name in request.POST
        if name.startswith(ANSWER_REVISION)
    }


@dataclass(frozen=True)
class Conflict:
    """An answer of the refused save that someone else changed too, and who did when."""

    key: str
    label: str
    title: str
    change: str


def _conflicts(questions: list[Question], error: StaleDraft) -> list[Conflict]:
    """The conflicts of a refused section save, in the order of its questions."""
    changes = {problem.key: problem.message for problem in error.conflicts}
    return [
        Conflict(q.key, q.label, localized(q.title), changes[q.key])
        for q in questions
        if q.key in changes
    ]


def _overdue(cycle: ReportingCycle, report: NationalReport | None) -> bool:
    """An open cycle's deadline has passed and the Party has published nothing yet."""
    return (
        cycle.is_open
        and timezone.localdate() > cycle.deadline
        and not (report and report.published_version())
    )


@login_required
def report_edit(request: HttpRequest, iso2: str, cycle: int) -> HttpResponse:
    party, cycle_obj, report, draft = _editable(request, iso2, cycle)
    if request.method == "POST":
        try:
            open_draft(party, cycle_obj, user=request.user)
        except ReportingError as error:
            return _refused(request, party, cycle_obj, error)
        return redirect("reporting:edit", iso2=party.iso2, cycle=cycle)
    context = {
        "party": party,
        "cycle": cycle_obj,
        "report": report,
        "draft": draft,
        "overdue": _overdue(cycle_obj, report),
        "requests": PublicationRequest.objects.filter(version__report=report)
        .select_related("requested_by", "decided_by", "version")
        .order_by("-requested_at", "-id"),
        "can_decide": can_submit_for(request.user, party),
    }
    if draft:
        questionnaire = questionnaire_for(cycle_obj)
        answers = draft.answers_dict()
        context["sections"] = form.progress(
            questionnaire, answers, apply_rules(questionnaire, answers)
        )
        context["can_submit"] = can_submit_for(request.user, party)
        chosen = report_languages(draft)
        context["report_languages"] = [
            (language, language.key in chosen) for language in UN_LANGUAGES
        ]
    return render(request, "reporting/edit.html", context)


@login_required
@require_POST
def report_languages_choice(request: HttpRequest, iso2: str, cycle: int) -> HttpResponse:
    """The Party picks the languages its report is written in (one text input per language)."""
    party, cycle_obj, _report, draft = _editable(request, iso2, cycle)
    if draft is None:
        return redirect("reporting:edit", iso2=party.iso2, cycle=cycle)
    try:
        set_report_languages(
            draft, request.POST.getlist("languages"), user=request.user, revision=_revision(request)
        )
    except ReportingError as error:
        return _refused(request, party, cycle_obj, error)
    messages.success(request, _("The report's languages are saved."))
    return redirect("reporting:edit", iso2=party.iso2, cycle=cycle)


@login_required
def report_section(request: HttpRequest, iso2: str, cycle: int, section: str) -> HttpResponse:
    party, cycle_obj, report, draft = _editable(request, iso2, cycle)
    if draft is None:
        return redirect("reporting:edit", iso2=party.iso2, cycle=cycle)
    questionnaire = questionnaire_for(cycle_obj)
    section_obj = next((s for s in questionnaire.sections if s.key == section), None)
    if section_obj is None:
        return redirect("reporting:edit", iso2=party.iso2, cycle=cycle)
    questions = section_obj.entries()
    answers = draft.answers_dict()
    problems: dict[str, str] = {}
    conflicts: list[Conflict] = []
    if request.method == "POST":
        posted = form.answers_from_post(
            questions, request.POST, answers, get_language(), report_languages(draft)
        )
        on_page = [q.key for q in questions if q.answerable]
        try:
            result = save_answers(
                draft,
                posted,
                user=request.user,
                replace=on_page,
                revision=_revision(request),
                answer_revisions=_answer_revisions(request),
            )
        except RevisionRequired as error:
            return _refused(request, party, cycle_obj, error, status=400)
        except StaleDraft as error:
            if not error.conflicts:
                return _refused(request, party, cycle_obj, error)
            # Nothing saved: the form again with what was typed, at the draft's revision now,
            # so that saving it again replaces the other answers knowingly.
            draft.refresh_from_db()
            answers = {k: v for k, v in draft.answers_dict().items() if k not in on_page}
            answers.update(posted)
            conflicts = _conflicts(questions, error)
            problems = {c.key: c.change for c in conflicts}
        except ReportingError as error:
            return _refused(request, party, cycle_obj, error)
        else:
            draft = result.version
            answers = draft.answers_dict()
            problems = {p.key: p.message for p in result.problems}
            if not problems:
                messages.success(request, _("Saved."))
                target = request.POST.get("next", "")
                if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
                    target = request.path
                return redirect(target or request.path)
            messages.error(request, _("Some answers were not saved; see the messages below."))
    outcome = apply_rules(questionnaire, answers)
    previous = previous_answers_in_words(party, cycle_obj, questions)
    sections = list(questionnaire.sections)
    position = sections.index(section_obj)
    return render(
        request,
        "reporting/section.html",
        {
            "party": party,
            "cycle": cycle_obj,
            "section": section_obj,
            "section_title": localized(section_obj.title),
            "overdue": _overdue(cycle_obj, report),
            "rule_data": rules_as_data(
                questionnaire, outcome.answers, on_page={q.key for q in questions}
            ),
            "description": localized(section_obj.description),
            "questions": form.present(
                questions,
                answers,
                outcome,
                previous=previous,
                problems=problems,
                languages=report_languages(draft),
            ),
            "revision": draft.revision,
            "conflicts": conflicts,
            "content_lang": content_key(),
            "next_section": sections[position + 1] if position + 1 < len(sections) else None,
            "previous_section": sections[position - 1] if position else None,
        },
        status=409 if conflicts else 200,
    )


@login_required
def report_submit(request: HttpRequest, iso2: str, cycle: int) -> HttpResponse:
    party, cycle_obj, report, draft = _editable(request, iso2, cycle)
    if draft is None:
        return redirect("reporting:edit", iso2=party.iso2, cycle=cycle)
    if request.method == "POST":
        try:
            submit_report(draft, user=request.user)
        except SubmissionBlocked:
            messages.error(request, _("The report cannot be submitted yet."))
        except ReportingError as error:
            return _refused(request, party, cycle_obj, error)
        else:
            messages.success(request, _("The report was submitted and published."))
            return redirect("reporting:detail", iso2=party.iso2, cycle=cycle)
    problems = submission_problems(draft)
    return render(
        request,
        "reporting/submit.html",
        {
            "party": party,
            "cycle": cycle_obj,
            "problem_count": len(problems),
            "sections": _problems_by_section(questionnaire_for(cycle_obj), problems),
            "can_submit": can_submit_for(request.user, party),
        },
    )


@dataclass(frozen=True)
class QuestionProblem:
    """One problem of the submit check, with the question as the user's format names it."""

    key: str
    code: str
    label: str
    title: str

    @property
    def is_missing(self) -> bool:
        return self.code == "missing"

    @property
    def is_invalid(self) -> bool:
        return self.code == "invalid"


def _problems_by_section(
    questionnaire: Questionnaire, problems: list[Problem]
) -> list[tuple[Section | None, str, list[QuestionProblem]]]:
    """Per section in form order: the section, its title and its problems (questions first).

    Problems of keys that are no question of the format come last, without a section.
    """
    by_key: dict[str, list[Problem]] = {}
    for problem in problems:
        by_key.setdefault(problem.key, []).append(problem)
    grouped: list[tuple[Section | None, str, list[QuestionProblem]]] = []
    for section in questionnaire.sections:
        rows = [
            QuestionProblem(p.key, p.code, q.label, localized(q.title))
            for q in section.entries()
            for p in by_key.pop(q.key, [])
        ]
        if rows:
            grouped.append((section, localized(section.title), rows))
    others = [QuestionProblem(p.key, p.code, p.key, "") for ps in by_key.values() for p in ps]
    if others:
        grouped.append((None, _("Answers to no question of this format"), others))
    return grouped


@require_POST
@login_required
def report_request_publication(request: HttpRequest, iso2: str, cycle: int) -> HttpResponse:
    party, cycle_obj, report, draft = _editable(request, iso2, cycle)
    if draft is None:
        return redirect("reporting:edit", iso2=party.iso2, cycle=cycle)
    try:
        request_publication(draft, user=request.user)
    except SubmissionBlocked:
        messages.error(request, _("The report cannot be submitted yet."))
        return redirect("reporting:submit", iso2=party.iso2, cycle=cycle)
    except ReportingError as error:
        return _refused(request, party, cycle_obj, error)
    messages.success(request, _("Your request was sent to the national focal point."))
    return redirect("reporting:edit", iso2=party.iso2, cycle=cycle)


@require_POST
@login_required
def report_decide_publication(request: HttpRequest, iso2: str, cycle: int, pk: int) -> HttpResponse:
    """The focal point approves (publishes) or rejects a request to publish."""
    party, cycle_obj, report, draft = _editable(request, iso2, cycle)
    publication = get_object_or_404(PublicationRequest, pk=pk, version__report=report)
    try:
        if request.POST.get("decision") == "approve":
            approve_publication(publication, user=request.user)
            messages.success(request, _("The report was submitted and published."))
        else:
            reject_publication(
                publication, user=request.user, reason=request.POST.get("reason", "")
            )
            messages.success(request, _("The request was rejected."))
    except SubmissionBlocked:
        messages.error(request, _("The report cannot be submitted yet."))
    except ReportingError as error:
        return _refused(request, party, cycle_obj, error)
    return redirect("reporting:edit", iso2=party.iso2, cycle=cycle)


@require_POST
@login_required
def report_reopen(request: HttpRequest, iso2: str, cycle: int) -> HttpResponse:
    party, cycle_obj = access.get_party(iso2), access.get_cycle(cycle)
    version = access.get_published_version(party, cycle_obj)
    try:
        reopen_report(version.report, user=request.user)
    except ReportingError as error:
        return _refused(request, party, cycle_obj, error)
    messages.success(request, _("The report was reopened as a new draft version."))
    return redirect("reporting:edit", iso2=party.iso2, cycle=cycle)


@login_required
def report_offline(request: HttpRequest, iso2: str, cycle: int) -> HttpResponse:
    """GET: the draft as an XLSX workbook; POST: a filled workbook back into the draft.

    A GET never creates a draft: without one there is nothing to download.
    """
    party, cycle_obj, report, draft = _editable(request, iso2, cycle)
    if request.method == "POST":
        upload = request.FILES.get("workbook")
        if upload is None:
            messages.error(request, _("Choose a workbook to upload."))
            return redirect("reporting:edit", iso2=party.iso2, cycle=cycle)
        if (upload.size or 0) > offline.MAX_UPLOAD_BYTES:
            return _refused(
                request,
                party,
                cycle_obj,
                offline.WorkbookError("workbook.upload-too-large", limit=offline.MAX_UPLOAD_BYTES),
            )
        try:
            draft = open_draft(party, cycle_obj, user=request.user)
            count = offline.import_workbook(draft, upload.read(), user=request.user)
        except offline.WorkbookError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("reporting:edit", iso2=party.iso2, cycle=cycle)
        except ReportingError as error:
            return _refused(request, party, cycle_obj, error)
        messages.success(request, _("%(count)s answers read from the workbook.") % {"count": count})
        return redirect("reporting:edit", iso2=party.iso2, cycle=cycle)
    if draft is None:
        return _refused(
            request,
            party,
            cycle_obj,
            ReportingError("report.no-draft-offline"),
        )
    return format_attachment(
        "xlsx",
        offline.export_workbook(draft, language=get_language()),
        name=f"national-report-{party.iso2}-{cycle_obj.number}",
    )


def report_tracker(request: HttpRequest) -> HttpResponse:
    """The Secretariat's view of every Party's report in a cycle, with reminders."""
    if not is_secretariat(request.user):
        raise PermissionDenied
    cycles = list(ReportingCycle.objects.all())
    number = inputs.optional_whole_number(request.GET.get("cycle"), field="cycle")
    cycle = (
        next((c for c in cycles if c.number == number), None)
        or current_cycle()
        or (cycles[-1] if cycles else None)
    )
    if cycle is None:
        raise Http404("No reporting cycle")
    rows = tracker.tracker_rows(cycle, today=timezone.localdate())
    region = request.GET.get("region", "")
    status = request.GET.get("status", "")
    # ?eu_in_weog=1: the European Union within WEOG, as the Secretariat's own tables count it
    eu_in_weog = request.GET.get("eu_in_weog", "") in ("1", "true")
    shown = [
        r
        for r in rows
        if (
            not region
            or table_region(r.party.iso2, r.party.region, eu_in_weog=eu_in_weog) == region
        )
        and (not status or r.status == status)
    ]
    fmt = requested_format(request, TABLE_FORMATS)
    if fmt:
        return table_attachment(
            fmt,
            tracker.export_rows(shown),
            tracker.EXPORT_COLUMNS,
            name=f"report-tracker-cycle-{cycle.number}",
            title=f"cycle {cycle.number}",
        )
    return render(
        request,
        "reporting/tracker.html",
        {
            "cycles": cycles,
            "cycle": cycle,
            "rows": shown,
            "regions": Region.choices,
            "region": region,
            "statuses": tracker.Status.choices,
            "status": status,
            "counts": tracker.region_counts(rows, eu_in_weog=eu_in_weog),
            "eu_in_weog": eu_in_weog,
            "reminders": [r for r in rows if r.overdue],
            "query": request.GET.urlencode(),
        },
    )
