"""Evaluation: targets and milestones per indicator, and frozen evidence (snapshots)."""

from __future__ import annotations

from django.conf import settings
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

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
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


class Snapshot(models.Model):
    """Frozen evidence for an evaluation: never changed after it is taken.

    It keeps what the figures were computed from (report versions, the methods file's version,
    the targets) and, in :class:`StoredResult`, every figure, so that later imports, reopened
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

    class Meta:
        verbose_name = _("snapshot")
        verbose_name_plural = _("snapshots")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.label


class StoredResult(models.Model):
    """One indicator figure as computed: a cycle, a region ("" = all Parties), the Parties
    behind it. A plain table of results, kept per snapshot."""

    snapshot = models.ForeignKey(Snapshot, on_delete=models.CASCADE, related_name="results")
    code = models.CharField(max_length=16)
    cycle = models.PositiveSmallIntegerField()
    region = models.CharField(max_length=8, blank=True)
    status = models.CharField(max_length=20)
    source = models.CharField(max_length=12)
    unit = models.CharField(max_length=12)
    value = models.FloatField(null=True)
    numerator = models.PositiveIntegerField()
    denominator = models.PositiveIntegerField()
    population = models.PositiveIntegerField()
    response_rate = models.FloatField(null=True)
    baseline_cycle = models.PositiveSmallIntegerField(null=True)
    baseline_value = models.FloatField(null=True)
    parties = models.JSONField(default=dict)
    note = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["snapshot", "cycle", "region", "code"], name="one_result_per_figure"
            )
        ]


class Body(models.TextChoices):
    LIAISON_GROUP = "liaison_group", _("Liaison Group on Capacity-Building for Biosafety")
    COMPLIANCE_COMMITTEE = "compliance_committee", _("Compliance Committee")
    SBI = "sbi", _("Subsidiary Body on Implementation")


class Kind(models.TextChoices):
    MIDTERM = "midterm", _("mid-term evaluation")
    FINAL = "final", _("final evaluation")


class Contribution(models.Model):
    """A body's conclusions (or the SBI's findings) on one goal, for one evaluation, entered by
    the Secretariat and printed in the document as entered."""

    goal = models.ForeignKey(
        "plan.Goal", verbose_name=_("goal"), on_delete=models.CASCADE, related_name="contributions"
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
            models.UniqueConstraint(fields=["goal", "body", "kind"], name="one_text_per_body")
        ]

    def __str__(self) -> str:
        return f"{self.goal.code} {self.get_body_display()} ({self.kind})"


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
