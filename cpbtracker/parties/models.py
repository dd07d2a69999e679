"""Governments and their dated membership of the CBD, the Cartagena Protocol and the
Supplementary Protocol.

A row exists for every government that is or may become a Party (UN Member States, a few
non-members, the European Union); whether it *is* a Party is per treaty and per date.
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _

from cpbtracker.lib.content import localized


class Region(models.TextChoices):
    AFRICA = "AFR", _("Africa")
    ASIA_PACIFIC = "APAC", _("Asia and the Pacific")
    EASTERN_EUROPE = "CEE", _("Central and Eastern Europe")
    LATIN_AMERICA = "GRULAC", _("Latin America and the Caribbean")
    WEOG = "WEOG", _("Western European and Others")


EUROPEAN_UNION = "EU"


def table_region(iso2: str, region: str, *, eu_in_weog: bool = False) -> str:
    """The regional group a regional table counts a Party in: its UN regional group (the
    European Union has none), or, with ``eu_in_weog``, the European Union within WEOG as the
    Secretariat's own tables count it."""
    if eu_in_weog and iso2 == EUROPEAN_UNION and not region:
        return Region.WEOG
    return region


def table_regions(regions: dict[str, str], *, eu_in_weog: bool = False) -> dict[str, str]:
    """``iso2 -> region`` as a regional table groups the Parties (see :func:`table_region`)."""
    return {iso2: table_region(iso2, r, eu_in_weog=eu_in_weog) for iso2, r in regions.items()}


class Treaty(models.TextChoices):
    CBD = "CBD", _("Convention on Biological Diversity")
    CP = "CP", _("Cartagena Protocol on Biosafety")
    SP = "SP", _("Nagoya – Kuala Lumpur Supplementary Protocol")


# The date each treaty itself entered into force: nobody is a Party before it.
TREATY_IN_FORCE = {
    Treaty.CBD: dt.date(1993, 12, 29),
    Treaty.CP: dt.date(2003, 9, 11),  # Cartagena Protocol, Art. 37
    Treaty.SP: dt.date(2018, 3, 5),  # Supplementary Protocol, Art. 18
}
# A State becomes a Party on the 90th day after depositing its instrument.
DAYS_AFTER_DEPOSIT = 90


def party_since(treaty: str, deposited: dt.date | None) -> dt.date | None:
    """The date a deposit makes a State a Party: deposit + 90 days, not before entry into force."""
    if deposited is None:
        return None
    return max(deposited + dt.timedelta(days=DAYS_AFTER_DEPOSIT), TREATY_IN_FORCE[Treaty(treaty)])


class Party(models.Model):
    iso2 = models.CharField(_("ISO code"), max_length=2, unique=True)
    iso3 = models.CharField(_("ISO3 code"), max_length=3, blank=True)
    name = models.JSONField(_("name"), help_text="{'en': ..., 'zh': ...}")
    region = models.CharField(_("region"), max_length=8, choices=Region.choices, blank=True)
    source = models.TextField(
        _("sources"), blank=True, help_text="Sources of this row and notes on it."
    )

    class Meta:
        verbose_name = _("Party")
        verbose_name_plural = _("Parties")
        ordering = ["iso2"]

    def __str__(self) -> str:
        return localized(self.name)

    def membership(self, treaty: str) -> Membership | None:
        return next((m for m in self.memberships.all() if m.treaty == treaty), None)

    def is_party(self, treaty: str, *, on: dt.date) -> bool | None:
        """True/False if known on that date; None when the data cannot tell."""
        membership = self.membership(treaty)
        return membership.is_party_on(on) if membership else None


class Membership(models.Model):
    class Status(models.TextChoices):
        PARTY = "party", _("Party")
        NOT_PARTY = "not_party", _("not a Party")
        UNKNOWN = "unknown", _("unknown")

    party = models.ForeignKey(
        Party, verbose_name=_("Party"), on_delete=models.CASCADE, related_name="memberships"
    )
    treaty = models.CharField(_("treaty"), max_length=3, choices=Treaty.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    deposited_on = models.DateField(_("deposited on"), null=True, blank=True)
    since_override = models.DateField(
        _("since (set by hand)"),
        null=True,
        blank=True,
        help_text="An explicit date of becoming a Party, from a source.",
    )
    # Derived from the two fields above on save; stored so "Parties on date D" is one query.
    since = models.DateField(_("Party since"), null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["party", "treaty"], name="one_membership_per_treaty")
        ]
        ordering = ["party", "treaty"]

    def __str__(self) -> str:
        return f"{self.party.iso2} {self.treaty}: {self.status}"

    def save(self, *args, **kwargs) -> None:
        self.since = self.compute_since()
        super().save(*args, **kwargs)

    def compute_since(self) -> dt.date | None:
        if self.status != self.Status.PARTY:
            return None
        return self.since_override or party_since(self.treaty, self.deposited_on)

    @property
    def is_party(self) -> bool:
        return self.status == self.Status.PARTY

    @property
    def is_not_party(self) -> bool:
        return self.status == self.Status.NOT_PARTY

    def is_party_on(self, on: dt.date) -> bool | None:
        if self.status == self.Status.NOT_PARTY:
            return False
        if self.status == self.Status.UNKNOWN or self.since is None:
            return None
        return self.since <= on


class RegistrySource(models.Model):
    """Where the loaded membership data came from, and as of when (shown on the Parties page)."""

    description = models.TextField(
        _("description"),
    )
    as_of = models.CharField(_("as of"), max_length=200)
    loaded_at = models.DateTimeField(_("loaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("registry source")
        verbose_name_plural = _("registry sources")
        ordering = ["-loaded_at", "-id"]
        get_latest_by = ["loaded_at", "id"]

    def __str__(self) -> str:
        return f"{self.description} (as of {self.as_of})"
