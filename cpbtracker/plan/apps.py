from __future__ import annotations

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PlanConfig(AppConfig):
    name = "cpbtracker.plan"
    verbose_name = _("Implementation Plan")

    def ready(self) -> None:
        # Imported here, once the models are loaded.
        from cpbtracker.plan.services import load_plan_after_migrate

        post_migrate.connect(load_plan_after_migrate, sender=self)
