"""Hand-built reports come from the indicator tests' fixture (one home)."""

from __future__ import annotations

from cpbtracker.indicators.tests.conftest import submit  # noqa: F401
