from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "cpbtracker.indicators"
    verbose_name = _("Indicators")

    def ready(self) -> None:
        # Imported here, once the models are loaded: the stored results listen to the writers,
        # and the audit trail names this app's actions.
        from cpbtracker.accounts.audit import register_actions
        from cpbtracker.indicators.audit import ACTIONS, FACTS
        from cpbtracker.indicators.listeners import connect

        connect()
        register_actions(ACTIONS, FACTS)
