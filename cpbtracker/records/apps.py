from __future__ import annotations

from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "cpbtracker.records"
    verbose_name = "Clearing-house records"
