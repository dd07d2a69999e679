"""Fixtures of the report form's tests: Kenya's 5th report, open for editing."""

from __future__ import annotations

import pytest

from cpbtracker.reporting.models import NationalReport, ReportVersion

KENYA_DRAFT = "/reports/KE/5/edit/"


def kenya_draft() -> ReportVersion:
    """Kenya's draft of the 5th report (it must exist)."""
    version = NationalReport.objects.get(party__iso2="KE", cycle__number=5).draft()
    assert version is not None
    return version


@pytest.fixture
def editor(client, personas):
    """Kenya's authorized user, signed in, with the 5th report's draft open."""
    client.force_login(personas.ke_user)
    assert client.post(KENYA_DRAFT).status_code == 302
    return client
