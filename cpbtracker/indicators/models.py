"""Figures the Secretariat enters by hand for indicators measured outside national reports
(e.g. GEF funding, clearing-house usage), each with its source, date or window and author,
and the Compliance Committee's case list (A.4(b))."""

from __future__ import annotations

import math

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from cpbtracker.parties.models import Party
from cpbtracker.plan.models import Indicator
from cpbtracker.reporting.models import ReportingCycle

MAX_COUNT = 100_000_000  # no manual figure (users, visits) comes near: a typing error

MAX_COUNT = 100_000_000


class ManualValue(models.Model):
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="manual"
    )
    cycle = models.ForeignKey(
        ReportingCycle,
        verbose_name=_("reporting cycle"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    measure = models.CharField(
        _("measure"),
        max_length=40,
        blank=True,
        help_text="Which figure of the indicator (e.g. A.2(c): active_users or visits).",
    )
    value = models.FloatField(
        _("value"),
        null=True,
        blank=True,
        help_text="Percentage (or count, for count indicators); computed from the numerator "
        "and denominator where the method asks for both.",
    )
    numerator = models.PositiveIntegerField(_("numerator"), null=True, blank=True)
    denominator = models.PositiveIntegerField(_("denominator"), null=True, blank=True)
    source = models.TextField(_("source"), help_text="Where the figure comes from.")
    as_of = models.DateField(_("as of"), null=True, blank=True)
    window_start = models.DateField(
        _("window start"), null=True, blank=True, help_text="Measured from this day."
    )
    window_end = models.DateField(
        _("window end"), null=True, blank=True, help_text="Measured up to this day."
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    entered_at = models.DateTimeField(_("entered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("manual value")
        verbose_name_plural = _("manual values")
        ordering = ["indicator", "cycle", "-entered_at"]

    def __str__(self) -> str:
        measure = f" {self.measure}" if self.measure else ""
        return f"{self.indicator.code}{measure} cycle {self.cycle.number}: {self.value}"

    def clean(self) -> None:
        """The figure has what its method asks for, and is plausible: nothing negative, a
        percentage within 0-100, a count a whole number below MAX_COUNT (a figure beyond these
        is a typing error, not a measurement). A fraction's value is computed."""
        # The methods' reader imports these models: a module-level import would be a cycle.
        from cpbtracker.indicators.results import manual_method, method_of

        if self.indicator_id is None:
            return
        indicator = method_of(self.indicator.code)
        if indicator.source != "manual":
            raise ValidationError(
                {
                    "indicator": _(
                        "%(code)s is computed from %(source)s data; figures are entered for "
                        "manual indicators only."
                    )
                    % {"code": indicator.code, "source": indicator.source}
                },
                code="not_manual",
            )
        method = manual_method(self.indicator.code, self.measure)
        if method is None:
            raise ValidationError({"measure": _("This indicator has no such figure.")})
        if method.figure == "fraction":
            if self.numerator is None or not self.denominator:
                raise ValidationError(
                    {"denominator": _("Give the numerator and a denominator above zero.")}
                )
            if self.numerator > self.denominator:
                raise ValidationError(
                    {"numerator": _("The numerator cannot exceed the denominator.")}
                )
            self.value = round(100 * self.numerator / self.denominator, 1)
        elif self.value is None:
            raise ValidationError({"value": _("Give the figure.")})
        else:
            self._check_plausible(method.unit)
        if method.figure == "window":
            if not self.window_start or not self.window_end:
                raise ValidationError(
                    {"window_end": _("Give the start and end of the measurement window.")}
                )
            if self.window_start > self.window_end:
                raise ValidationError({"window_end": _("The window ends before it starts.")})
        elif not self.as_of:
            raise ValidationError({"as_of": _("Give the date of the figure.")})

    def _check_plausible(self, unit: str) -> None:
        value = self.value
        if value is None:
            return
        if not math.isfinite(value) or value < 0:
            raise ValidationError({"value": _("A figure cannot be negative.")}, code="negative")
        if unit == "percent" and value > 100:
            raise ValidationError(
                {"value": _("A percentage cannot exceed 100.")}, code="over_100_percent"
            )
        if unit == "count" and (value != int(value) or value > MAX_COUNT):
            raise ValidationError(
                {"value": _("A count is a whole number below %(max)s.") % {"max": MAX_COUNT}},
                code="absurd_count",
            )


class ComplianceCase(models.Model):
    """A non-compliance issue identified by the Compliance Committee for a Party (A.4(b))."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        ACTION_PLAN = "action_plan", _("compliance action plan under way")
        ADDRESSED = "addressed", _("addressed")

    party = models.ForeignKey(
        Party, verbose_name=_("Party"), on_delete=models.PROTECT, related_name="+"
    )
    issue = models.TextField(_("issue"), help_text="The issue the Committee identified.")
    committee_decision = models.CharField(
        _("Committee decision"),
        max_length=120,
        help_text="The Committee's recommendation or decision, by symbol.",
    )
    action_plan = models.TextField(
        _("action plan"), blank=True, help_text="The compliance action plan, if any."
    )
    identified_on = models.DateField(
        _("identified on"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    addressed_on = models.DateField(
        _("addressed on"),
        null=True,
        blank=True,
        help_text="When the Committee found the issue addressed.",
    )
    source = models.TextField(
        _("source"), help_text="The Committee's report that records the case."
    )

    class Meta:
        verbose_name = _("compliance case")
        verbose_name_plural = _("compliance cases")
        ordering = ["identified_on", "party__iso2"]

    def __str__(self) -> str:
        return f"{self.party.iso2} {self.identified_on}: {self.get_status_display()}"

    def clean(self) -> None:
        addressed = self.status == self.Status.ADDRESSED
        if addressed != bool(self.addressed_on):
            raise ValidationError(
                {"addressed_on": _("Give the date exactly when the case is addressed.")}
            )
        if self.addressed_on and self.addressed_on < self.identified_on:
            raise ValidationError(
                {"addressed_on": _("A case is addressed after it is identified.")}
            )


class StoredResult(models.Model):
    """One indicator's result for a cycle and a grouping (a region, "" = all Parties; only
    the Parties that reported in both cycles or not), as the pages and the API show it,
    computed once (see ``store``). Live data, dropped by the services that change its inputs;
    the evaluation's frozen snapshots keep their own rows."""

    cycle = models.ForeignKey(ReportingCycle, on_delete=models.CASCADE, related_name="+")
    region = models.CharField(max_length=8, blank=True)
    both_cycles = models.BooleanField(default=False)
    code = models.CharField(max_length=16)
    methods_version = models.CharField(max_length=64)
    computed_at = models.DateTimeField()
    result = models.JSONField(help_text="The engine's result with its baseline and parts.")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "region", "both_cycles", "code"], name="one_stored_result"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} cycle {self.cycle_id} {self.region or 'all'}"


class StoredTally(models.Model):
    """The report analyzer's count for one question of a cycle: per answer value and region,
    the Parties that chose it, and per region how many answered (see ``store``)."""

    cycle = models.ForeignKey(ReportingCycle, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=20)
    computed_at = models.DateTimeField()
    chosen = models.JSONField()
    answered = models.JSONField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["cycle", "key"], name="one_stored_tally")]

    def __str__(self) -> str:
        return f"{self.key} cycle {self.cycle_id}"
