from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BchConfig(AppConfig):
    """The connection to the live Biosafety Clearing-House (`cpbtracker bch pull`)."""

    name = "cpbtracker.bch"
    verbose_name = _("Biosafety Clearing-House connection")
