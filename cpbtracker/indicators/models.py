"""Figures the Secretariat enters by hand for indicators measured outside national reports
(e.g. GEF funding, Compliance Committee findings), each with its source, date and author."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from cpbtracker.plan.models import Indicator
from cpbtracker.reporting.models import ReportingCycle


class ManualValue(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="manual")
    cycle = models.ForeignKey(ReportingCycle, on_delete=models.CASCADE, related_name="+")
    value = models.FloatField(help_text="Percentage (or count, for count indicators).")
    source = models.TextField(help_text="Where the figure comes from.")
    as_of = models.DateField(null=True, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    entered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["indicator", "cycle", "-entered_at"]

    def __str__(self) -> str:
        return f"{self.indicator.code} cycle {self.cycle.number}: {self.value}"
