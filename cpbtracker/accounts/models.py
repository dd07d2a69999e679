"""Who may do what: a user's roles, each for one Party or for the Secretariat."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cpbtracker.parties.models import Party


class Role(models.Model):
    class Kind(models.TextChoices):
        AUTHORIZED_USER = "authorized_user", _("authorized user")
        FOCAL_POINT = "focal_point", _("national focal point")
        SECRETARIAT = "secretariat", _("Secretariat")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="roles",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    party = models.ForeignKey(
        Party,
        verbose_name=_("Party"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="roles",
        help_text="The Party this role acts for; empty for the Secretariat.",
    )

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "party"], name="one_role_per_kind_party"
            ),
            models.CheckConstraint(
                condition=models.Q(kind="secretariat", party__isnull=True)
                | (~models.Q(kind="secretariat") & models.Q(party__isnull=False)),
                name="party_roles_name_a_party",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_kind_display()}" + (
            f" ({self.party.iso2})" if self.party else ""
        )


class AuditEntry(models.Model):
    """One change made through a service: who did what to which object, and when."""

    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    action = models.CharField(_("action"), max_length=60)
    target = models.CharField(
        _("target"), max_length=200, help_text="What was changed, e.g. 'report KE/5 v2'."
    )
    detail = models.JSONField(default=dict, blank=True)
    # What the Secretariat reads the trail by: a Party's entries, a report's (Party and cycle).
    party = models.CharField(
        _("Party"), max_length=2, blank=True, help_text="ISO code of the Party concerned."
    )
    cycle = models.PositiveSmallIntegerField(_("reporting cycle"), null=True, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["party", "cycle", "-at"], name="audit_by_party_cycle")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user or '-'} {self.action} {self.target}"


class Preference(models.Model):
    """A user's saved choices: the language the site speaks to them in."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="preference"
    )
    # A code of settings.LANGUAGES (not a choices list, so adding a language needs no migration).
    language = models.CharField(_("language"), max_length=10)

    def __str__(self) -> str:
        return f"{self.user}: {self.language}"
