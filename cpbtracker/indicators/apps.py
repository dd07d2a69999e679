from __future__ import annotations

from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "cpbtracker.indicators"
    verbose_name = "Indicators"
