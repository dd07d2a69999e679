"""Changing what an evaluation reads: targets and milestones (the Secretariat, or the CLI)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from cpbtracker.accounts.access import is_secretariat
from cpbtracker.accounts.audit import record
from cpbtracker.evaluation.models import Direction, Target
from cpbtracker.plan.models import Indicator


class EvaluationError(Exception):
    """A request that cannot be carried out; the message names the record and field."""


def _require_secretariat(user: Any) -> None:
    """``None`` is the command line, run by whoever administers the installation."""
    if user is not None and not is_secretariat(user):
        raise PermissionDenied


def _indicator(code: str) -> Indicator:
    indicator = Indicator.objects.filter(code=code).first()
    if indicator is None:
        raise EvaluationError(f"indicator {code}: no such indicator in the plan")
    return indicator


@transaction.atomic
def set_target(
    code: str, *, value: float, year: int, direction: str = Direction.POSITIVE, user: Any
) -> Target:
    """Set (or replace) the indicator's target; milestones already entered are kept."""
    _require_secretariat(user)
    indicator = _indicator(code)
    if direction not in Direction.values:
        raise EvaluationError(
            f"indicator {code}: direction must be one of {', '.join(Direction.values)}"
        )
    if not 2000 <= year <= 2100:
        raise EvaluationError(f"indicator {code}: target year {year} is not a plausible year")
    target, _ = Target.objects.update_or_create(
        indicator=indicator, defaults={"value": value, "year": year, "direction": direction}
    )
    record(user, "target.set", target, value=value, year=year, direction=direction)
    return target


@transaction.atomic
def clear_target(code: str, *, user: Any) -> None:
    """Remove the indicator's target: the default applies again (100 by 2030 for percents)."""
    _require_secretariat(user)
    indicator = _indicator(code)
    deleted, _ = Target.objects.filter(indicator=indicator).delete()
    if not deleted:
        raise EvaluationError(f"indicator {code}: has no target to clear")
    record(user, "target.cleared", indicator.code)
