"""``{% plan_document as doc %}``: where the plan text comes from (symbol, date, status)."""

from __future__ import annotations

from typing import Any

from django import template

from cpbtracker.plan.content import packaged_plan

register = template.Library()


@register.simple_tag
def plan_document() -> dict[str, Any]:
    return packaged_plan().document
