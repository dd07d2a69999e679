"""Where the plan stands, shaped for reading: goals with their status, objectives and
indicators (figure, change since the baseline, series across cycles, target). The dashboard and
the evaluation document both read it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from cpbtracker.evaluation import progress as p
from cpbtracker.evaluation.assessment import GroupProgress, IndicatorProgress, assess
from cpbtracker.evaluation.evidence import Evidence
from cpbtracker.evaluation.figures import Figure, change
from cpbtracker.evaluation.targets import TargetInForce
from cpbtracker.plan.models import Goal, Indicator, Objective

# Each status is told by text and an icon as well as its colour (never colour alone).
STATUS_LABELS = {
    p.TARGET_ACHIEVED: _("Target achieved"),
    p.SUBSTANTIAL: _("Substantial progress"),
    p.MODERATE: _("Moderate progress"),
    p.LIMITED: _("Limited progress"),
    p.DETERIORATION: _("Deterioration"),
    p.NOT_AVAILABLE: _("Not available"),
}
STATUS_ICONS = {
    p.TARGET_ACHIEVED: "✔",
    p.SUBSTANTIAL: "▲",
    p.MODERATE: "◢",
    p.LIMITED: "▶",
    p.DETERIORATION: "▼",
    p.NOT_AVAILABLE: "?",
}


@dataclass(frozen=True)
class Status:
    key: str
    score: float | None = None

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self.key])

    @property
    def icon(self) -> str:
        return STATUS_ICONS[self.key]


@dataclass(frozen=True)
class IndicatorView:
    indicator: Indicator
    status: Status
    figure: Figure | None
    change: float | None
    target: TargetInForce
    series: list[tuple[int, int, float | None]]  # (cycle, year, value)
    regions: list[tuple[str, Figure | None]]  # (group's name, its figure) per UN regional group

    @property
    def in_percent(self) -> bool:
        return self.figure is not None and self.figure["unit"] == "percent"


@dataclass(frozen=True)
class GoalView:
    goal: Goal
    status: Status
    available: int
    objectives: list[tuple[Objective, Status]]
    indicators: list[IndicatorView]


@dataclass(frozen=True)
class Overview:
    evidence: Evidence
    region: str
    goals: list[GoalView]
    counts: list[tuple[Status, int]]  # indicators by status, every status listed


def _status(row: IndicatorProgress | GroupProgress) -> Status:
    return Status(row["status"], row["score"])


def build_overview(
    evidence: Evidence, region: str = "", *, regions: Sequence[tuple[str, str]] = ()
) -> Overview:
    """The overview for all Parties or one region; ``regions``: (code, name) of the groups
    to tabulate under each indicator."""
    assessment = assess(evidence, region)
    indicators = {row["code"]: row for row in assessment["indicators"]}
    objectives = {row["code"]: row for row in assessment["objectives"]}
    goals = {row["code"]: row for row in assessment["goals"]}
    views = []
    for goal in Goal.objects.select_related("area").prefetch_related("objectives", "indicators"):
        views.append(
            GoalView(
                goal=goal,
                status=_status(goals[goal.code]),
                available=goals[goal.code]["available"],
                objectives=[(o, _status(objectives[o.code])) for o in goal.objectives.all()],
                indicators=[
                    _indicator_view(evidence, i, indicators[i.code], region, regions)
                    for i in goal.indicators.all()
                ],
            )
        )
    counted = Counter(row["status"] for row in assessment["indicators"])
    return Overview(
        evidence=evidence,
        region=region,
        goals=views,
        counts=[(Status(key), counted.get(key, 0)) for key in p.STATUSES],
    )


def _indicator_view(
    evidence: Evidence,
    indicator: Indicator,
    row: IndicatorProgress,
    region: str,
    regions: Sequence[tuple[str, str]],
) -> IndicatorView:
    figure = evidence.figure(indicator.code, region)
    series = []
    for cycle in evidence.cycles:
        at = evidence.figure(indicator.code, region, cycle)
        series.append((cycle, evidence.years[cycle], at["value"] if at else None))
    return IndicatorView(
        indicator=indicator,
        status=_status(row),
        figure=figure,
        change=change(figure) if figure else None,
        target=evidence.targets[indicator.code],
        series=series,
        regions=[(name, evidence.figure(indicator.code, code)) for code, name in regions],
    )
