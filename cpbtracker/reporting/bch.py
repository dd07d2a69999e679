"""BCH national-report documents (cpbNationalReport5 / cpbNationalReport4) in and out.

Import is all or nothing: every document is checked first and every problem is reported as
``file: key: reason``; only a clean batch is written, in one transaction.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from cpbtracker.accounts.access import require_secretariat
from cpbtracker.accounts.audit import record
from cpbtracker.lib import changes
from cpbtracker.lib.problems import Problem
from cpbtracker.parties.models import Party
from cpbtracker.reporting.models import NationalReport, ReportingCycle, ReportVersion
from cpbtracker.reporting.problems import (
    AnswerError,
    ImportFailed,
    ReportingError,
    document_problem,
)
from cpbtracker.reporting.questionnaire import (
    LANGUAGES,
    apply_rules,
    check_shape,
    is_complete,
    normalize_answer,
)
from cpbtracker.reporting.services import (
    answer_changes,
    checked_languages,
    questionnaire_for,
    report_languages,
    write_answers,
)

# Top-level fields of a document that are not questionnaire answers (bch-document-shape.md).
FRONT_MATTER = (
    "contact",
    "stakeholders",
    "date",
    "reportPeriodStartDate",
    "reportPeriodEndDate",
    "Q005",
    "Q006",
    "notes",
)
ENVELOPE = ("header", "government", "libraries")


__all__ = ["ImportFailed", "document_problem"]  # the import's errors, for the records import


@dataclass
class CheckedDocument:
    source: str
    party: Party
    cycle: ReportingCycle
    identifier: str
    front_matter: dict[str, Any]
    answers: dict[str, object]
    dropped: frozenset[str]
    submitted_on: dt.date | None = None


@dataclass
class ImportSummary:
    documents: int = 0
    by_cycle: Counter = field(default_factory=Counter)
    published: int = 0
    dropped_answers: int = 0
    unchanged: int = 0

    def __str__(self) -> str:
        cycles = ", ".join(f"cycle {c}: {n}" for c, n in sorted(self.by_cycle.items()))
        text = (
            f"imported {self.documents} report(s) ({cycles}); {self.published} published; "
            f"{self.dropped_answers} answer(s) of hidden questions dropped"
        )
        if self.unchanged:
            text += (
                f"; {self.unchanged} document(s) identical to the stored version: "
                "nothing changed for them"
            )
        return text


def read_documents(paths: list[Path]) -> list[tuple[str, Any]]:
    """(source label, document) pairs; a file holds one document or a JSON array of them."""
    documents = []
    for path in paths:
        try:
            data = json.loads(path.read_text(encoding="utf-8-sig"))
        except (OSError, ValueError, RecursionError) as error:
            raise ImportFailed(
                document_problem(str(path), "-", "document.unreadable", error=str(error))
            ) from error
        if isinstance(data, list):
            documents += [(f"{path}[{n}]", doc) for n, doc in enumerate(data)]
        else:
            documents.append((str(path), data))
    return documents


def check_document(
    source: str, doc: Any, cycles: dict[str, ReportingCycle], parties: dict[str, Party]
) -> CheckedDocument | list[Problem]:
    def problem(key: str, reason: Problem | str, **params: Any) -> Problem:
        return document_problem(source, key, reason, **params)

    if not isinstance(doc, dict):
        return [problem("-", "document.not-object")]
    header, about = doc.get("header"), doc.get("government")
    schema = header.get("schema") if isinstance(header, dict) else None
    if not isinstance(schema, str) or schema not in cycles:
        return [
            problem(
                "header.schema",
                "document.unknown-schema",
                schema=schema,
                schemas=", ".join(sorted(cycles)),
            )
        ]
    government = str(about.get("identifier", "") if isinstance(about, dict) else "").upper()
    if government not in parties:
        return [
            problem(
                "government.identifier",
                "document.unknown-government",
                government=government or "nothing",
            )
        ]
    cycle = cycles[schema]
    questionnaire = questionnaire_for(cycle)
    problems, answers = [], {}
    for key in FRONT_MATTER:
        try:
            check_shape(key, doc.get(key))
        except AnswerError as error:
            problems.append(problem(key, error.problem))
    for key, raw in doc.items():
        if key in ENVELOPE or key in FRONT_MATTER:
            continue
        try:
            question = questionnaire.question(key)
        except KeyError:
            problems.append(problem(key, "document.not-a-question", schema=schema))
            continue
        try:
            value = normalize_answer(question, raw)
        except AnswerError as error:
            problems.append(problem(key, error.problem))
            continue
        if value is not None:
            answers[key] = value
    front_matter = {k: doc[k] for k in FRONT_MATTER if k in doc}
    languages = (doc.get("header") or {}).get("languages")
    if languages:
        try:
            if not isinstance(languages, list) or not all(isinstance(x, str) for x in languages):
                raise TypeError(languages)
            front_matter["languages"] = checked_languages(languages)
        except (TypeError, ReportingError):
            problems.append(
                problem(
                    "header.languages",
                    "document.bad-languages",
                    languages=languages,
                    known=", ".join(LANGUAGES),
                )
            )
    if problems:
        return problems
    outcome = apply_rules(questionnaire, answers)
    return CheckedDocument(
        source=source,
        party=parties[government],
        cycle=cycle,
        identifier=str((doc.get("header") or {}).get("identifier") or ""),
        front_matter=front_matter,
        answers=outcome.answers,
        dropped=outcome.dropped,
    )


def import_bch_documents(
    paths: list[Path],
    *,
    publish: bool = False,
    submitted_on: dt.date | None = None,
    dry_run: bool = False,
    allow_closed: bool = False,
    user: Any = None,
) -> ImportSummary:
    """Check every document, then (unless ``dry_run``) store them all; raise ImportFailed.

    A dry run checks exactly what the real run checks. Documents of a closed cycle are refused
    unless ``allow_closed`` (the Secretariat's explicit choice). A document identical to the
    report's latest version adds nothing and is counted as unchanged.
    """
    require_secretariat(user)
    cycles = {c.schema: c for c in ReportingCycle.objects.all()}
    parties = {p.iso2: p for p in Party.objects.all()}
    checked, problems = [], []
    seen: dict[tuple[str, int], str] = {}
    for source, doc in read_documents(paths):
        result = check_document(source, doc, cycles, parties)
        if isinstance(result, list):
            problems += result
            continue
        pair = (result.party.iso2, result.cycle.number)
        if pair in seen:
            problems.append(
                document_problem(
                    source,
                    "government.identifier",
                    "document.second-report",
                    party=pair[0],
                    cycle=pair[1],
                    first=seen[pair],
                )
            )
        seen.setdefault(pair, source)
        if not result.cycle.is_open and not allow_closed:
            problems.append(
                document_problem(
                    source, "header.schema", "document.cycle-closed", cycle=result.cycle.number
                )
            )
        if publish:
            problems += _check_submission_day(result, submitted_on)
        checked.append(result)
    if problems:
        raise ImportFailed(problems)
    summary = ImportSummary()
    if dry_run:
        summary.documents = len(checked)
        summary.by_cycle.update(c.cycle.number for c in checked)
        return summary
    changed: dict[int, tuple[ReportingCycle, list[Party]]] = {}
    with transaction.atomic():
        for doc in checked:
            if not _store(doc, publish=publish, user=user):
                summary.unchanged += 1
                continue
            summary.documents += 1
            changed.setdefault(doc.cycle.pk, (doc.cycle, []))[1].append(doc.party)
            summary.by_cycle[doc.cycle.number] += 1
            summary.published += publish
            summary.dropped_answers += len(doc.dropped)
        for cycle, imported in changed.values():  # what the imported reports feed
            changes.reports_changed.send(__name__, cycle=cycle, parties=imported)
        record(
            user,
            "reports.imported",
            f"{summary.documents} BCH documents",
            publish=publish,
            unchanged=summary.unchanged,
            files=[str(p) for p in paths],
        )
    return summary


def _check_submission_day(doc: CheckedDocument, submitted_on: dt.date | None) -> list[Problem]:
    """Set ``doc.submitted_on``; the problem when there is no valid date to publish with."""
    if submitted_on:
        doc.submitted_on = submitted_on
        return []
    date = doc.front_matter.get("date")
    if not date:
        return [document_problem(doc.source, "date", "document.no-date")]
    try:
        doc.submitted_on = dt.date.fromisoformat(str(date)[:10])
    except ValueError:
        return [document_problem(doc.source, "date", "document.bad-date", date=date)]
    return []


def _store(doc: CheckedDocument, *, publish: bool, user: Any) -> bool:
    """Store one checked document; False when it is identical to the latest version."""
    report, _ = NationalReport.objects.get_or_create(party=doc.party, cycle=doc.cycle)
    report = NationalReport.objects.select_for_update(of=("self",)).get(pk=report.pk)
    if report.is_demo:
        # Real data replaces synthetic data; the report is real from now on.
        report.versions.all().delete()
        report.is_demo = False
    if doc.identifier:
        report.bch_identifier = doc.identifier
    report.save(update_fields=["is_demo", "bch_identifier"])
    latest = report.latest_version()
    previous = latest.answers_dict() if latest else {}
    identical = (
        latest is not None and previous == doc.answers and latest.front_matter == doc.front_matter
    )
    if latest is not None and identical and not (publish and latest.is_draft):
        return False
    if latest and latest.is_draft:
        version, stored = latest, previous
    else:
        version = ReportVersion.objects.create(
            report=report, number=(latest.number + 1) if latest else 1
        )
        stored = {}
    version.front_matter = doc.front_matter
    write_answers(version, doc.answers, stored=stored)
    if publish:
        if doc.submitted_on is None:  # set by the check before any write
            raise ValueError(f"{doc.source}: no submission date to publish with")
        version.status = ReportVersion.Status.SUBMITTED
        version.complete = is_complete(questionnaire_for(doc.cycle), doc.answers)
        version.submitted_at = timezone.make_aware(
            dt.datetime.combine(doc.submitted_on, dt.time(12))
        )
    version.revision += 1
    version.save()
    record(
        user,
        "report.imported",
        version,
        source=doc.source,
        published=publish,
        changes=answer_changes(previous, doc.answers),
    )
    return True


def export_document(
    version: ReportVersion, answers: dict[str, object] | None = None
) -> dict[str, Any]:
    """The version as a BCH document: envelope, front matter, then answers in question order
    (``answers``: the version's, when already read)."""
    report = version.report
    questionnaire = questionnaire_for(report.cycle)
    answers = version.answers_dict() if answers is None else answers
    document: dict[str, Any] = {
        "header": {
            "identifier": report.bch_identifier
            or str(uuid.uuid5(uuid.NAMESPACE_URL, f"cpbtracker:{report}")),
            "schema": report.cycle.schema,
            "languages": report_languages(version) or ["en"],
        },
        "government": {"identifier": report.party.iso2.lower()},
        **{k: v for k, v in version.front_matter.items() if k in FRONT_MATTER},
    }
    for key in questionnaire.answerable_keys():
        if key in answers:
            document[key] = answers[key]
    return document
