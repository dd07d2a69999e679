from __future__ import annotations

from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PartiesConfig(AppConfig):
    name = "cpbtracker.parties"
    verbose_name = "Parties"

    def ready(self) -> None:
        from cpbtracker.parties.services import load_parties_after_migrate

        post_migrate.connect(load_parties_after_migrate, sender=self)
