"""Where the plan stands, shaped for reading: goals with their status, objectives and
indicators (figure, change since the baseline, series across cycles, target). The dashboard and
the evaluation document both read it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from cpbtracker.evaluation import progress as p
from cpbtracker.evaluation.assessment import (
    GoalProgress,
    IndicatorProgress,
    ObjectiveProgress,
    PartProgress,
    assess,
)
from cpbtracker.evaluation.evidence import Evidence
from cpbtracker.evaluation.targets import ADOPTED, INDICATIVE, TargetInForce
from cpbtracker.indicators.engine.compute import Result
from cpbtracker.lib.content import localized
from cpbtracker.plan.models import Goal, Indicator, Objective

# Each status is told by text and an icon as well as its colour (never colour alone).
STATUS_LABELS = {
    p.TARGET_ACHIEVED: _("Target achieved"),
    p.SUBSTANTIAL: _("Substantial progress"),
    p.MODERATE: _("Moderate progress"),
    p.LIMITED: _("Limited progress"),
    p.DETERIORATION: _("Deterioration"),
    p.INSUFFICIENT: _("Insufficient data"),
    p.NOT_AVAILABLE: _("Not available"),
}
STATUS_ICONS = {
    p.TARGET_ACHIEVED: "✔",
    p.SUBSTANTIAL: "▲",
    p.MODERATE: "◢",
    p.LIMITED: "▶",
    p.DETERIORATION: "▼",
    p.INSUFFICIENT: "…",
    p.NOT_AVAILABLE: "?",
}
METHOD_LABELS = {
    p.WITH_TARGET: _("towards its target"),
    p.WITHOUT_TARGET: _("no target: growth rate since the baseline"),
}
TARGET_STATUS_LABELS = {
    ADOPTED: _("adopted"),
    INDICATIVE: _("indicative (not adopted)"),
}
# Shown wherever a score is: what the -5..+5 scale means.
SCORE_SCALE = _(
    "Score: from -5 (deterioration) to +5 (substantial progress or target achieved); 0 is the "
    "lower edge of moderate progress. An objective's or goal's score is the mean of its "
    "available indicators' scores; a goal with fewer than half of its indicators available "
    "has no score (insufficient data)."
)


@dataclass(frozen=True)
class Status:
    key: str
    score: float | None = None
    reason: str | None = None  # why not available (or insufficient), in words

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
    figure: Result | None
    change: float | None
    target: TargetInForce
    series: list[tuple[int, int, float | None]]  # (cycle, year, value)
    regions: list[tuple[str, Result | None]]  # (group's name, its figure) per UN regional group
    method: str  # with_target | without_target
    proxy: str  # what the number stands in for, in the reader's language ("" if not a proxy)
    parts: list[tuple[str, float | None, Status]]  # assessed from its parts: name, value, status

    @property
    def in_percent(self) -> bool:
        return self.figure is not None and self.figure.is_percent

    @property
    def method_label(self) -> str:
        return str(METHOD_LABELS[self.method])

    @property
    def target_label(self) -> str:
        """The target, e.g. "60 by 2030, indicative (not adopted)", or "no target"."""
        return target_label(self.target)


@dataclass(frozen=True)
class ObjectiveView:
    objective: Objective
    status: Status
    indicators: list[str]  # the codes of the indicators behind it


@dataclass(frozen=True)
class GoalView:
    goal: Goal
    status: Status
    available: int
    objectives: list[ObjectiveView]
    indicators: list[IndicatorView]
    counts: list[tuple[Status, int]]  # its indicators by status, the statuses present
    mixed: bool


@dataclass(frozen=True)
class Overview:
    evidence: Evidence
    region: str
    goals: list[GoalView]
    counts: list[tuple[Status, int]]  # indicators by status, every status listed


def target_label(target: TargetInForce) -> str:
    """The target with whether it is adopted (and by which decision), or "no target"."""
    if target["target"] is None:
        return str(_("no target"))
    shown = _("%(value)s by %(year)s") % {
        "value": f"{target['target']:g}",
        "year": target["target_year"],
    }
    if target.get("decision"):
        return _("%(target)s, adopted (%(decision)s)") % {
            "target": shown,
            "decision": target["decision"],
        }
    return _("%(target)s, %(status)s") % {
        "target": shown,
        "status": TARGET_STATUS_LABELS[INDICATIVE],
    }


def _status(row: IndicatorProgress | ObjectiveProgress | GoalProgress | PartProgress) -> Status:
    return Status(row["status"], row["score"], row["reason"])


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
                objectives=[
                    ObjectiveView(o, _status(objectives[o.code]), objectives[o.code]["indicators"])
                    for o in goal.objectives.all()
                ],
                indicators=[
                    _indicator_view(evidence, i, indicators[i.code], region, regions)
                    for i in goal.indicators.all()
                ],
                counts=[
                    (Status(key), goals[goal.code]["counts"][key])
                    for key in p.STATUSES
                    if key in goals[goal.code]["counts"]
                ],
                mixed=goals[goal.code]["mixed"],
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
    labels = {part.key: part.label for part in figure.parts} if figure else {}
    method = evidence.methods.get(indicator.code)
    series = []
    for cycle in evidence.cycles:
        at = evidence.figure(indicator.code, region, cycle)
        series.append((cycle, evidence.years[cycle], at.value if at else None))
    return IndicatorView(
        indicator=indicator,
        status=_status(row),
        figure=figure,
        change=figure.change if figure else None,
        target=evidence.targets[indicator.code],
        series=series,
        regions=[(name, evidence.figure(indicator.code, code)) for code, name in regions],
        method=row["method"],
        proxy=localized(method.get("proxy") or {}) if method else "",
        parts=[
            (localized(labels.get(part["key"], {})) or part["key"], part["value"], _status(part))
            for part in row.get("parts", [])
        ],
    )
