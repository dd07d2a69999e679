"""Where the plan stands: every indicator's, objective's and goal's progress status from the
evidence (the JSON contract of ``cpbtracker evaluation progress``)."""

from __future__ import annotations

from typing import TypedDict

from cpbtracker.evaluation.evidence import Evidence
from cpbtracker.evaluation.progress import Inputs, Progress, aggregate, classify
from cpbtracker.plan.models import Goal


class IndicatorProgress(TypedDict):
    code: str
    value: float | None
    baseline: float | None
    target: float | None
    target_year: int | None
    direction: str
    status: str
    score: float | None


class GroupProgress(TypedDict):
    code: str
    status: str
    score: float | None
    available: int


class Assessment(TypedDict):
    cycle: int
    indicators: list[IndicatorProgress]
    objectives: list[GroupProgress]
    goals: list[GroupProgress]


def assess(evidence: Evidence, region: str = "") -> Assessment:
    """Statuses for all Parties or one region. The plan links indicators to goals, not to
    objectives, so each objective is assessed on its goal's indicators."""
    indicators: dict[str, IndicatorProgress] = {}
    base_year = evidence.years.get(evidence.base_cycle) if evidence.base_cycle else None
    for code, target in evidence.targets.items():
        figure = evidence.figure(code, region)
        value = figure["value"] if figure else None
        baseline = figure["baseline_value"] if figure else None
        progress = classify(
            Inputs(
                baseline=baseline,
                value=value,
                base_year=base_year or evidence.years[evidence.cycle],
                year=evidence.years[evidence.cycle],
                target=target["target"],
                target_year=target["target_year"],
                direction=target["direction"],
            )
        )
        indicators[code] = IndicatorProgress(
            code=code,
            value=value,
            baseline=baseline,
            target=target["target"],
            target_year=target["target_year"],
            direction=target["direction"],
            status=progress.status,
            score=progress.score,
        )
    objectives: list[GroupProgress] = []
    goals: list[GroupProgress] = []
    for goal in Goal.objects.prefetch_related("indicators", "objectives"):
        parts = [
            Progress(indicators[i.code]["status"], indicators[i.code]["score"])
            for i in goal.indicators.all()
        ]
        summary = aggregate(parts)
        row = GroupProgress(
            code=goal.code,
            status=summary.status,
            score=summary.score,
            available=summary.available,
        )
        goals.append(row)
        objectives.extend({**row, "code": o.code} for o in goal.objectives.all())
    return Assessment(
        cycle=evidence.cycle,
        indicators=list(indicators.values()),
        objectives=objectives,
        goals=goals,
    )
