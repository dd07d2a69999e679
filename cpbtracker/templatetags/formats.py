"""``{{ budget|grouped }}``, ``{{ day|reader_date }}`` (``:"long"``), ``{{ at|reader_datetime }}``:
numbers and dates in the reader's notation (see ``cpbtracker.lib.formats``)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django import template
from django.utils.translation import gettext

from cpbtracker.lib import formats

register = template.Library()


@register.filter
def grouped(number: int | float | Decimal | str | None) -> str:
    """An amount or a count (or the text of one, as ``floatformat`` gives) with the reader's
    grouping; empty for none."""
    if number is None or number == "":
        return ""
    return formats.grouped(Decimal(number) if isinstance(number, str) else number)


@register.filter
def reader_date(day: dt.date | None, style: str = "medium") -> str:
    """A date in the reader's medium (default) or long format; empty for none."""
    if not day:
        return ""
    return formats.reader_date(day, style if style in formats.DATE_STYLES else "medium")


@register.filter
def reader_datetime(moment: dt.datetime | None) -> str:
    """A moment as the reader's medium date and short time; empty for none."""
    return formats.reader_datetime(moment) if moment else ""


@register.filter
def colon(label: str) -> str:
    """``{{ _("Source")|colon }}``: a label and its colon, through gettext so that a language
    can space it ("Source :" in French)."""
    return gettext("%(label)s:") % {"label": label}
