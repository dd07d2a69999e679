"""Changing what an evaluation reads: targets and milestones, snapshots, the conclusions; making
and publishing the evaluation documents (the Secretariat, or the CLI)."""

from __future__ import annotations

import datetime as dt
import re
import time
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cpbtracker.accounts.access import require_secretariat
from cpbtracker.accounts.audit import record
from cpbtracker.evaluation.assessment import assess
from cpbtracker.evaluation.document import evidence_key
from cpbtracker.evaluation.evidence import REGIONS, Evidence, live_evidence
from cpbtracker.evaluation.formats import document_bytes
from cpbtracker.evaluation.models import (
    Conclusion,
    Direction,
    Kind,
    Part,
    Snapshot,
    SnapshotFigure,
    StoredDocument,
    Target,
    out_of_range,
    range_message,
)
from cpbtracker.evaluation.sources import GOAL_EVIDENCE, conclusion_texts, contributions
from cpbtracker.lib.actors import person
from cpbtracker.lib.problems import CodedError
from cpbtracker.parties.models import Party
from cpbtracker.plan.models import Goal, Indicator
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
        "evaluation.target-range": _("indicator %(indicator)s: %(problem)s, not %(value)s"),
        "evaluation.decision": _(
            "indicator %(indicator)s: a decision reference is one line of at most 120 characters"
        ),
        "evaluation.no-target": _("indicator %(indicator)s: has no target to clear"),
        "evaluation.no-cycle": _("snapshot %(label)s: no reporting cycle %(cycle)s"),
        "evaluation.label": _(
            "snapshot %(label)s: a label takes letters, digits, hyphens and underscores only"
        ),
        "evaluation.label-taken": _(
            "snapshot %(label)s: the label is taken; snapshots never change"
        ),
        "evaluation.final-too-early": _(
            "cycle %(cycle)s: a final evaluation is made for the plan's final cycle "
            "(%(final)s), not before; make a mid-term evaluation"
        ),
        "evaluation.no-final-cycle": _(
            "cycle %(cycle)s: a final evaluation is made for the plan's final cycle, and no "
            "reporting cycle has a deadline in 2030 or later yet"
        ),
        "evaluation.published": _(
            "document %(document)s: published documents never change; take a new snapshot"
        ),
        "evaluation.part": _("conclusions: part must be one of %(parts)s"),
    }


FINAL_YEAR = 2030  # the plan's last year


def final_cycle() -> int | None:
    """The plan's final reporting cycle: the setting, else the first cycle whose deadline is in
    2030 or later (None while there is none)."""
    if settings.EVALUATION_FINAL_CYCLE is not None:
        return int(settings.EVALUATION_FINAL_CYCLE)
    cycle = ReportingCycle.objects.filter(deadline__year__gte=FINAL_YEAR).order_by("number").first()
    return cycle.number if cycle else None


def check_document_kind(kind: str, cycle: int) -> None:
    """A final evaluation only for the plan's final cycle (or later): before it, the document
    would be the mid-term evaluation under another title."""
    if kind != Kind.FINAL:
        return
    final = final_cycle()
    if final is None:
        raise EvaluationError("evaluation.no-final-cycle", cycle=cycle)
    if cycle < final:
        raise EvaluationError("evaluation.final-too-early", cycle=cycle, final=final)


def _indicator(code: str) -> Indicator:
    indicator = Indicator.objects.filter(code=code).first()
    if indicator is None:
        raise EvaluationError("evaluation.no-indicator", indicator=code)
    return indicator


@transaction.atomic
def set_target(
    code: str,
    *,
    value: float,
    year: int,
    direction: str = Direction.POSITIVE,
    decision: str = "",
    user: Any,
) -> Target:
    """Set (or replace) the indicator's target; milestones already entered are kept. With a
    ``decision`` reference the target is adopted, without one it is indicative. A value that
    does not fit the indicator's unit is refused and nothing is stored."""
    require_secretariat(user)
    indicator = _indicator(code)
    if direction not in Direction.values:
        raise EvaluationError(
            "evaluation.direction", indicator=code, directions=", ".join(Direction.values)
        )
    allowed = out_of_range(code, value)
    if allowed is not None:
        raise EvaluationError(
            "evaluation.target-range", indicator=code, problem=range_message(*allowed), value=value
        )
    if not 2000 <= year <= 2100:
        raise EvaluationError("evaluation.year", indicator=code, year=year)
    decision = decision.strip()
    if len(decision) > 120 or not decision.isprintable():
        raise EvaluationError("evaluation.decision", indicator=code)
    target, _ = Target.objects.update_or_create(
        indicator=indicator,
        defaults={"value": value, "year": year, "direction": direction, "decision": decision},
    )
    record(
        user, "target.set", target, value=value, year=year, direction=direction, decision=decision
    )
    return target


@transaction.atomic
def clear_target(code: str, *, user: Any) -> None:
    """Remove the indicator's target: it is assessed by the no-target rule again."""
    require_secretariat(user)
    indicator = _indicator(code)
    deleted, _ = Target.objects.filter(indicator=indicator).delete()
    if not deleted:
        raise EvaluationError("evaluation.no-target", indicator=code)
    record(user, "target.cleared", indicator.code)


@transaction.atomic
def take_snapshot(cycle: int, label: str, *, as_of: dt.date | None = None, user: Any) -> Snapshot:
    """Freeze the cycle's evidence: reports submitted on or before ``as_of`` (default today),
    every figure for all Parties and each region, the targets and the progress statuses, and
    all else its documents show: the plan structure and data version, the methods, the
    capacity-building and clearing-house evidence (as the evidence functions return it), the
    contributions, each Party's regional group and the Secretariat's conclusions: a document
    made from the snapshot prints the conclusions as they stood when it was taken (entered or
    changed later, they belong to the next snapshot)."""
    require_secretariat(user)
    cycle_obj = ReportingCycle.objects.filter(number=cycle).first()
    if cycle_obj is None:
        raise EvaluationError("evaluation.no-cycle", label=label, cycle=cycle)
    if not SLUG.fullmatch(label):
        raise EvaluationError("evaluation.label", label=label)
    if Snapshot.objects.filter(label=label).exists():
        raise EvaluationError("evaluation.label-taken", label=label)
    day = as_of or dt.date.today()
    evidence = live_evidence(cycle_obj, as_of=day)
    goals = list(Goal.objects.select_related("capacity_set"))
    snapshot = Snapshot.objects.create(
        label=label,
        cycle=cycle,
        as_of=day,
        created_by=person(user),
        methods_version=evidence.methods_version,
        base_cycle=evidence.base_cycle,
        years={str(c): y for c, y in evidence.years.items()},
        versions=evidence.versions,
        targets=evidence.targets,
        progress=assess(evidence),
        demo=evidence.demo,
        regional_progress={region: assess(evidence, region) for region in REGIONS if region},
        plan_version=evidence.plan_version,
        plan=evidence.plan,
        methods=evidence.methods,
        goal_evidence={key: rows_of(goals) for key, rows_of in GOAL_EVIDENCE.items()},
        contributions=contributions(),
        regions=dict(Party.objects.values_list("iso2", "region")),
        conclusions=conclusion_texts(),
    )
    SnapshotFigure.objects.bulk_create(
        SnapshotFigure(
            snapshot=snapshot, cycle=number, region=region, code=code, figure=result.to_json()
        )
        for (number, region, code), result in evidence.figures.items()
    )
    record(user, "snapshot.taken", snapshot, cycle=cycle, as_of=str(day))
    return snapshot


def generate_document(
    evidence: Evidence, *, kind: str, language: str, fmt: str, user: Any, remake: bool = False
) -> StoredDocument:
    """The document for (evidence, kind, language, format), made once and stored: an existing
    one is returned as it is unless ``remake`` (never a published one)."""
    require_secretariat(user)
    check_document_kind(kind, evidence.cycle)
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
                "created_by": person(user),
            },
        )
        record(user, "document.generated", document, size=len(content))
    return document


@transaction.atomic
def publish_document(document: StoredDocument, *, user: Any) -> StoredDocument:
    """Make the document downloadable by anyone; from then on it never changes."""
    require_secretariat(user)
    if document.published_at is None:
        document.published_at = timezone.now()
        document.save(update_fields=["published_at"])
        record(user, "document.published", document)
    return document


@transaction.atomic
def set_conclusion(kind: str, part: str, text: str, *, user: Any) -> Conclusion | None:
    """Enter (or, with an empty text, remove) a part of the evaluation's conclusions."""
    require_secretariat(user)
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
