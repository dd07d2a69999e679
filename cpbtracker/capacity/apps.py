from __future__ import annotations

from django.apps import AppConfig


class CapacityConfig(AppConfig):
    name = "cpbtracker.capacity"
    verbose_name = "Capacity-building"
