"""Evidence from the rest of the product, per goal, for the evaluation document: rows of
(label, value). Each kind is one function listed in ``GOAL_EVIDENCE``; the capacity-building
and clearing-house parts of the product add their figures (initiatives, budgets, coverage of
reported needs per key area; record counts) by extending these functions."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext as _

from cpbtracker.lib.content import localized
from cpbtracker.plan.models import Goal

EvidenceRows = list[tuple[str, str]]


def capacity_evidence(goal: Goal) -> EvidenceRows:
    """The goal's key capacity-building areas; initiatives and budgets per area follow when
    capacity-building records are kept in the product."""
    return [
        (area.code, localized(area.text) + " — " + _("no capacity-building initiatives recorded"))
        for area in goal.capacity_set.areas.all()
    ]


def records_evidence(goal: Goal) -> EvidenceRows:
    """Clearing-house record counts for the goal; none are kept in the product yet."""
    return []


GOAL_EVIDENCE: dict[str, Callable[[Goal], EvidenceRows]] = {
    "capacity": capacity_evidence,
    "records": records_evidence,
}
