from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CapacityConfig(AppConfig):
    name = "cpbtracker.capacity"
    verbose_name = _("Capacity-building")
