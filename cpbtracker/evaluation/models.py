"""Evaluation: targets and milestones per indicator, and frozen evidence (snapshots)."""

from __future__ import annotations

import math

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from cpbtracker.indicators.engine.methods import packaged_methods
from cpbtracker.plan.models import Indicator

# The values a target may take, by the indicator's unit: (lowest, highest); always finite.
TARGET_RANGES = {"percent": (0.0, 100.0), "count": (0.0, math.inf)}


def out_of_range(code: str, value: float) -> tuple[str, float, float] | None:
    """(unit, lowest, highest) when ``value`` cannot be the target of indicator ``code`` (a
    percentage 0-100, a count 0 or more, never NaN or infinite), else None."""
    unit = next((m.unit for m in packaged_methods() if m.code == code), "percent")
    low, high = TARGET_RANGES[unit]
    if math.isfinite(value) and low <= value <= high:
        return None
    return unit, low, high


class Direction(models.TextChoices):
    POSITIVE = "positive", _("higher is better")
    NEGATIVE = "negative", _("lower is better")


class Target(models.Model):
    """An indicator's target (value by a year) and milestones for intermediate years.

    Without a row the indicator has no target (the plan sets none). With ``decision`` (the
    reference of the decision of the Parties that set it) the target is adopted; without, it
    is indicative (see ``targets.target_status``).
    """

    indicator = models.OneToOneField(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="target"
    )
    value = models.FloatField(
        _("value"), help_text=_("Target value (percent, or count for counts).")
    )
    year = models.PositiveSmallIntegerField(
        _("year"), help_text=_("Year by which the target is due.")
    )
    direction = models.CharField(
        _("direction"), max_length=8, choices=Direction.choices, default=Direction.POSITIVE
    )
    milestones = models.JSONField(
        _("milestones"),
        default=list,
        blank=True,
        help_text=_('Intermediate values, e.g. [{"year": 2026, "value": 60}].'),
    )
    decision = models.CharField(
        _("decision"),
        max_length=120,
        blank=True,
        help_text=_(
            'The decision that adopted the target, e.g. "CP-11/5, para. 3"; empty: the target '
            "is indicative (not adopted)."
        ),
    )

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["indicator__goal__position", "indicator__position"]

    def __str__(self) -> str:
        return f"{self.indicator.code}: {self.value:g} by {self.year} ({self.direction})"

    def clean(self) -> None:
        """The value fits the indicator's unit; milestones: a list of {"year": YYYY, "value":
        number}, each value fitting the unit too."""
        if self.indicator_id is not None and self.value is not None:
            allowed = out_of_range(self.indicator.code, self.value)
            if allowed is not None:
                raise ValidationError({"value": range_message(*allowed)})
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
            allowed = (
                out_of_range(self.indicator.code, milestone["value"])
                if self.indicator_id is not None
                else None
            )
            if allowed is not None:
                raise ValidationError(
                    {
                        "milestones": _("milestone %(n)s: %(problem)s")
                        % {"n": n, "problem": range_message(*allowed)}
                    }
                )


def range_message(unit: str, low: float, high: float) -> str:
    """Why a target does not fit its unit, in the active language."""
    if unit == "percent":
        return _("a percentage target must be a number from %(low)g to %(high)g") % {
            "low": low,
            "high": high,
        }
    return _("a count target must be a finite number, %(low)g or more") % {"low": low}


class Snapshot(models.Model):
    """Frozen evidence for an evaluation: never changed after it is taken.

    It keeps what the figures were computed from (report versions, the methods file's version,
    the targets) and, in :class:`SnapshotFigure`, every figure, so that later imports, reopened
    reports or method edits leave it as it was.
    """

    label = models.SlugField(_("label"), max_length=60, unique=True)
    cycle = models.PositiveSmallIntegerField(
        _("reporting cycle"), help_text=_("The evaluated reporting cycle.")
    )
    as_of = models.DateField(_("as of"), help_text=_("Reports submitted on or before this day."))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    methods_version = models.CharField(_("methods version"), max_length=64)
    base_cycle = models.PositiveSmallIntegerField(null=True, blank=True)
    years = models.JSONField(help_text=_("Year of each cycle's deadline, by cycle."))
    versions = models.JSONField(help_text=_("Report versions counted, by Party/cycle."))
    targets = models.JSONField(help_text=_("Targets in force, by indicator."))
    progress = models.JSONField(help_text=_("Progress statuses (all Parties)."))
    demo = models.BooleanField(_("demo"), default=False)
    # What else a document shows, frozen with the figures (null in snapshots taken before
    # these were kept: their documents read them live).
    regional_progress = models.JSONField(
        null=True, help_text=_("Progress statuses of each regional group, by group.")
    )
    plan_version = models.CharField(_("plan data version"), max_length=64, blank=True)
    plan = models.JSONField(
        null=True, help_text=_("Goals, objectives and the indicators linked to each.")
    )
    methods = models.JSONField(null=True, help_text=_("Each indicator's method as described."))
    goal_evidence = models.JSONField(
        null=True, help_text=_("Capacity-building and clearing-house evidence, by goal.")
    )
    contributions = models.JSONField(
        null=True, help_text=_("The bodies' contributions, by kind and goal.")
    )
    # null in snapshots taken before these were kept: their documents read them live
    regions = models.JSONField(
        null=True, help_text=_("Each Party's UN regional group when the snapshot was taken.")
    )
    conclusions = models.JSONField(
        null=True, help_text=_("The Secretariat's conclusions, by kind and part.")
    )

    class Meta:
        verbose_name = _("snapshot")
        verbose_name_plural = _("snapshots")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.label


class SnapshotFigure(models.Model):
    """One indicator figure as a snapshot froze it: a cycle, a region ("" = all Parties) and
    the engine's result as JSON, the same JSON the indicators' store keeps
    (``Result.to_json``); the columns are what snapshots are queried by."""

    snapshot = models.ForeignKey(Snapshot, on_delete=models.CASCADE, related_name="figures")
    code = models.CharField(max_length=16)
    cycle = models.PositiveSmallIntegerField()
    region = models.CharField(max_length=8, blank=True)
    figure = models.JSONField(help_text="The engine's result with its baseline and parts.")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["snapshot", "cycle", "region", "code"], name="one_result_per_figure"
            )
        ]


class Body(models.TextChoices):
    # The body CP-9/6 and CP-10/7 ask to contribute to the assessment and review and the
    # evaluation (not the Liaison Group on Capacity-Building for Biosafety).
    LIAISON_GROUP = "liaison_group", _("Liaison Group on the Cartagena Protocol on Biosafety")
    COMPLIANCE_COMMITTEE = "compliance_committee", _("Compliance Committee")
    SBI = "sbi", _("Subsidiary Body on Implementation")


class Kind(models.TextChoices):
    MIDTERM = "midterm", _("mid-term evaluation")
    FINAL = "final", _("final evaluation")


class Contribution(models.Model):
    """A body's conclusions (or the SBI's findings) on one goal, or overall (no goal), for one
    evaluation, entered by the Secretariat and printed in the document as entered."""

    goal = models.ForeignKey(
        "plan.Goal",
        verbose_name=_("goal"),
        on_delete=models.CASCADE,
        related_name="contributions",
        null=True,
        blank=True,
        help_text=_("Empty: the body's overall conclusions."),
    )
    body = models.CharField(_("body"), max_length=24, choices=Body.choices)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    text = models.TextField(
        _("text"),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        ordering = ["goal__position", "body"]
        constraints = [
            models.UniqueConstraint(fields=["goal", "body", "kind"], name="one_text_per_body"),
            models.UniqueConstraint(
                fields=["body", "kind"],
                condition=models.Q(goal__isnull=True),
                name="one_overall_text_per_body",
            ),
        ]

    def __str__(self) -> str:
        where = self.goal.code if self.goal else _("overall")
        return f"{where} {self.get_body_display()} ({self.kind})"


class StoredDocument(models.Model):
    """An evaluation document as made once for its evidence (a snapshot's label or the live
    data's stamp), kind, language and format: downloads read these bytes, never remake them.

    Kept in the database rather than as files: a document travels with the backup of the
    evidence it was made from, is written in the same transaction as its audit row, and needs
    no clean-up of orphan files (the largest, a PDF, is a few megabytes)."""

    evidence = models.CharField(
        _("evidence"), max_length=80, help_text=_("The snapshot's label, or the live data's stamp.")
    )
    cycle = models.PositiveSmallIntegerField(_("reporting cycle"))
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    language = models.CharField(_("language"), max_length=8)
    format = models.CharField(_("format"), max_length=8)
    content = models.BinaryField(_("content"))
    size = models.PositiveIntegerField(_("size in bytes"))
    seconds = models.FloatField(_("seconds to make"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(
        _("published at"), null=True, blank=True, help_text=_("Published documents never change.")
    )

    class Meta:
        verbose_name = _("evaluation document")
        verbose_name_plural = _("evaluation documents")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["evidence", "cycle", "kind", "language", "format"],
                name="one_document_per_evidence_kind_language_format",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.cycle} {self.evidence} {self.language} {self.format}"


class Part(models.TextChoices):
    CONCLUSIONS = "conclusions", _("Conclusions")
    RECOMMENDATIONS = "recommendations", _("Recommendations")
    DRAFT_RECOMMENDATION = "draft_recommendation", _("Elements of a draft recommendation")


class Conclusion(models.Model):
    """A part of the document's conclusions, entered by the Secretariat for one evaluation and
    printed as entered; a part not entered is printed as a marked placeholder."""

    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    part = models.CharField(_("part"), max_length=24, choices=Part.choices)
    text = models.TextField(_("text"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("conclusion")
        verbose_name_plural = _("conclusions")
        ordering = ["kind", "part"]
        constraints = [models.UniqueConstraint(fields=["kind", "part"], name="one_text_per_part")]

    def __str__(self) -> str:
        return f"{self.get_part_display()} ({self.kind})"
