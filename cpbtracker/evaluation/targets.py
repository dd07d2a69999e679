"""Each indicator's target in force: the Secretariat's, or the default for percentages."""

from __future__ import annotations

from typing import TypedDict

from cpbtracker.evaluation.models import Direction, Target
from cpbtracker.indicators.engine.methods import packaged_methods

DEFAULT_PERCENT_TARGET = (100.0, 2030)  # "percentage of Parties": all Parties by 2030


class TargetInForce(TypedDict):
    target: float | None
    target_year: int | None
    direction: str
    milestones: list[dict[str, float]]


def targets_in_force() -> dict[str, TargetInForce]:
    """By indicator code: the stored target, else 100 by 2030 for percentages, else none."""
    stored = {t.indicator.code: t for t in Target.objects.select_related("indicator")}
    targets: dict[str, TargetInForce] = {}
    for method in packaged_methods():
        row = stored.get(method.code)
        if row is not None:
            targets[method.code] = TargetInForce(
                target=row.value,
                target_year=row.year,
                direction=row.direction,
                milestones=list(row.milestones),
            )
        elif method.unit == "percent":
            value, year = DEFAULT_PERCENT_TARGET
            targets[method.code] = TargetInForce(
                target=value, target_year=year, direction=Direction.POSITIVE, milestones=[]
            )
        else:
            targets[method.code] = TargetInForce(
                target=None, target_year=None, direction=Direction.POSITIVE, milestones=[]
            )
    return targets
