from __future__ import annotations

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "cpbtracker.accounts"
    verbose_name = "Accounts and roles"

    def ready(self) -> None:
        from cpbtracker.accounts import checks  # noqa: F401 - registers the system checks
