"""The plan in the database: goals, objectives, indicators and the capacity-building action plan.

Texts are content dicts ``{"zh": ..., "en": ..., "fr": ...}``; ``statuses`` says, per language,
whether the text is the plan's source text (Chinese), its official wording or our translation.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cpbtracker.lib.content import localized


class TextStatus(models.TextChoices):
    SOURCE = "source", _("source text")
    OFFICIAL = "official", _("official text")
    TRANSLATION = "translation", _("translation")


def statuses_field() -> models.JSONField:
    return models.JSONField(
        default=dict, help_text="language -> source | official | translation of the text"
    )


class Area(models.Model):
    """A. Areas for implementation / B. Enabling environment."""

    code = models.CharField(max_length=4, unique=True)
    title = models.JSONField()
    statuses = statuses_field()

    class Meta:
        ordering = ["code"]
        verbose_name = _("area")
        verbose_name_plural = _("areas")

    def __str__(self) -> str:
        return f"{self.code}. {localized(self.title)}"


class CapacitySet(models.Model):
    """Key capacity-building areas and example activities serving one or more goals.

    Most goals have their own set; goals A.6, A.7 and A.8 share one (plan, paragraph 14).
    """

    code = models.CharField(max_length=16, unique=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("capacity-building set")
        verbose_name_plural = _("capacity-building sets")

    def __str__(self) -> str:
        return self.code


class Goal(models.Model):
    code = models.CharField(max_length=8, unique=True)
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="goals")
    position = models.PositiveSmallIntegerField()
    title = models.JSONField()
    statuses = statuses_field()
    outcome = models.JSONField()
    outcome_statuses = statuses_field()
    capacity_set = models.ForeignKey(CapacitySet, on_delete=models.PROTECT, related_name="goals")

    class Meta:
        ordering = ["position"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self) -> str:
        return f"{self.code} {localized(self.title)}"

    @property
    def is_capacity_building_goal(self) -> bool:
        """Goal B.1 covers capacity-building as a whole (plan, paragraphs 4-7)."""
        return self.code == "B.1"

    @property
    def english(self) -> str:
        return self.statuses.get("en", "")

    @property
    def outcome_english(self) -> str:
        return self.outcome_statuses.get("en", "")


class GoalItem(models.Model):
    """Common shape of the coded, ordered texts listed under a goal or capacity set."""

    code = models.CharField(max_length=24, unique=True)
    position = models.PositiveSmallIntegerField()
    text = models.JSONField()
    statuses = statuses_field()

    class Meta:
        abstract = True
        ordering = ["position"]

    def __str__(self) -> str:
        return f"{self.code} {localized(self.text)}"

    @property
    def english(self) -> str:
        return self.statuses.get("en", "")


class Objective(GoalItem):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="objectives")

    class Meta(GoalItem.Meta):
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")


class Indicator(GoalItem):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="indicators")

    class Meta(GoalItem.Meta):
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")


class CapacityArea(GoalItem):
    capacity_set = models.ForeignKey(CapacitySet, on_delete=models.CASCADE, related_name="areas")

    class Meta(GoalItem.Meta):
        verbose_name = _("key capacity-building area")
        verbose_name_plural = _("key capacity-building areas")


class CapacityActivity(GoalItem):
    capacity_set = models.ForeignKey(
        CapacitySet, on_delete=models.CASCADE, related_name="activities"
    )

    class Meta(GoalItem.Meta):
        verbose_name = _("capacity-building activity")
        verbose_name_plural = _("capacity-building activities")


class NarrativeSection(models.Model):
    """A narrative part of the plan (purpose, evaluation and review, resources, ...)."""

    code = models.SlugField(max_length=40, unique=True)
    position = models.PositiveSmallIntegerField()
    title = models.JSONField()
    text = models.JSONField()
    # the plan's paragraphs ("4-7"), or "decision:4-6" for paragraphs of the draft decision
    paragraphs = models.CharField(max_length=40, blank=True)
    statuses = statuses_field()

    class Meta:
        ordering = ["position"]
        verbose_name = _("narrative section")
        verbose_name_plural = _("narrative sections")

    @property
    def paragraphs_label(self) -> str:
        """ "paragraphs 4-7" or "decision, paragraphs 4-6", in the reader's language."""
        where, _colon, numbers = self.paragraphs.rpartition(":")
        if where == "decision":
            return gettext("decision, paragraphs %(numbers)s") % {"numbers": numbers}
        return gettext("paragraphs %(p)s") % {"p": numbers}

    def __str__(self) -> str:
        return localized(self.title)
