from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "cpbtracker.accounts"
    verbose_name = _("Accounts and roles")

    def ready(self) -> None:
        # Imported here, once the models are loaded: the system checks, and this app's
        # actions in words on the audit trail (each app names its own).
        from cpbtracker.accounts import checks  # noqa: F401 - registers the system checks
        from cpbtracker.accounts.audit import ACTIONS, FACTS, register_actions

        register_actions(ACTIONS, FACTS)
