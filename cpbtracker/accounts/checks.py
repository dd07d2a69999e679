"""System checks (`cpbtracker check [--deploy]`) for settings that must hold.

- accounts.E001: every permission the Secretariat's group is given names a real model
  permission (else granting the role fails with an error at sign-up time).
- cpbtracker.W001 (deploy): HTTP Basic sign-in for the API only over HTTPS.
- cpbtracker.W002 (deploy): ALLOWED_HOSTS names the site, not only this machine.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, Warning, register

from cpbtracker.accounts import services

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
BASIC_AUTH = "rest_framework.authentication.BasicAuthentication"


def _is_model_permission(app_label: str, codename: str) -> bool:
    try:
        config = apps.get_app_config(app_label)
    except LookupError:
        return False
    for model in config.get_models():
        meta = model._meta
        default = {f"{action}_{meta.model_name}" for action in meta.default_permissions}
        if codename in default or codename in {c for c, _name in meta.permissions}:
            return True
    return False


@register(Tags.security)
def check_secretariat_permissions(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    return [
        Error(
            f"The Secretariat's permission {app}.{codename} is not a model permission.",
            hint="Correct SECRETARIAT_PERMISSIONS in cpbtracker/accounts/services.py.",
            obj="SECRETARIAT_PERMISSIONS",
            id="accounts.E001",
        )
        for app, codename in services.SECRETARIAT_PERMISSIONS
        if not _is_model_permission(app, codename)
    ]


@register(Tags.security, deploy=True)
def check_api_basic_auth(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    classes = settings.REST_FRAMEWORK.get("DEFAULT_AUTHENTICATION_CLASSES", ())
    if BASIC_AUTH in classes and not settings.SECURE_SSL_REDIRECT:
        return [
            Warning(
                "API_BASIC_AUTH is on but the site is not served over HTTPS only: API clients "
                "would send passwords in the clear.",
                hint="Set HTTPS=1 (behind TLS), or turn API_BASIC_AUTH off.",
                id="cpbtracker.W001",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def check_allowed_hosts(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    if set(settings.ALLOWED_HOSTS) <= LOCAL_HOSTS:
        return [
            Warning(
                "ALLOWED_HOSTS names only this machine: the site answers no request sent to "
                "its public name.",
                hint="Set ALLOWED_HOSTS to the site's host name, e.g. cpb.example.org.",
                id="cpbtracker.W002",
            )
        ]
    return []
