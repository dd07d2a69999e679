"""Fixtures of the report form's tests: Kenya's 5th report, open for editing."""

from __future__ import annotations

from typing import Any

import pytest
from django.http import HttpResponseBase
from django.test import Client
from lxml import html

from cpbtracker.reporting.models import NationalReport, ReportVersion

KENYA_DRAFT = "/reports/KE/5/edit/"


def kenya_draft() -> ReportVersion:
    """Kenya's draft of the 5th report (it must exist)."""
    version = NationalReport.objects.get(party__iso2="KE", cycle__number=5).draft()
    assert version is not None
    return version


def save_section(
    client: Client, path: str, data: dict[str, Any], **headers: Any
) -> HttpResponseBase:
    """Save a section as its page does: with the draft revision the page was given."""
    page = html.fromstring(client.get(path, **headers).content)
    (revision,) = page.xpath('//input[@name="revision"]/@value')
    return client.post(path, {**data, "revision": revision}, **headers)


@pytest.fixture
def editor(client, personas):
    """Kenya's authorized user, signed in, with the 5th report's draft open."""
    client.force_login(personas.ke_user)
    assert client.post(KENYA_DRAFT).status_code == 302
    return client
