from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cpbtracker.lib.content import content_key, localized_with_language
from cpbtracker.plan.models import (
    CapacityActivity,
    CapacityArea,
    Goal,
    Indicator,
    NarrativeSection,
    Objective,
)


@extend_schema_field(
    {
        "type": "object",
        "description": "The text in the reader's language (?lang=, preference, cookie, "
        "Accept-Language), else English, else any: `fallback` is true when it is not in the "
        "reader's language; `status` is source (Chinese), official or translation.",
        "properties": {
            "text": {"type": "string"},
            "language": {"type": "string"},
            "status": {"type": "string"},
            "fallback": {"type": "boolean"},
        },
    }
)
class LocalizedTextField(serializers.Field):
    """A content dict shown in the reader's language, with its language and status."""

    def __init__(self, *, statuses: str, **kwargs: Any):
        self.statuses = statuses
        super().__init__(read_only=True, source="*", **kwargs)

    def to_representation(self, instance: Any) -> dict[str, Any]:
        text, language = localized_with_language(getattr(instance, self.text_field))
        return {
            "text": text,
            "language": language,
            "status": getattr(instance, self.statuses).get(language, ""),
            "fallback": language != content_key(),
        }

    def bind(self, field_name: str, parent: Any) -> None:
        # "title_shown" shows "title"
        self.text_field = field_name.removesuffix("_shown")
        super().bind(field_name, parent)


ITEM_FIELDS = ["code", "text", "statuses", "english", "text_shown"]


class ItemSerializer(serializers.ModelSerializer):
    text_shown = LocalizedTextField(statuses="statuses")


class ObjectiveSerializer(ItemSerializer):
    class Meta:
        model = Objective
        fields = ITEM_FIELDS


class CapacityAreaSerializer(ItemSerializer):
    class Meta:
        model = CapacityArea
        fields = ITEM_FIELDS


class CapacityActivitySerializer(ItemSerializer):
    class Meta:
        model = CapacityActivity
        fields = ITEM_FIELDS


class IndicatorSerializer(ItemSerializer):
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
    title_shown = LocalizedTextField(statuses="statuses")
    outcome_shown = LocalizedTextField(statuses="outcome_statuses")

    class Meta:
        model = Goal
        fields = [
            "code",
            "area",
            "title",
            "statuses",
            "english",
            "title_shown",
            "objectives",
            "indicators",
            "outcome",
            "outcome_statuses",
            "outcome_english",
            "outcome_shown",
            "capacity_set",
            "capacity_areas",
            "capacity_activities",
        ]


class NarrativeSectionSerializer(serializers.ModelSerializer):
    title_shown = LocalizedTextField(statuses="statuses")
    text_shown = LocalizedTextField(statuses="statuses")

    class Meta:
        model = NarrativeSection
        fields = ["code", "title", "text", "paragraphs", "statuses", "title_shown", "text_shown"]
