"""The plan tags of capacity-building initiatives: what the clearing-house record lacks.

An initiative is a ``capacityBuildingInitiative`` clearing-house record (one storage, in the
records app); this model only adds, per record, where it sits in the plan (goals, objectives,
key capacity-building areas, activities), at which level it is delivered, by whom and for whom
(plan paras. 17-20).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cpbtracker.records.models import Record

INITIATIVE_SCHEMA = "capacityBuildingInitiative"


class Level(models.TextChoices):
    """Plan para. 17."""

    NATIONAL = "national", _("national")
    SUBREGIONAL = "subregional", _("subregional")
    REGIONAL = "regional", _("regional")
    GLOBAL = "global", _("global")


class ProviderType(models.TextChoices):
    """Plan para. 18."""

    GOVERNMENT = "government", _("government")
    RESEARCH = "research", _("research or academic body")
    NGO = "ngo", _("non-governmental organization")
    PRIVATE = "private", _("private sector")
    SECRETARIAT = "secretariat", _("Secretariat")
    OTHER = "other", _("other")


class Audience(models.TextChoices):
    """Plan paras. 19-20."""

    POLICY_MAKERS = "policy-makers", _("policy-makers")
    ADMINISTRATORS = "administrators", _("administrators")
    RISK_ASSESSORS = "risk-assessors", _("risk assessors")
    LABORATORY = "laboratory", _("laboratory technicians")
    CUSTOMS = "customs", _("customs and border officers")
    OTHER = "other", _("others")


class InitiativeTags(models.Model):
    record = models.OneToOneField(
        Record, on_delete=models.CASCADE, related_name="capacity_tags", primary_key=True
    )
    goals = models.JSONField(default=list, blank=True, help_text='Goal codes, e.g. ["A.5"].')
    objectives = models.JSONField(default=list, blank=True, help_text='e.g. ["A.5.1"].')
    key_areas = models.JSONField(default=list, blank=True, help_text='e.g. ["A.5/(1)"].')
    activities = models.JSONField(default=list, blank=True, help_text='e.g. ["A.5/(i)"].')
    level = models.CharField(max_length=12, choices=Level.choices, blank=True)
    provider_types = models.JSONField(default=list, blank=True)
    audiences = models.JSONField(default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name_plural = "initiative tags"

    def __str__(self) -> str:
        return f"tags of {self.record_id}"
