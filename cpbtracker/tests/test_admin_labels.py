"""The admin speaks the reader's language: model names and column headers come from the
catalogues, not from English identifiers."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import translation
from django.utils.html import escape

from cpbtracker.accounts.models import AuditEntry, Role
from cpbtracker.evaluation.models import Contribution, Snapshot, Target
from cpbtracker.indicators.models import ComplianceCase, ManualValue
from cpbtracker.lib.languages import django_codes
from cpbtracker.parties.models import Party, RegistrySource
from cpbtracker.records.models import ThesaurusTerm
from cpbtracker.reporting.models import NationalReport, ReportingCycle

ADMIN_MODELS = [
    Party,
    RegistrySource,
    ReportingCycle,
    NationalReport,
    ManualValue,
    ComplianceCase,
    ThesaurusTerm,
    Target,
    Contribution,
    Snapshot,
    Role,
    AuditEntry,
]

OTHER_LANGUAGES = [code for code in django_codes() if code != "en"]


@pytest.fixture
def superuser_client(db) -> Client:
    user = get_user_model().objects.create_superuser("root", "root@example.org", "secret")
    client = Client()
    client.force_login(user)
    return client


def _in(language: str, text) -> str:
    with translation.override(language):
        return str(text)


def test_the_admin_index_names_every_model_in_french(superuser_client):
    page = superuser_client.get("/admin/?lang=fr").content.decode()
    for model in ADMIN_MODELS:
        plural = model._meta.verbose_name_plural
        french, english = _in("fr", plural), _in("en", plural)
        translated = {_in(language, plural) for language in OTHER_LANGUAGES}
        assert translated - {english}, f"{model.__name__}: name left in English"
        assert escape(french[:1].upper() + french[1:]) in page, french


@pytest.mark.parametrize(
    ("model", "screen", "fields"),
    [
        (ReportingCycle, "", ["period_start", "deadline", "is_open"]),
        (ManualValue, "add/", ["measure", "as_of", "window_start"]),
        (Role, "add/", ["user", "kind"]),
    ],
)
def test_columns_and_form_labels_read_in_french(superuser_client, model, screen, fields):
    meta = model._meta
    # the changelist takes its query string for filters: the language comes from the browser
    page = superuser_client.get(
        f"/admin/{meta.app_label}/{meta.model_name}/{screen}", HTTP_ACCEPT_LANGUAGE="fr"
    )
    assert page.status_code == 200
    html = page.content.decode()
    for name in fields:
        label = meta.get_field(name).verbose_name
        french, english = _in("fr", label), _in("en", label)
        assert french != english, f"{meta.label}.{name}: no French label"
        assert escape(french[:1].upper() + french[1:]) in html, french


def test_the_admin_index_heads_each_app_in_french(superuser_client):
    page = superuser_client.get("/admin/?lang=fr").content.decode()
    for model in ADMIN_MODELS:
        app_name = apps.get_app_config(model._meta.app_label).verbose_name
        assert {_in(language, app_name) for language in OTHER_LANGUAGES} - {_in("en", app_name)}
        assert escape(_in("fr", app_name)) in page, app_name
