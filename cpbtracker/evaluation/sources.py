"""Evidence from the rest of the product, per goal, for the evaluation document: rows of
(label, value). Each kind is one function listed in ``GOAL_EVIDENCE``, given every goal of the
document at once (so that each reads its data once) and returning the rows by goal code: the
capacity-building initiatives, budgets and coverage of reported needs per key area, and the
clearing-house record counts that bear on each goal; and, under ``PLAN_WIDE``, the
Capacity-Building Action Plan as a whole (key "": the plan, not a goal), so that a snapshot
freezes it with the rest. The Action Plan's tables (``PLAN_ITEMS``, ``ORGANIZATIONS``,
``NEEDS``) are kept as codes, numbers and multilingual texts rather than words, so that a
snapshot's document words them in its own language."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from itertools import chain
from typing import Any, TypedDict

from django.db.models import Count
from django.utils.translation import gettext as _

from cpbtracker.capacity.areas import report_areas
from cpbtracker.capacity.initiatives import Initiative, budget_of, read_initiative, unique_budget
from cpbtracker.capacity.models import InitiativeTags
from cpbtracker.capacity.queries import (
    KeyAreaCoverage,
    gap_report,
    initiative_documents,
    key_area_coverage,
    latest_needs_cycle,
)
from cpbtracker.evaluation.models import Conclusion, Contribution, Kind
from cpbtracker.lib.content import localized
from cpbtracker.lib.formats import whole_amount
from cpbtracker.plan.models import CapacityActivity, CapacityArea, Goal
from cpbtracker.records.documents import title_of
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
    ) % {"n": len(tagged), "budget": whole_amount(unique_budget(budgets, tagged))}


def _coverage_row(area: KeyAreaCoverage, budgets: dict[str, Decimal | None]) -> tuple[str, str]:
    total = unique_budget(budgets, area.initiatives)
    facts = _("%(n)s initiatives tagged (budget USD %(budget)s)") % {
        "n": len(area.initiatives),
        "budget": whole_amount(total),
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
        organization
        for identifier, doc, _demo in documents
        for role in ORGANIZATION_ROLES.values()
        for organization in role(read_initiative(identifier, doc))
    }
    return {
        "": [
            (_("Capacity-building initiatives"), str(len(budgets))),
            (
                _("Their budget, each initiative counted once"),
                "USD " + whole_amount(unique_budget(budgets, budgets)),
            ),
            (_("Donors and partners named"), str(len(donors))),
        ]
    }


class PlanItemUse(TypedDict):
    """A key capacity-building area or example activity of the plan and the initiatives tagged
    to it; ``kind`` "all" is the total, every initiative tagged to any of them counted once."""

    kind: str  # "key_area", "activity" or "all"
    code: str
    text: dict[str, str]
    initiatives: int
    budget: str  # USD, whole dollars: each of its initiatives' budgets counted once


def plan_items_evidence(goals: Sequence[Goal]) -> dict[str, list[PlanItemUse]]:
    """Per key area and example activity of the goals' capacity-building sets (a set shared by
    several goals once, in the plan's order), under "": the initiatives tagged to it and their
    budget, as the key areas of :func:`capacity_evidence` count them (not additive across
    rows); then the total, each initiative once."""
    budgets = {identifier: budget_of(doc) for identifier, doc, _demo in initiative_documents()}
    tagged: dict[str, set[str]] = {}
    for identifier, key_areas, activities in InitiativeTags.objects.values_list(
        "record__identifier", "key_areas", "activities"
    ):
        for code in [*key_areas, *activities]:
            tagged.setdefault(code, set()).add(identifier)
    sets = list(dict.fromkeys(goal.capacity_set_id for goal in goals))
    items: list[tuple[int, str, CapacityArea | CapacityActivity]] = [
        *(
            (a.capacity_set_id, "key_area", a)
            for a in CapacityArea.objects.filter(capacity_set__in=sets)
        ),
        *(
            (a.capacity_set_id, "activity", a)
            for a in CapacityActivity.objects.filter(capacity_set__in=sets)
        ),
    ]
    # the plan's order: set by set, its key areas, then its activities
    items.sort(key=lambda row: (sets.index(row[0]), row[1] != "key_area", row[2].position))
    rows = [
        PlanItemUse(
            kind=kind,
            code=item.code,
            text=dict(item.text),
            initiatives=len(tagged.get(item.code, ())),
            budget=f"{unique_budget(budgets, tagged.get(item.code, ())):.0f}",
        )
        for _set, kind, item in items
    ]
    every = set().union(*(tagged.get(item.code, set()) for _set, _kind, item in items))
    total = f"{unique_budget(budgets, every):.0f}"
    return {
        "": [*rows, PlanItemUse(kind="all", code="", text={}, initiatives=len(every), budget=total)]
    }


# The organizations behind an initiative, by role: who funds it, who carries it out with whom.
ORGANIZATION_ROLES: dict[str, Callable[[Initiative], tuple[str, ...]]] = {
    "funder": lambda i: (*i.funders, *i.co_financing),
    "partner": lambda i: (*i.implementing, *i.executing, *i.partners),
}
TOP_ORGANIZATIONS = 10  # per role; the others are one row


class OrganizationUse(TypedDict):
    """An organization and the initiatives naming it in a role, each counted once; with
    ``others`` > 0, the row of the organizations beyond the top ones (``name`` empty)."""

    role: str  # an ORGANIZATION_ROLES key
    identifier: str
    name: dict[str, str]  # by language, as the organization's record names it
    initiatives: int
    others: int


def organizations_evidence(goals: Sequence[Goal]) -> dict[str, list[OrganizationUse]]:
    """Under "": per role, the organizations the initiatives name most (ties by identifier),
    then one row for all others: the initiatives naming any of them, each counted once."""
    named: dict[str, dict[str, set[str]]] = {role: {} for role in ORGANIZATION_ROLES}
    for identifier, doc, _demo in initiative_documents():
        initiative = read_initiative(identifier, doc)
        for role, of in ORGANIZATION_ROLES.items():
            for organization in of(initiative):
                named[role].setdefault(organization, set()).add(identifier)
    names = {
        identifier: title_of(document)
        for identifier, document in Record.objects.filter(
            identifier__in={o for by in named.values() for o in by}, current__isnull=False
        ).values_list("identifier", "current__document")
    }
    rows: list[OrganizationUse] = []
    for role, by in named.items():
        ranked = sorted(by, key=lambda o: (-len(by[o]), o))
        top, rest = ranked[:TOP_ORGANIZATIONS], ranked[TOP_ORGANIZATIONS:]
        rows += [
            OrganizationUse(
                role=role, identifier=o, name=names.get(o, {}), initiatives=len(by[o]), others=0
            )
            for o in top
        ]
        if rest:
            rows.append(
                OrganizationUse(
                    role=role,
                    identifier="",
                    name={},
                    initiatives=len(set().union(*(by[o] for o in rest))),
                    others=len(rest),
                )
            )
    return {"": rows}


class NeedsCovered(TypedDict):
    """Reported needs (a Party and an area it needs) in the latest 5th-report cycle, those an
    initiative covers, and the key areas no area of the report maps to."""

    cycle: int | None
    needs: int
    covered: int
    unmapped: list[str]


def needs_evidence(goals: Sequence[Goal]) -> dict[str, list[NeedsCovered]]:
    """Under "": the needs Parties report and how many an initiative covers (nationally,
    regionally or globally), and the goals' key areas no report can show a need for."""
    cycle = latest_needs_cycle()
    gaps = gap_report(cycle).gaps if cycle else []
    mapped = {k for area in report_areas() for k in area.key_areas}
    sets = {goal.capacity_set_id for goal in goals}
    unmapped = CapacityArea.objects.filter(capacity_set__in=sets).exclude(code__in=mapped)
    return {
        "": [
            NeedsCovered(
                cycle=cycle.number if cycle else None,
                needs=sum(len(g.need) for g in gaps),
                covered=sum(len(g.covered) for g in gaps),
                unmapped=list(
                    unmapped.order_by("capacity_set__code", "position").values_list(
                        "code", flat=True
                    )
                ),
            )
        ]
    }


PLAN_WIDE = "plan-capacity"
PLAN_ITEMS, ORGANIZATIONS, NEEDS = "capacity-items", "capacity-organizations", "capacity-needs"
GOAL_EVIDENCE: dict[str, Callable[[Sequence[Goal]], dict[str, list[Any]]]] = {
    "capacity": capacity_evidence,
    "records": records_evidence,
    PLAN_WIDE: plan_capacity_evidence,
    PLAN_ITEMS: plan_items_evidence,
    ORGANIZATIONS: organizations_evidence,
    NEEDS: needs_evidence,
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
