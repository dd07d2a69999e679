"""The data migration that names the Parties already stored in the six languages."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from cpbtracker.parties.models import Party

BEFORE = [("parties", "0002_verbose_names")]
AFTER = [("parties", "0003_party_names_from_cldr")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_parties_stored_in_english_and_chinese_are_named_in_six_languages():
    old = _migrate(BEFORE)
    old.get_model("parties", "Party").objects.filter(iso2="DE").update(
        name={"en": "Germany", "zh": "德国"}
    )
    try:
        _migrate(AFTER)
        germany = Party.objects.get(iso2="DE").name
        assert (germany["fr"], germany["ar"]) == ("Allemagne", "ألمانيا")
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
