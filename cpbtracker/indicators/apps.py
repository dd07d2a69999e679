from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "cpbtracker.indicators"
    verbose_name = _("Indicators")

    def ready(self) -> None:
        # Imported here, once the models are loaded: the stored results listen to the writers.
        from cpbtracker.indicators.listeners import connect

        connect()
