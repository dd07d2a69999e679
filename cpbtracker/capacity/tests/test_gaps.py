"""The gap rule on single initiatives, each date rule on its boundary day (no database)."""

from __future__ import annotations

import datetime as dt

from cpbtracker.capacity.gaps import AreaGap, InitiativeRow, compute_gaps
from cpbtracker.capacity.initiatives import initiative_row

AREA = "RA"
DEADLINE = dt.date(2026, 2, 28)
REPORTED = dt.date(2025, 6, 30)  # the day the Party submitted its report


def gap(*initiatives: InitiativeRow) -> AreaGap:
    """The area's gap for one African Party, KE, that needs it and reported on REPORTED."""
    return compute_gaps(
        [AREA], {"KE": frozenset({AREA})}, {"KE": "AFR"}, initiatives, DEADLINE, {"KE": REPORTED}
    )[0]


def national(**fields) -> InitiativeRow:
    return InitiativeRow("I", frozenset({AREA}), frozenset({"KE"}), **fields)


def test_an_initiative_ended_before_the_report_was_submitted_does_not_cover():
    assert gap(national(end=REPORTED - dt.timedelta(days=1))).covered == frozenset()
    assert gap(national(end=REPORTED)).covered_nationally == {"KE"}  # still running that day


def test_an_initiative_without_an_end_date_covers():
    assert gap(national(start=dt.date(2020, 1, 1))).covered_nationally == {"KE"}


def test_an_initiative_starting_after_the_deadline_does_not_cover():
    assert gap(national(start=DEADLINE + dt.timedelta(days=1))).covered == frozenset()
    assert gap(national(start=DEADLINE)).covered == {"KE"}


def test_a_cancelled_initiative_does_not_cover():
    assert gap(national(cancelled=True)).covered == frozenset()
    assert gap(national(cancelled=True)).uncovered == {"KE"}


def test_a_regional_initiative_is_counted_apart_from_national_coverage():
    regional = InitiativeRow("R", frozenset({AREA}), regions=frozenset({"AFR"}), national=False)
    alone = gap(regional)
    assert (alone.covered, alone.covered_nationally, alone.covered_regionally_only) == (
        {"KE"},
        frozenset(),
        {"KE"},
    )
    both = gap(regional, national())
    assert (both.covered_nationally, both.covered_regionally_only) == ({"KE"}, frozenset())
    assert both.initiatives == ("I", "R")


def test_the_document_says_whether_the_named_countries_are_covered_nationally():
    scope = {"identifier": "20b2cc6d-646d-4fd5-bd53-d652ba3fa088"}  # national, lower case
    ke_tz = [{"identifier": "ke"}, {"identifier": "tz"}]
    assert initiative_row("A", {"countryRegions": ke_tz, "geographicScope": scope}).national
    regional = {"identifier": "C7D6719B-8AD9-4EB1-A472-B0B858DE0F56"}
    row = initiative_row("B", {"countryRegions": ke_tz, "geographicScope": regional})
    assert not row.national
    # without a scope: the plan tag decides, and without one, a single country is national
    assert not initiative_row("C", {"countryRegions": ke_tz}, "subregional").national
    assert not initiative_row("D", {"countryRegions": ke_tz}).national
    assert initiative_row("E", {"countryRegions": ke_tz[:1]}).national
    assert not initiative_row("F", {"countryRegions": [{"identifier": "GLOBAL"}]}).national
    assert initiative_row("G", {"status": {"identifier": "Cancelled"}}).cancelled
