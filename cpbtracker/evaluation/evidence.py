"""The evidence an evaluation reads: every indicator figure for every cycle up to the evaluated
one, all Parties and each UN regional group, with the targets in force. Live evidence is
computed from the database now; a snapshot's is read back as it was frozen, with everything
else its documents show (statuses, plan structure, methods, capacity-building and
clearing-house evidence, contributions, the Parties' regional groups, the conclusions): a
``None`` below means "read it live"."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, TypedDict

from cpbtracker.evaluation.models import Snapshot
from cpbtracker.evaluation.targets import TargetInForce, targets_in_force
from cpbtracker.indicators.engine.compute import Result
from cpbtracker.indicators.engine.methods import packaged_methods
from cpbtracker.indicators.results import baseline_cycle, evaluate_cycle, with_baseline
from cpbtracker.indicators.store import methods_version, stored_sets
from cpbtracker.parties.models import Region
from cpbtracker.plan.content import packaged_plan, plan_version
from cpbtracker.reporting.models import NationalReport, ReportingCycle, ReportVersion
from cpbtracker.reporting.queries import published_versions

REGIONS = ("", *Region.values)  # "" = all Parties


class ObjectiveLinks(TypedDict):
    code: str
    indicators: list[str]


class GoalLinks(TypedDict):
    """A goal's structure as assessed: its indicators, and each objective's own ones."""

    code: str
    indicators: list[str]
    objectives: list[ObjectiveLinks]


class MethodText(TypedDict):
    """What a document's annexes say of an indicator's method."""

    source: str
    questions: list[str]
    description: dict[str, str]
    proxy: dict[str, str]  # what the number stands in for (A.4(a)), else empty
    from_parts: bool  # assessed from its parts (A.2(c))


def method_texts() -> dict[str, MethodText]:
    """Each indicator's method as the methods file describes it now."""
    return {
        m.code: MethodText(
            source=m.source,
            questions=list(m.questions),
            description=dict(m.description),
            proxy=dict(m.proxy_label),
            from_parts=m.assessed_from_parts,
        )
        for m in packaged_methods()
    }


def plan_links() -> list[GoalLinks]:
    """The plan data's goals, objectives and indicator -> objective links."""
    return [
        GoalLinks(
            code=goal.code,
            indicators=[i.code for i in goal.indicators],
            objectives=[
                ObjectiveLinks(code=o.code, indicators=goal.indicators_of(o.code))
                for o in goal.objectives
            ],
        )
        for goal in packaged_plan().goals
    ]


@dataclass
class Evidence:
    cycle: int  # the evaluated cycle
    years: dict[int, int]  # cycle -> year of its deadline
    base_cycle: int | None
    figures: dict[tuple[int, str, str], Result]  # (cycle, region, code)
    targets: dict[str, TargetInForce]
    label: str = ""  # the snapshot's label; "" = live data
    as_of: dt.date | None = None
    demo: bool = False
    versions: dict[str, str] = field(default_factory=dict)  # "KE/5" -> version identifier
    methods_version: str = ""
    plan: list[GoalLinks] = field(default_factory=plan_links)
    plan_version: str = field(default_factory=plan_version)
    methods: dict[str, MethodText] = field(default_factory=method_texts)
    # frozen in a snapshot, else None (read live): statuses by region ("" = all Parties),
    # other evidence by kind and goal, contributions by kind and goal
    progress: dict[str, Any] | None = None
    goal_evidence: dict[str, dict[str, list[Any]]] | None = None
    contributions: dict[str, dict[str, list[Any]]] | None = None
    regions: dict[str, str] | None = None  # Party -> UN regional group ("" = none)
    conclusions: dict[str, dict[str, str]] | None = None  # kind -> part -> text

    @property
    def cycles(self) -> list[int]:
        return sorted(self.years)

    def figure(self, code: str, region: str = "", cycle: int | None = None) -> Result | None:
        return self.figures.get((self.cycle if cycle is None else cycle, region, code))


def version_id(version: ReportVersion) -> str:
    """How a report version is named in provenance: version number, submission day, BCH id."""
    name = f"v{version.number} {version.submitted_at:%Y-%m-%d}"
    return f"{name} {version.report.bch_identifier}" if version.report.bch_identifier else name


def live_evidence(cycle: ReportingCycle, *, as_of: dt.date | None = None) -> Evidence:
    """The evidence from the database now: the stored results, or, with ``as_of``, computed
    from the reports submitted on or before that day."""
    cycles = list(ReportingCycle.objects.filter(number__lte=cycle.number).order_by("number"))
    base = baseline_cycle()
    figures = {
        (number, region, result.code): result
        for (number, region), results in _results(cycles, base, as_of).items()
        for result in results
    }
    versions: dict[str, str] = {}
    for c in cycles:
        for version in published_versions(c, as_of=as_of):
            versions[f"{version.report.party.iso2}/{c.number}"] = version_id(version)
    return Evidence(
        cycle=cycle.number,
        years={c.number: c.deadline.year for c in cycles},
        base_cycle=base.number if base else None,
        figures=figures,
        targets=targets_in_force(),
        as_of=as_of,
        demo=NationalReport.objects.filter(cycle__in=cycles, is_demo=True).exists(),
        versions=versions,
        methods_version=methods_version(),
    )


def _results(
    cycles: list[ReportingCycle], base: ReportingCycle | None, as_of: dt.date | None
) -> dict[tuple[int, str], list[Result]]:
    """(cycle, region) -> every indicator's result with its baseline."""
    if as_of is None:
        stored = stored_sets(cycles, [(region, False) for region in REGIONS])
        return {(number, region): results for (number, region, _b), results in stored.items()}
    evaluated = {c.number: evaluate_cycle(c, as_of=as_of) for c in cycles}
    base_results = evaluated.get(base.number) if base else None
    return {
        (number, region): with_baseline(results, base_results, region)
        for number, results in evaluated.items()
        for region in REGIONS
    }


def snapshot_evidence(snapshot: Snapshot) -> Evidence:
    """The evidence exactly as frozen in the snapshot."""
    figures = {
        (cycle, region, code): Result.from_json(figure)
        for cycle, region, code, figure in snapshot.figures.values_list(
            "cycle", "region", "code", "figure"
        )
    }
    frozen: dict[str, Any] = {}
    if snapshot.plan is not None:  # taken once snapshots froze all a document shows
        frozen = {
            "plan": snapshot.plan,
            "plan_version": snapshot.plan_version,
            "methods": snapshot.methods,
            "progress": {"": snapshot.progress, **(snapshot.regional_progress or {})},
            "goal_evidence": snapshot.goal_evidence,
            "contributions": snapshot.contributions,
        }
    if snapshot.regions is not None:  # taken once snapshots froze regions and conclusions
        frozen |= {"regions": snapshot.regions, "conclusions": snapshot.conclusions}
    return Evidence(
        cycle=snapshot.cycle,
        years={int(c): y for c, y in snapshot.years.items()},
        base_cycle=snapshot.base_cycle,
        figures=figures,
        targets=snapshot.targets,
        label=snapshot.label,
        as_of=snapshot.as_of,
        demo=snapshot.demo,
        versions=snapshot.versions,
        methods_version=snapshot.methods_version,
        **frozen,
    )
