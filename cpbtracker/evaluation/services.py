"""Changing what an evaluation reads: targets and milestones, snapshots, the conclusions; making
and publishing the evaluation documents (the Secretariat, or the CLI)."""

from __future__ import annotations

import datetime as dt
import re
import time
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cpbtracker.accounts.access import is_secretariat
from cpbtracker.accounts.audit import record
from cpbtracker.evaluation.assessment import assess
from cpbtracker.evaluation.document import document_bytes, evidence_key
from cpbtracker.evaluation.evidence import Evidence, live_evidence
from cpbtracker.evaluation.models import (
    Conclusion,
    Direction,
    Part,
    Snapshot,
    StoredDocument,
    StoredResult,
    Target,
)
from cpbtracker.lib.problems import CodedError
from cpbtracker.plan.models import Indicator
from cpbtracker.reporting.models import ReportingCycle

SLUG = re.compile(r"[-\w]{1,60}", re.ASCII)


class EvaluationError(CodedError):
    """A request that cannot be carried out; the message names the indicator or snapshot."""

    MESSAGES = {
        "evaluation.no-indicator": _("indicator %(indicator)s: no such indicator in the plan"),
        "evaluation.direction": _(
            "indicator %(indicator)s: direction must be one of %(directions)s"
        ),
        "evaluation.year": _(
            "indicator %(indicator)s: target year %(year)s is not a plausible year"
        ),
        "evaluation.no-target": _("indicator %(indicator)s: has no target to clear"),
        "evaluation.no-cycle": _("snapshot %(label)s: no reporting cycle %(cycle)s"),
        "evaluation.label": _(
            "snapshot %(label)s: a label takes letters, digits, hyphens and underscores only"
        ),
        "evaluation.label-taken": _(
            "snapshot %(label)s: the label is taken; snapshots never change"
        ),
        "evaluation.published": _(
            "document %(document)s: published documents never change; take a new snapshot"
        ),
        "evaluation.part": _("conclusions: part must be one of %(parts)s"),
    }


def _require_secretariat(user: Any) -> None:
    """``None`` is the command line, run by whoever administers the installation."""
    if user is not None and not is_secretariat(user):
        raise PermissionDenied


def _indicator(code: str) -> Indicator:
    indicator = Indicator.objects.filter(code=code).first()
    if indicator is None:
        raise EvaluationError("evaluation.no-indicator", indicator=code)
    return indicator


@transaction.atomic
def set_target(
    code: str, *, value: float, year: int, direction: str = Direction.POSITIVE, user: Any
) -> Target:
    """Set (or replace) the indicator's target; milestones already entered are kept."""
    _require_secretariat(user)
    indicator = _indicator(code)
    if direction not in Direction.values:
        raise EvaluationError(
            "evaluation.direction", indicator=code, directions=", ".join(Direction.values)
        )
    if not 2000 <= year <= 2100:
        raise EvaluationError("evaluation.year", indicator=code, year=year)
    target, _ = Target.objects.update_or_create(
        indicator=indicator, defaults={"value": value, "year": year, "direction": direction}
    )
    record(user, "target.set", target, value=value, year=year, direction=direction)
    return target


@transaction.atomic
def clear_target(code: str, *, user: Any) -> None:
    """Remove the indicator's target: the default applies again (100 by 2030 for percents)."""
    _require_secretariat(user)
    indicator = _indicator(code)
    deleted, _ = Target.objects.filter(indicator=indicator).delete()
    if not deleted:
        raise EvaluationError("evaluation.no-target", indicator=code)
    record(user, "target.cleared", indicator.code)


@transaction.atomic
def take_snapshot(cycle: int, label: str, *, as_of: dt.date | None = None, user: Any) -> Snapshot:
    """Freeze the cycle's evidence: reports submitted on or before ``as_of`` (default today),
    every figure for all Parties and each region, the targets and the progress statuses."""
    _require_secretariat(user)
    cycle_obj = ReportingCycle.objects.filter(number=cycle).first()
    if cycle_obj is None:
        raise EvaluationError("evaluation.no-cycle", label=label, cycle=cycle)
    if not SLUG.fullmatch(label):
        raise EvaluationError("evaluation.label", label=label)
    if Snapshot.objects.filter(label=label).exists():
        raise EvaluationError("evaluation.label-taken", label=label)
    day = as_of or dt.date.today()
    evidence = live_evidence(cycle_obj, as_of=day)
    snapshot = Snapshot.objects.create(
        label=label,
        cycle=cycle,
        as_of=day,
        created_by=user if getattr(user, "is_authenticated", False) else None,
        methods_version=evidence.methods_version,
        base_cycle=evidence.base_cycle,
        years={str(c): y for c, y in evidence.years.items()},
        versions=evidence.versions,
        targets=evidence.targets,
        progress=assess(evidence),
        demo=evidence.demo,
    )
    StoredResult.objects.bulk_create(
        StoredResult(snapshot=snapshot, **figure) for figure in evidence.figures.values()
    )
    record(user, "snapshot.taken", snapshot, cycle=cycle, as_of=str(day))
    return snapshot


def generate_document(
    evidence: Evidence, *, kind: str, language: str, fmt: str, user: Any, remake: bool = False
) -> StoredDocument:
    """The document for (evidence, kind, language, format), made once and stored: an existing
    one is returned as it is unless ``remake`` (never a published one)."""
    _require_secretariat(user)
    key = evidence_key(evidence)
    found = StoredDocument.objects.filter(
        evidence=key, cycle=evidence.cycle, kind=kind, language=language, format=fmt
    ).first()
    if found is not None and not remake:
        return found
    if found is not None and found.published_at is not None:
        raise EvaluationError("evaluation.published", document=str(found))
    started = time.perf_counter()
    content = document_bytes(evidence, kind=kind, language=language, fmt=fmt)
    with transaction.atomic():
        document, _created = StoredDocument.objects.update_or_create(
            evidence=key,
            cycle=evidence.cycle,
            kind=kind,
            language=language,
            format=fmt,
            defaults={
                "content": content,
                "size": len(content),
                "seconds": round(time.perf_counter() - started, 2),
                "created_by": user if getattr(user, "is_authenticated", False) else None,
            },
        )
        record(user, "document.generated", document, size=len(content))
    return document


@transaction.atomic
def publish_document(document: StoredDocument, *, user: Any) -> StoredDocument:
    """Make the document downloadable by anyone; from then on it never changes."""
    _require_secretariat(user)
    if document.published_at is None:
        document.published_at = timezone.now()
        document.save(update_fields=["published_at"])
        record(user, "document.published", document)
    return document


@transaction.atomic
def set_conclusion(kind: str, part: str, text: str, *, user: Any) -> Conclusion | None:
    """Enter (or, with an empty text, remove) a part of the evaluation's conclusions."""
    _require_secretariat(user)
    if part not in Part.values:
        raise EvaluationError("evaluation.part", parts=", ".join(Part.values))
    if not text.strip():
        Conclusion.objects.filter(kind=kind, part=part).delete()
        record(user, "conclusion.cleared", f"{kind} {part}")
        return None
    conclusion, _ = Conclusion.objects.update_or_create(
        kind=kind, part=part, defaults={"text": text.strip()}
    )
    record(user, "conclusion.saved", conclusion)
    return conclusion
