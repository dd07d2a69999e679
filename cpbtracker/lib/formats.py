"""Numbers and dates in the reader's notation, from CLDR through Babel.

Only the values passed here are formatted: a year, a cycle number or a code is never grouped
("2030", not "2,030"), which Django's site-wide ``USE_THOUSAND_SEPARATOR`` cannot promise.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from babel.dates import format_date, format_time, get_datetime_format
from babel.numbers import format_decimal
from django.utils import timezone

from cpbtracker.lib.content import cldr_locale

DATE_STYLES = ("medium", "long")


def grouped(number: int | float | Decimal, language: str | None = None) -> str:
    """A count or an amount with the reader's digit grouping ("13 695 000" in French)."""
    return format_decimal(number, locale=cldr_locale(language))


def whole_amount(amount: int | float | Decimal, language: str | None = None) -> str:
    """An amount rounded to a whole number, grouped as the reader writes it ("7 265 000")."""
    return grouped(round(amount), language)


def reader_date(day: dt.date, style: str = "medium", language: str | None = None) -> str:
    """A date in the reader's medium ("7 déc. 2026") or long ("7 décembre 2026") format."""
    if isinstance(day, dt.datetime):
        day = timezone.localtime(day).date() if timezone.is_aware(day) else day.date()
    return format_date(day, style, locale=cldr_locale(language))


def reader_datetime(moment: dt.datetime, language: str | None = None) -> str:
    """A moment as the reader's medium date and short time ("7 déc. 2026, 16:59")."""
    locale = cldr_locale(language)
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    pattern = str(get_datetime_format("medium", locale=locale))
    return pattern.replace("{1}", format_date(local.date(), "medium", locale=locale)).replace(
        "{0}", format_time(local.time(), "short", locale=locale)
    )
