from __future__ import annotations

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "cpbtracker.reporting"
    verbose_name = _("National reporting")

    def ready(self) -> None:
        # Imported here, once the models are loaded.
        from cpbtracker.accounts.audit import register_actions
        from cpbtracker.reporting.audit import ACTIONS, FACTS
        from cpbtracker.reporting.services import load_cycles_after_migrate

        post_migrate.connect(load_cycles_after_migrate, sender=self)
        register_actions(ACTIONS, FACTS)
