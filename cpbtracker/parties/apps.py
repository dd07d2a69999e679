from __future__ import annotations

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PartiesConfig(AppConfig):
    name = "cpbtracker.parties"
    verbose_name = _("Parties")

    def ready(self) -> None:
        # Imported here, once the models are loaded.
        from cpbtracker.accounts.audit import register_actions
        from cpbtracker.parties.audit import ACTIONS, FACTS
        from cpbtracker.parties.services import load_parties_after_migrate

        post_migrate.connect(load_parties_after_migrate, sender=self)
        register_actions(ACTIONS, FACTS)
