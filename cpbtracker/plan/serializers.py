from __future__ import annotations

from rest_framework import serializers

from cpbtracker.plan.models import (
    CapacityActivity,
    CapacityArea,
    Goal,
    Indicator,
    NarrativeSection,
    Objective,
)

ITEM_FIELDS = ["code", "text", "english"]


class ObjectiveSerializer(serializers.ModelSerializer):
    class Meta:
        model = Objective
        fields = ITEM_FIELDS


class CapacityAreaSerializer(serializers.ModelSerializer):
    class Meta:
        model = CapacityArea
        fields = ITEM_FIELDS


class CapacityActivitySerializer(serializers.ModelSerializer):
    class Meta:
        model = CapacityActivity
        fields = ITEM_FIELDS


class IndicatorSerializer(serializers.ModelSerializer):
    goal: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )

    class Meta:
        model = Indicator
        fields = [*ITEM_FIELDS, "goal"]


class GoalSerializer(serializers.ModelSerializer):
    area: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    capacity_set: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    objectives = ObjectiveSerializer(many=True, read_only=True)
    indicators = IndicatorSerializer(many=True, read_only=True)
    capacity_areas = CapacityAreaSerializer(source="capacity_set.areas", many=True, read_only=True)
    capacity_activities = CapacityActivitySerializer(
        source="capacity_set.activities", many=True, read_only=True
    )

    class Meta:
        model = Goal
        fields = [
            "code",
            "area",
            "title",
            "english",
            "objectives",
            "indicators",
            "outcome",
            "outcome_english",
            "capacity_set",
            "capacity_areas",
            "capacity_activities",
        ]


class NarrativeSectionSerializer(serializers.ModelSerializer):
    class Meta:
        model = NarrativeSection
        fields = ["code", "title", "text", "paragraphs"]
