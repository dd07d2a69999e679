"""National reports: reporting cycles, each Party's report per cycle, its versions and answers.

A report is a sequence of versions. The latest one may be a draft; a submitted version is
published and never changes. Reopening a submitted report starts a new draft version.
Answers are stored one row per question key, in the BCH document's own shape.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from cpbtracker.parties.models import Party


class Schema(models.TextChoices):
    NR5 = "cpbNationalReport5", _("5th national report")
    NR4 = "cpbNationalReport4", _("4th national report")


class ReportingCycle(models.Model):
    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    schema = models.CharField(_("format"), max_length=40, choices=Schema.choices)
    period_start = models.DateField(
        _("period start"), help_text="First day of the reporting period."
    )
    period_end = models.DateField(_("period end"), help_text="Last day of the reporting period.")
    deadline = models.DateField(
        _("deadline"), help_text="Submission deadline (editable by the Secretariat)."
    )
    is_open = models.BooleanField(
        _("open"), default=False, help_text="Parties may prepare reports."
    )
    note = models.TextField(_("note"), blank=True, help_text="Where the dates come from.")

    class Meta:
        verbose_name = _("reporting cycle")
        verbose_name_plural = _("reporting cycles")
        ordering = ["number"]

    def __str__(self) -> str:
        return _("reporting cycle %(number)s") % {"number": self.number}

    def clean(self) -> None:
        """Dates in order (start ≤ end ≤ deadline); at most one open cycle per report format."""
        if self.period_start and self.period_end and self.period_start > self.period_end:
            raise ValidationError(
                {"period_end": _("The period cannot end before it starts.")}, code="period_order"
            )
        if self.period_end and self.deadline and self.period_end > self.deadline:
            raise ValidationError(
                {"deadline": _("The deadline cannot fall before the end of the period.")},
                code="deadline_order",
            )
        if self.is_open:
            other = (
                ReportingCycle.objects.filter(schema=self.schema, is_open=True)
                .exclude(pk=self.pk)
                .first()
            )
            if other:
                raise ValidationError(
                    {
                        "is_open": _(
                            "Cycle %(other)s is already open for this report format; "
                            "close it first."
                        )
                        % {"other": other.number}
                    },
                    code="two_open_cycles",
                )


class NationalReport(models.Model):
    party = models.ForeignKey(
        Party, verbose_name=_("Party"), on_delete=models.PROTECT, related_name="reports"
    )
    cycle = models.ForeignKey(
        ReportingCycle,
        verbose_name=_("reporting cycle"),
        on_delete=models.PROTECT,
        related_name="reports",
    )
    is_demo = models.BooleanField(
        _("demo"), default=False, help_text="Synthetic demo data: never to be presented as real."
    )
    bch_identifier = models.CharField(_("BCH identifier"), max_length=80, blank=True)

    class Meta:
        verbose_name = _("national report")
        verbose_name_plural = _("national reports")
        constraints = [
            models.UniqueConstraint(fields=["party", "cycle"], name="one_report_per_party_cycle")
        ]
        ordering = ["cycle__number", "party__iso2"]

    def __str__(self) -> str:
        return f"{self.party.iso2}/{self.cycle.number}"

    def latest_version(self) -> ReportVersion | None:
        return self.versions.order_by("-number").first()

    def draft(self) -> ReportVersion | None:
        latest = self.latest_version()
        return latest if latest and latest.is_draft else None

    def published_version(self) -> ReportVersion | None:
        return (
            self.versions.filter(status=ReportVersion.Status.SUBMITTED).order_by("-number").first()
        )


class ReportVersion(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")

    report = models.ForeignKey(NationalReport, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    front_matter = models.JSONField(
        default=dict, blank=True, help_text="BCH header fields: contact, date, period, notes."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(auto_now=True)
    revision = models.PositiveIntegerField(
        default=0, help_text="Counts saves of a draft; a save made from an older one is refused."
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_demo = models.BooleanField(
        default=False, help_text="Made by `demo load`; the only versions it ever deletes."
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    complete = models.BooleanField(
        null=True, help_text="Passed the questionnaire's validation when submitted."
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="one_version_number"),
            # timeliness (A.3(a)) reads the flag: a submitted version always carries it
            models.CheckConstraint(
                condition=~models.Q(status="submitted") | models.Q(complete__isnull=False),
                name="submitted_version_checked",
            ),
        ]
        ordering = ["report", "number"]

    def __str__(self) -> str:
        return f"{self.report} v{self.number}"

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    def answers_dict(self) -> dict[str, object]:
        return dict(self.answers.values_list("key", "value"))


class Answer(models.Model):
    version = models.ForeignKey(ReportVersion, on_delete=models.CASCADE, related_name="answers")
    key = models.CharField(max_length=20, db_index=True)
    value = models.JSONField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="one_answer_per_key")
        ]

    def __str__(self) -> str:
        return f"{self.version} {self.key}"


class PublicationRequest(models.Model):
    """An authorized user's request that the focal point publish a draft, and the decision."""

    class Status(models.TextChoices):
        PENDING = "pending", _("awaiting approval")
        APPROVED = "approved", _("approved and published")
        REJECTED = "rejected", _("rejected")

    version = models.ForeignKey(
        ReportVersion, on_delete=models.CASCADE, related_name="publication_requests"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    # The draft revision the request was made on: approval publishes exactly that, and is
    # refused (with the changes listed) when the draft was changed since.
    revision = models.PositiveIntegerField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(blank=True, help_text="Why the focal point rejected the request.")

    class Meta:
        ordering = ["-requested_at", "-id"]

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING

    def __str__(self) -> str:
        return f"{self.version} publication request {self.pk}"

    @property
    def report(self) -> NationalReport:
        return self.version.report
