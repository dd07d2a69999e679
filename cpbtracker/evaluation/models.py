"""Evaluation: the Secretariat's targets and milestones per indicator."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from cpbtracker.plan.models import Indicator


class Direction(models.TextChoices):
    POSITIVE = "positive", _("higher is better")
    NEGATIVE = "negative", _("lower is better")


class Target(models.Model):
    """An indicator's target (value by a year) and milestones for intermediate years.

    Without a row, a percentage indicator aims at 100 by 2030 (see ``targets.target_for``).
    """

    indicator = models.OneToOneField(Indicator, on_delete=models.CASCADE, related_name="target")
    value = models.FloatField(help_text=_("Target value (percent, or count for counts)."))
    year = models.PositiveSmallIntegerField(help_text=_("Year by which the target is due."))
    direction = models.CharField(
        max_length=8, choices=Direction.choices, default=Direction.POSITIVE
    )
    milestones = models.JSONField(
        default=list,
        blank=True,
        help_text=_('Intermediate values, e.g. [{"year": 2026, "value": 60}].'),
    )

    class Meta:
        ordering = ["indicator__goal__position", "indicator__position"]

    def __str__(self) -> str:
        return f"{self.indicator.code}: {self.value:g} by {self.year} ({self.direction})"

    def clean(self) -> None:
        """Milestones: a list of {"year": YYYY, "value": number}."""
        for n, milestone in enumerate(self.milestones or [], start=1):
            if (
                not isinstance(milestone, dict)
                or set(milestone) != {"year", "value"}
                or not isinstance(milestone["year"], int)
                or not isinstance(milestone["value"], int | float)
            ):
                raise ValidationError(
                    {
                        "milestones": _('milestone %(n)s: write {"year": 2026, "value": 60}')
                        % {"n": n}
                    }
                )
