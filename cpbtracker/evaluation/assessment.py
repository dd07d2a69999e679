"""Where the plan stands: every indicator's, objective's and goal's progress status from the
evidence (the JSON contract of ``cpbtracker evaluation progress``)."""

from __future__ import annotations

from dataclasses import replace
from typing import NotRequired, TypedDict

from django.utils.translation import gettext_lazy as _

from cpbtracker.evaluation import progress as p
from cpbtracker.evaluation.evidence import Evidence
from cpbtracker.evaluation.targets import target_status
from cpbtracker.indicators.engine.compute import Result

# Why a status is not available (or the data insufficient), in words.
REASON_TEXTS = {
    p.NO_BASELINE: _("no baseline"),
    p.NO_VALUE: _("no value for the evaluated cycle"),
    p.BASELINE_CYCLE: _("the evaluated cycle is the baseline cycle"),
    p.ZERO_BASELINE: _("zero baseline: growth rate undefined"),
    p.NO_INDICATOR: _("no indicator of its own"),
    p.NONE_AVAILABLE: _("none of its indicators is available"),
    p.FEWER_THAN_HALF: _("fewer than half of its indicators are available"),
}


class PartProgress(TypedDict):
    key: str
    value: float | None
    baseline: float | None
    status: str
    score: float | None
    reason: str | None


class IndicatorProgress(TypedDict):
    code: str
    value: float | None
    baseline: float | None
    target: float | None
    target_year: int | None
    direction: str
    status: str
    score: float | None
    method: str  # with_target | without_target
    target_status: str | None  # adopted | indicative | None (no target)
    decision: str | None  # the decision that adopted the target
    reason: str | None  # why not available, in words
    parts: NotRequired[list[PartProgress]]  # only for an indicator assessed from its parts


class ObjectiveProgress(TypedDict):
    code: str
    status: str
    score: float | None
    available: int
    indicators: list[str]  # the indicators linked to it in the plan data
    reason: str | None


class GoalProgress(TypedDict):
    code: str
    status: str
    score: float | None
    available: int
    counts: dict[str, int]  # its indicators by status
    mixed: bool
    reason: str | None


GroupProgress = ObjectiveProgress | GoalProgress


class Assessment(TypedDict):
    cycle: int
    indicators: list[IndicatorProgress]
    objectives: list[ObjectiveProgress]
    goals: list[GoalProgress]


def reason_text(code: str | None) -> str | None:
    return None if code is None else str(REASON_TEXTS[code])


def _parts(figures: list[Result], inputs: p.Inputs) -> tuple[list[PartProgress], list[p.Progress]]:
    """Each part's status on its own series, by the no-target rule (the indicator's target is
    one number; its parts are two quantities)."""
    rows, statuses = [], []
    for part in figures:
        own = p.classify(
            replace(
                inputs,
                baseline=part.baseline_value,
                value=part.value,
                target=None,
                target_year=None,
            )
        )
        rows.append(
            PartProgress(
                key=part.key,
                value=part.value,
                baseline=part.baseline_value,
                status=own.status,
                score=own.score,
                reason=reason_text(own.reason),
            )
        )
        statuses.append(own)
    return rows, statuses


def assess(evidence: Evidence, region: str = "") -> Assessment:
    """Statuses for all Parties or one region (as frozen, for a snapshot). An objective is
    assessed on the indicators the plan data links to it, never on its goal's; a goal on all
    of its indicators."""
    if evidence.progress is not None and region in evidence.progress:
        frozen: Assessment = evidence.progress[region]
        return frozen
    indicators: dict[str, IndicatorProgress] = {}
    progress: dict[str, p.Progress] = {}
    base_year = evidence.years.get(evidence.base_cycle) if evidence.base_cycle else None
    for code, target in evidence.targets.items():
        figure = evidence.figure(code, region)
        inputs = p.Inputs(
            baseline=figure.baseline_value if figure else None,
            value=figure.value if figure else None,
            base_year=base_year or evidence.years[evidence.cycle],
            year=evidence.years[evidence.cycle],
            target=target["target"],
            target_year=target["target_year"],
            direction=target["direction"],
        )
        parts: list[PartProgress] = []
        method = evidence.methods.get(code)
        if figure and method is not None and method.get("from_parts"):
            parts, of_parts = _parts(figure.parts, inputs)
            summary = p.aggregate(of_parts)  # like a goal: half of its parts at least
            progress[code] = p.Progress(summary.status, summary.score, summary.reason)
        else:
            progress[code] = p.classify(inputs)
        indicators[code] = IndicatorProgress(
            code=code,
            value=inputs.value,
            baseline=inputs.baseline,
            target=target["target"],
            target_year=target["target_year"],
            direction=target["direction"],
            status=progress[code].status,
            score=progress[code].score,
            method=p.method_of(inputs),
            target_status=target_status(target),
            decision=target.get("decision"),
            reason=reason_text(progress[code].reason),
        )
        if parts:
            indicators[code]["parts"] = parts
    objectives: list[ObjectiveProgress] = []
    goals: list[GoalProgress] = []
    for goal in evidence.plan:
        summary = p.aggregate([progress[code] for code in goal["indicators"]])
        goals.append(
            GoalProgress(
                code=goal["code"],
                status=summary.status,
                score=summary.score,
                available=summary.available,
                counts=summary.counts,
                mixed=summary.mixed,
                reason=reason_text(summary.reason),
            )
        )
        for objective in goal["objectives"]:
            own = p.aggregate(
                [progress[code] for code in objective["indicators"]], half_needed=False
            )
            objectives.append(
                ObjectiveProgress(
                    code=objective["code"],
                    status=own.status,
                    score=own.score,
                    available=own.available,
                    indicators=list(objective["indicators"]),
                    reason=reason_text(own.reason),
                )
            )
    return Assessment(
        cycle=evidence.cycle,
        indicators=list(indicators.values()),
        objectives=objectives,
        goals=goals,
    )
