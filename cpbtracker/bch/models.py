"""What `bch pull` remembers between runs: per schema, how far the last complete pull got."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PullState(models.Model):
    """The last successful pull of one schema (of one government, or of all: ``""``) from one
    BCH (its API's base URL). ``updated_until`` is the BCH's own ``updatedDate_dt`` of the
    latest document listed then, as the index wrote it: the next pull asks for what was
    updated after it, on the BCH's clock rather than ours."""

    source = models.CharField(_("BCH API"), max_length=200)
    schema = models.CharField(_("schema"), max_length=60)
    government = models.CharField(_("government"), max_length=2, blank=True)
    updated_until = models.CharField(_("updated until"), max_length=40)
    pulled_at = models.DateTimeField(_("pulled at"))
    documents = models.PositiveIntegerField(_("documents"), default=0)

    class Meta:
        verbose_name = _("BCH pull")
        verbose_name_plural = _("BCH pulls")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "schema", "government"], name="bch_pull_state_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.schema} {self.government or '*'} until {self.updated_until}"
