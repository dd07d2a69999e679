"""What the engine reads from an app above it, registered by that app (imports point down):
the clearing-house records, which the records app registers in its ``AppConfig.ready()`` —
how to read the records current on a day, and how each record indicator counts them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol


class RecordMeasure(Protocol):
    @property
    def numerator(self) -> int: ...
    @property
    def denominator(self) -> int: ...  # Parties, decisions or LMOs
    @property
    def positive(self) -> frozenset[str] | None: ...  # Parties counted (a denominator of Parties)
    @property
    def negative(self) -> frozenset[str] | None: ...


class RecordIndicator(Protocol):
    @property
    def measure(self) -> Callable[[Iterable[Any], frozenset[str], dt.date], RecordMeasure]: ...
    @property
    def counts(self) -> Callable[[Any], bool]: ...  # the records of the types it counts
    @property
    def kinds(self) -> str: ...  # those types, in words (notes and reasons)


@dataclass(frozen=True)
class RecordSource:
    indicators: Mapping[str, RecordIndicator]  # indicator code -> how it counts records
    rows_on: Callable[[dt.date], tuple[Any, ...] | None]  # records current on a day; None: none


_registered: list[RecordSource] = []


def register_records(source: RecordSource) -> None:
    """The records app says how the engine reads the clearing-house records."""
    _registered[:] = [source]


def record_source() -> RecordSource:
    if not _registered:
        raise LookupError("no app has registered the clearing-house records")
    return _registered[0]
