"""Data migrations of national reports, run forward over rows stored before them."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from cpbtracker.reporting.demo import demo_answers
from cpbtracker.reporting.models import ReportVersion
from cpbtracker.reporting.questionnaire import load_questionnaire

BEFORE = [("reporting", "0005_publication_request")]
AFTER = [("reporting", "0006_fill_version_complete")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_it_fills_complete_of_versions_submitted_before_the_flag(personas):
    old = _migrate(BEFORE)
    Party = old.get_model("parties", "Party")
    Cycle = old.get_model("reporting", "ReportingCycle")
    Report = old.get_model("reporting", "NationalReport")
    Version = old.get_model("reporting", "ReportVersion")
    Answer = old.get_model("reporting", "Answer")
    cycle = Cycle.objects.get(number=5)
    submitted = timezone.make_aware(dt.datetime(2024, 1, 10, 12))
    empty = Version.objects.create(
        report=Report.objects.create(party=Party.objects.get(iso2="KE"), cycle=cycle),
        number=1,
        status="submitted",
        submitted_at=submitted,
    )
    filled = Version.objects.create(
        report=Report.objects.create(party=Party.objects.get(iso2="BR"), cycle=cycle),
        number=1,
        status="submitted",
        submitted_at=submitted,
    )
    answers = demo_answers(load_questionnaire("cpbNationalReport5"), random.Random(1), 0.7)
    Answer.objects.bulk_create(Answer(version=filled, key=k, value=v) for k, v in answers.items())
    draft = Version.objects.create(
        report=Report.objects.create(party=Party.objects.get(iso2="CN"), cycle=cycle), number=1
    )
    Answer.objects.create(version=draft, key="Q007", value={"value": "implementation.none"})
    try:
        _migrate(AFTER)
        assert ReportVersion.objects.get(pk=empty.pk).complete is False  # nothing answered
        assert ReportVersion.objects.get(pk=filled.pk).complete is True  # passes validation
        assert ReportVersion.objects.get(pk=draft.pk).complete is None  # drafts stay unchecked
        with pytest.raises(IntegrityError), transaction.atomic():
            ReportVersion.objects.filter(pk=empty.pk).update(complete=None)
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
