"""Hand-built reports (the indicator tests' fixture, one home) and the evaluation's usual case:
Kenya's 4th report (no measures), Kenya's and China's 5th (measures in place; draft only)."""

from __future__ import annotations

import pytest

from cpbtracker.indicators.tests.conftest import submit  # noqa: F401


@pytest.fixture
def reports(submit):  # noqa: F811
    submit("KE", 4, {"Q014": {"value": "implementation.none"}})
    submit("KE", 5, {"Q007": {"value": "implementation.fullInPlace"}})
    submit("CN", 5, {"Q007": {"value": "implementation.draftMeasures"}})
