"""Figures the Secretariat enters by hand for indicators measured outside national reports
(e.g. GEF funding, Compliance Committee findings), each with its source, date and author."""

from __future__ import annotations

import math

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from cpbtracker.indicators.results import method_of
from cpbtracker.plan.models import Indicator
from cpbtracker.reporting.models import ReportingCycle

MAX_COUNT = 100_000_000


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

    def clean(self) -> None:
        """Only for manual indicators; a percentage within 0-100, a count a whole number below
        MAX_COUNT (a figure beyond these is a typing error, not a measurement)."""
        if self.indicator_id is None or self.value is None:
            return
        method = method_of(self.indicator.code)
        if method.source != "manual":
            raise ValidationError(
                {
                    "indicator": _(
                        "%(code)s is computed from %(source)s data; figures are entered for "
                        "manual indicators only."
                    )
                    % {"code": method.code, "source": method.source}
                },
                code="not_manual",
            )
        if not math.isfinite(self.value) or self.value < 0:
            raise ValidationError({"value": _("A figure cannot be negative.")}, code="negative")
        if method.unit == "percent" and self.value > 100:
            raise ValidationError(
                {"value": _("A percentage cannot exceed 100.")}, code="over_100_percent"
            )
        if method.unit == "count" and (self.value != int(self.value) or self.value > MAX_COUNT):
            raise ValidationError(
                {"value": _("A count is a whole number below %(max)s.") % {"max": MAX_COUNT}},
                code="absurd_count",
            )
