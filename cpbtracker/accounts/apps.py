from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "cpbtracker.accounts"
    verbose_name = _("Accounts and roles")

    def ready(self) -> None:
        from cpbtracker.accounts import checks  # noqa: F401 - registers the system checks
