"""Each indicator's target in force: only the one the Secretariat set, never a default.

The plan sets no numeric target (paras. 24-25 leave milestones to the meeting of the Parties),
so an indicator without a stored target is assessed by the no-target rule of ``progress``. A
target with a decision reference is *adopted*; without one it is *indicative (not adopted)*.
"""

from __future__ import annotations

from typing import TypedDict

from cpbtracker.evaluation.models import Direction, Target
from cpbtracker.indicators.engine.methods import packaged_methods

ADOPTED = "adopted"
INDICATIVE = "indicative"


class TargetInForce(TypedDict):
    target: float | None
    target_year: int | None
    direction: str
    milestones: list[dict[str, float]]
    decision: str | None  # the decision that adopted it (e.g. "CP-11/5, para. 3"), or None


def target_status(target: TargetInForce) -> str | None:
    """``adopted`` (a decision is cited), ``indicative`` (none is) or None (no target)."""
    if target["target"] is None:
        return None
    return ADOPTED if target.get("decision") else INDICATIVE


def targets_in_force() -> dict[str, TargetInForce]:
    """By indicator code: the stored target, else no target."""
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
                decision=row.decision or None,
            )
        else:
            targets[method.code] = TargetInForce(
                target=None,
                target_year=None,
                direction=Direction.POSITIVE,
                milestones=[],
                decision=None,
            )
    return targets
