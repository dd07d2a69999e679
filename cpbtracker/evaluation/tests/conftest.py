"""Hand-built reports (the indicator tests' fixture, one home) and the evaluation's usual cases:
``reports``: Kenya's 4th report (no measures: a zero baseline), Kenya's and China's 5th
(measures in place; draft only); ``growing``: A.1(a) from 50 % (cycle 4, 2019: Kenya yes, China
no) to 66.7 % (cycle 5, 2026: Kenya and Brazil yes, China draft only)."""

from __future__ import annotations

import pytest
from django.apps.registry import Apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from cpbtracker.indicators.tests.conftest import submit  # noqa: F401


@pytest.fixture
def reports(submit):  # noqa: F811
    submit("KE", 4, {"Q014": {"value": "implementation.none"}})
    submit("KE", 5, {"Q007": {"value": "implementation.fullInPlace"}})
    submit("CN", 5, {"Q007": {"value": "implementation.draftMeasures"}})


@pytest.fixture
def growing(submit):  # noqa: F811
    submit("KE", 4, {"Q014": {"value": "implementation.fullInPlace"}})
    submit("CN", 4, {"Q014": {"value": "implementation.none"}})
    submit("KE", 5, {"Q007": {"value": "implementation.fullInPlace"}})
    submit("CN", 5, {"Q007": {"value": "implementation.draftMeasures"}})
    submit("BR", 5, {"Q007": {"value": "implementation.fullInPlace"}})


@pytest.fixture
def migrate(transactional_db):
    """``migrate("0010_...")`` -> the evaluation app's models at that migration; after the
    test, the database is migrated forward again, so that the next test finds every table."""

    def run(name: str) -> Apps:
        target = [("evaluation", name)]
        executor = MigrationExecutor(connection)
        executor.migrate(target)
        return executor.loader.project_state(target).apps

    yield run
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
