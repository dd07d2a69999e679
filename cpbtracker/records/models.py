"""Clearing-house records: each one a BCH document, kept as a sequence of revisions.

A record's identity is its BCH ``header.identifier``. Every revision stores the whole document
(unknown fields included, so a round trip loses nothing) next to the few fields that searches
and indicators query. Published revisions never change; the current one is the latest
published. National records have a government (a Party); reference records have none.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from cpbtracker.parties.models import Party
from cpbtracker.records.schemas import SCHEMAS


class Record(models.Model):
    identifier = models.CharField(max_length=100, unique=True)
    schema = models.CharField(max_length=40, choices=[(s, s) for s in SCHEMAS], db_index=True)
    government = models.ForeignKey(
        Party,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="records",
        help_text="The Party a national record belongs to; empty for reference records.",
    )
    submitted_for = models.ForeignKey(
        Party,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="submitted_records",
        help_text="The Party whose user submitted a reference record (empty when imported).",
    )
    is_demo = models.BooleanField(
        default=False, help_text="Synthetic demo data: never to be presented as real."
    )
    # Kept by the services that publish: the search page and the API filter on it directly.
    current = models.OneToOneField(
        "Revision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="current_of",
        help_text="The latest published revision.",
    )

    class Meta:
        ordering = ["schema", "identifier"]

    def __str__(self) -> str:
        return f"{self.schema} {self.identifier}"

    @property
    def is_national(self) -> bool:
        return self.government_id is not None

    def latest_revision(self) -> Revision | None:
        return self.revisions.order_by("-number").first()


class Revision(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        REQUESTED = "requested", _("publication requested")
        PUBLISHED = "published", _("published")

    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    document = models.JSONField(help_text="The whole BCH document, as published.")
    # Indexed copies of the document, for the search page and the indicators.
    title = models.TextField(blank=True)
    text = models.TextField(blank=True, help_text="Titles and descriptions, for full-text search.")
    date = models.DateField(null=True, blank=True, help_text="The record's own date, if any.")
    published_on = models.DateField(null=True, blank=True, db_index=True)
    saves = models.PositiveIntegerField(
        default=0, help_text="Bumped on every save of a draft: the no-lost-update check."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["record", "number"], name="one_revision_number")
        ]
        # serves "the revisions published on or before a deadline" (indicators, search)
        indexes = [models.Index(fields=["status", "published_on"], name="revision_published")]
        ordering = ["record", "number"]

    def __str__(self) -> str:
        return f"{self.record} r{self.number}"

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def token(self) -> str:
        """What an editor saw: the revision and how many times it had been saved."""
        return f"{self.number}.{self.saves}"

    def save(self, *args, **kwargs) -> None:
        if self.pk and Revision.objects.filter(pk=self.pk, status=self.Status.PUBLISHED).exists():
            raise ValidationError("a published revision never changes")
        super().save(*args, **kwargs)


class RecordTerm(models.Model):
    """One thesaurus term a revision carries (field and identifier): the term facets."""

    revision = models.ForeignKey(Revision, on_delete=models.CASCADE, related_name="terms")
    field = models.CharField(max_length=80)
    identifier = models.CharField(max_length=100, db_index=True)

    def __str__(self) -> str:
        return f"{self.revision} {self.field}={self.identifier}"


class ThesaurusTerm(models.Model):
    """A label for a BCH thesaurus term; terms without one are shown by identifier."""

    identifier = models.CharField(
        _("identifier"), max_length=100, unique=True, help_text="Upper case."
    )
    label = models.JSONField(
        _("label"), default=dict, blank=True, help_text="{'en': ..., 'zh': ..., ...}"
    )

    class Meta:
        verbose_name = _("thesaurus term")
        verbose_name_plural = _("thesaurus terms")
        ordering = ["identifier"]

    def __str__(self) -> str:
        return self.identifier

    def save(self, *args, **kwargs) -> None:
        self.identifier = self.identifier.upper()
        super().save(*args, **kwargs)
