"""Amounts and dates in the reader's notation (CLDR through Babel)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from cpbtracker.lib.formats import grouped, reader_date, reader_datetime


@pytest.mark.parametrize(
    ("language", "amount", "day", "long_day"),
    [
        ("en", "13,695,000", "Mar 1, 2026", "March 1, 2026"),
        ("fr", "13\u202f695\u202f000", "1 mars 2026", "1 mars 2026"),
        ("es", "13.695.000", "1 mar 2026", "1 de marzo de 2026"),
        ("ru", "13\xa0695\xa0000", "1 мар. 2026\u202fг.", "1 марта 2026\u202fг."),
        ("ar", "13,695,000", "01\u200f/03\u200f/2026", "1 مارس 2026"),
        ("zh-hans", "13,695,000", "2026年3月1日", "2026年3月1日"),
    ],
)
def test_amounts_and_dates_follow_the_readers_language(language, amount, day, long_day):
    assert grouped(Decimal("13695000.00"), language) == amount
    assert reader_date(dt.date(2026, 3, 1), language=language) == day
    assert reader_date(dt.date(2026, 3, 1), "long", language) == long_day


def test_a_moment_is_its_date_and_time_in_the_readers_format():
    moment = dt.datetime(2026, 12, 7, 16, 59, tzinfo=dt.UTC)
    assert reader_datetime(moment, "fr") == "7 déc. 2026, 16:59"
    assert reader_datetime(moment, "en") == "Dec 7, 2026, 4:59\u202fPM"


def test_the_template_filters_leave_years_and_codes_alone():
    template = Template(
        "{% load formats %}{{ budget|grouped }} · {{ year }} · {{ _('Source')|colon }}"
    )
    with translation.override("fr"):
        shown = template.render(Context({"budget": 150000, "year": 2030}))
    assert shown == "150\u202f000 · 2030 · Source\u00a0:"  # French spacing, from the catalogue
