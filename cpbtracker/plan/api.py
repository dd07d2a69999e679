"""Read-only API for the plan."""

from __future__ import annotations

from rest_framework import viewsets

from cpbtracker.plan.models import Goal, Indicator, NarrativeSection
from cpbtracker.plan.serializers import (
    GoalSerializer,
    IndicatorSerializer,
    NarrativeSectionSerializer,
)


class GoalViewSet(viewsets.ReadOnlyModelViewSet):
    """The 14 goals with objectives, indicators, outcome and capacity-building action plan."""

    serializer_class = GoalSerializer
    lookup_field = "code"
    lookup_value_regex = "[^/]+"
    queryset = Goal.objects.select_related("area", "capacity_set").prefetch_related(
        "objectives", "indicators__goal", "capacity_set__areas", "capacity_set__activities"
    )


class IndicatorViewSet(viewsets.ReadOnlyModelViewSet):
    """The 48 indicators of the plan."""

    serializer_class = IndicatorSerializer
    lookup_field = "code"
    lookup_value_regex = "[^/]+"
    queryset = Indicator.objects.select_related("goal").order_by("goal__position", "position")


class NarrativeViewSet(viewsets.ReadOnlyModelViewSet):
    """The plan's narrative parts (purpose, evaluation and review, resources, ...)."""

    serializer_class = NarrativeSectionSerializer
    lookup_field = "code"
    queryset = NarrativeSection.objects.all()
