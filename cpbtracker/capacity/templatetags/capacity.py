"""Template helpers of the capacity pages."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import template

from cpbtracker.capacity.queries import key_area_coverage

register = template.Library()


@register.filter
def lookup(mapping: Mapping[str, Any], key: str) -> Any:
    """``{{ names|lookup:id }}``: a dict value by key (None when absent)."""
    return mapping.get(key)


@register.inclusion_tag("capacity/_goal.html")
def goal_capacity(goal: Any) -> dict[str, Any]:
    """Under a goal's key areas: the initiatives tagged to each and the reported needs of the
    5th-report areas mapped to it (latest 5th-report cycle)."""
    return {"goal": goal, "rows": key_area_coverage(goal.capacity_set.areas.all())}
