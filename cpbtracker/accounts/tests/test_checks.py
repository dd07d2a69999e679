"""The system checks with ids, and on/off environment settings that must be on or off."""

from __future__ import annotations

from django.core.checks import run_checks
from django.test import override_settings

from cpbtracker.accounts import services

BASIC = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.BasicAuthentication",
    ]
}


def ids(*, deploy: bool = False) -> set[str]:
    return {m.id for m in run_checks(include_deployment_checks=deploy) if m.id}


def test_the_shipped_secretariat_permissions_are_model_permissions():
    assert "accounts.E001" not in ids()


def test_it_reports_a_secretariat_permission_that_names_no_model_permission(monkeypatch):
    listed = [*services.SECRETARIAT_PERMISSIONS, ("indicators", "delete_everything")]
    monkeypatch.setattr(services, "SECRETARIAT_PERMISSIONS", listed)
    errors = [m for m in run_checks() if m.id == "accounts.E001"]
    assert [e.msg for e in errors] == [
        "The Secretariat's permission indicators.delete_everything is not a model permission."
    ]


@override_settings(REST_FRAMEWORK=BASIC, SECURE_SSL_REDIRECT=False)
def test_it_warns_of_basic_auth_without_https():
    assert "cpbtracker.W001" in ids(deploy=True)


@override_settings(REST_FRAMEWORK=BASIC, SECURE_SSL_REDIRECT=True)
def test_it_allows_basic_auth_over_https():
    assert "cpbtracker.W001" not in ids(deploy=True)


@override_settings(ALLOWED_HOSTS=["127.0.0.1", "localhost"])
def test_it_warns_when_allowed_hosts_names_only_this_machine():
    assert "cpbtracker.W002" in ids(deploy=True)
    assert "cpbtracker.W002" not in ids()  # a deployment check only


@override_settings(ALLOWED_HOSTS=["cpb.example.org"])
def test_it_accepts_the_sites_host_name():
    assert "cpbtracker.W002" not in ids(deploy=True)


def test_it_refuses_an_on_off_setting_that_is_neither(run_cpbtracker):
    result = run_cpbtracker("check", env={"API_BASIC_AUTH": "maybe"})
    assert result.returncode != 0
    assert "ImproperlyConfigured: API_BASIC_AUTH='maybe'" in result.stderr


def test_it_reads_on_off_settings_in_any_of_their_spellings(run_cpbtracker):
    result = run_cpbtracker("check", env={"API_BASIC_AUTH": "Off", "DEBUG": "no"})
    assert result.returncode == 0, result.stderr
