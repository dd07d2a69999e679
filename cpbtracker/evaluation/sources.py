"""Evidence from the rest of the product, per goal, for the evaluation document: rows of
(label, value). Each kind is one function listed in ``GOAL_EVIDENCE``, given every goal of the
document at once (so that each reads its data once) and returning the rows by goal code: the
capacity-building initiatives, budgets and coverage of reported needs per key area, and the
clearing-house record counts that bear on each goal; and, under ``PLAN_WIDE``, the
Capacity-Building Action Plan as a whole (key "": the plan, not a goal), so that a snapshot
freezes it with the rest."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from itertools import chain

from django.db.models import Count
from django.utils.translation import gettext as _

from cpbtracker.capacity.initiatives import budget_of, unique_budget
from cpbtracker.capacity.queries import (
    KeyAreaCoverage,
    initiative_documents,
    key_area_coverage,
)
from cpbtracker.evaluation.models import Conclusion, Contribution, Kind
from cpbtracker.lib.content import localized
from cpbtracker.plan.models import Goal
from cpbtracker.records.models import Record
from cpbtracker.records.schemas import record_schemas

EvidenceRows = list[tuple[str, str]]
EvidenceByGoal = dict[str, EvidenceRows]
# kind -> goal code ("" = overall) -> [(body key, text as entered)]
ContributionsByKind = dict[str, dict[str, list[tuple[str, str]]]]

# Which clearing-house records document each goal (plan appendix, read against the BCH
# record types): the framework's focal points, authorities and laws (A.1); what Parties make
# available beyond the mandatory information (A.2); decisions and risk assessments (A.5);
# LMOs, their detection methods and laboratories (A.6-A.8); capacity-building initiatives and
# the organizations and resources behind them (B.1-B.3); experts (B.4).
GOAL_RECORD_SCHEMAS: dict[str, tuple[str, ...]] = {
    "A.1": ("focalPoint", "authority", "biosafetyLaw"),
    "A.2": ("database", "biosafetyExpert", "countryProfile"),
    "A.5": ("biosafetyDecision", "nationalRiskAssessment"),
    "A.6": ("modifiedOrganism", "laboratoryDetection"),
    "A.7": ("modifiedOrganism", "laboratoryDetection"),
    "A.8": ("modifiedOrganism", "laboratoryDetection"),
    "B.1": ("capacityBuildingInitiative",),
    "B.2": ("capacityBuildingInitiative", "organization"),
    "B.3": ("organization", "resource"),
    "B.4": ("biosafetyExpert", "resource"),
}


def capacity_evidence(goals: Sequence[Goal]) -> EvidenceByGoal:
    """Per key capacity-building area of each goal: the initiatives tagged to it, their total
    budget, and the Parties whose reported needs map to it, covered or not; then the goal's
    initiatives with each budget counted once (the key areas' budgets are not additive)."""
    budgets = {identifier: budget_of(doc) for identifier, doc, _demo in initiative_documents()}
    areas = {goal.code: list(goal.capacity_set.areas.all()) for goal in goals}
    shared = {a.code: a for a in chain.from_iterable(areas.values())}  # A.6-A.8 share a set
    coverage = {area.code: area for area in key_area_coverage(shared.values())}
    return {
        code: [
            *(_coverage_row(coverage[a.code], budgets) for a in rows),
            *([_goal_total([coverage[a.code] for a in rows], budgets)] if rows else []),
        ]
        for code, rows in areas.items()
    }


def _goal_total(
    areas: list[KeyAreaCoverage], budgets: dict[str, Decimal | None]
) -> tuple[str, str]:
    tagged = {i for area in areas for i in area.initiatives}
    return _("All key areas of the goal"), _(
        "%(n)s initiatives (budget USD %(budget)s, each initiative counted once; the key "
        "areas' budgets are not additive: an initiative tagged to several counts under each)"
    ) % {"n": len(tagged), "budget": f"{unique_budget(budgets, tagged):,.0f}"}


def _coverage_row(area: KeyAreaCoverage, budgets: dict[str, Decimal | None]) -> tuple[str, str]:
    total = unique_budget(budgets, area.initiatives)
    facts = _("%(n)s initiatives tagged (budget USD %(budget)s)") % {
        "n": len(area.initiatives),
        "budget": f"{total:,.0f}",
    }
    if area.need:
        facts += "; " + _(
            "%(need)s Parties report a need here, %(uncovered)s of them not covered"
        ) % {"need": area.need, "uncovered": area.uncovered}
    return area.code, f"{localized(area.text)} — {facts}"


def records_evidence(goals: Sequence[Goal]) -> EvidenceByGoal:
    """Current clearing-house records, by type (named as the BCH names it, in the active
    language), that document each goal (one query)."""
    counts = dict(
        Record.objects.filter(current__isnull=False)
        .values_list("schema")
        .annotate(n=Count("pk"))
        .values_list("schema", "n")
    )
    schemas = record_schemas()
    return {
        goal.code: [
            (localized(schemas[schema].title), str(counts.get(schema, 0)))
            for schema in GOAL_RECORD_SCHEMAS.get(goal.code, ())
        ]
        for goal in goals
    }


def plan_capacity_evidence(goals: Sequence[Goal]) -> EvidenceByGoal:
    """The Action Plan's initiatives as a whole, each budget counted once, under "" (the plan)."""
    documents = initiative_documents()
    budgets = {identifier: budget_of(doc) for identifier, doc, _demo in documents}
    donors = {
        str(d.get("identifier", d)) if isinstance(d, dict) else str(d)
        for _i, doc, _demo in documents
        for d in doc.get("donors") or []
    }
    return {
        "": [
            (_("Capacity-building initiatives"), str(len(budgets))),
            (
                _("Their budget, each initiative counted once"),
                f"USD {unique_budget(budgets, budgets):,.0f}",
            ),
            (_("Donors and partners named"), str(len(donors))),
        ]
    }


PLAN_WIDE = "plan-capacity"
GOAL_EVIDENCE: dict[str, Callable[[Sequence[Goal]], EvidenceByGoal]] = {
    "capacity": capacity_evidence,
    "records": records_evidence,
    PLAN_WIDE: plan_capacity_evidence,
}


def contributions() -> ContributionsByKind:
    """The bodies' texts for each kind of evaluation, by goal ("" for overall conclusions)."""
    texts: ContributionsByKind = {kind: {} for kind in Kind.values}
    for c in Contribution.objects.select_related("goal").order_by("body", "pk"):
        where = c.goal.code if c.goal else ""
        texts[c.kind].setdefault(where, []).append((c.body, c.text))
    return texts


def conclusion_texts() -> dict[str, dict[str, str]]:
    """The Secretariat's conclusions as entered now: kind -> part -> text."""
    texts: dict[str, dict[str, str]] = {kind: {} for kind in Kind.values}
    for kind, part, text in Conclusion.objects.values_list("kind", "part", "text"):
        texts[kind][part] = text
    return texts
