from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecordsConfig(AppConfig):
    name = "cpbtracker.records"
    verbose_name = _("Clearing-house records")
