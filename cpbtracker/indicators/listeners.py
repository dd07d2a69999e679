"""The indicators' stored results listen to the change notices of the apps they read
(connected in ``IndicatorsConfig.ready()``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from cpbtracker.indicators import store
from cpbtracker.lib import changes
from cpbtracker.parties.models import Party
from cpbtracker.reporting.models import ReportingCycle


def _reports(sender: Any, *, cycle: ReportingCycle, parties: Iterable[Party], **_: Any) -> None:
    store.forget_reports(cycle, parties)


def _cycles(sender: Any, *, cycles: Iterable[ReportingCycle] | None, **_: Any) -> None:
    store.forget_cycles(cycles)


def _records(sender: Any, *, published_on: dt.date, **_: Any) -> None:
    store.forget_records(published_on)


def _parties(sender: Any, **_: Any) -> None:
    store.forget_parties()


def connect() -> None:
    changes.reports_changed.connect(_reports, dispatch_uid="indicators.reports")
    changes.cycles_changed.connect(_cycles, dispatch_uid="indicators.cycles")
    changes.records_changed.connect(_records, dispatch_uid="indicators.records")
    changes.parties_changed.connect(_parties, dispatch_uid="indicators.parties")
