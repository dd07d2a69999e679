"""The shapes of indicator results that the CLI and the API share, built once.

``cpbtracker indicators compute --format json`` writes :func:`results_payload`;
``/api/v1/indicators/`` returns it and ``/api/v1/indicators/<code>/`` returns
:func:`result_payload`. The TypedDicts are the contract: the OpenAPI schema is made from them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, NotRequired, TypedDict

from cpbtracker.indicators.engine.compute import OUTSIDE_BASE, Result
from cpbtracker.lib.apischema import typed_schema

RESULT_COLUMNS = (
    "code",
    "goal",
    "source",
    "status",
    "value",
    "unit",
    "numerator",
    "denominator",
    "population",
    "reporting",
    "response_rate",
    "measured_from",
    "baseline_cycle",
    "baseline_value",
    "change",
)


class FigureSource(TypedDict):
    """Where a figure the Secretariat entered comes from: its source and date or window."""

    source: str
    as_of: str | None
    window_start: str | None
    window_end: str | None


class BaselineJson(TypedDict):
    """The baseline cycle's figure; ``respondents`` is the contract name of ``denominator``."""

    cycle: int
    value: float | None
    numerator: int
    respondents: int
    denominator: int
    figure: FigureSource | None


class FiguresJson(TypedDict):
    """The figures of a result or of one of its parts."""

    value: float | None
    unit: str
    numerator: int
    denominator: int
    population: int
    reporting: int | None
    response_rate: float | None
    measured_from: str


class PartJson(FiguresJson):
    """A secondary figure: a part of an "X and Y" indicator, or a derived one's component."""

    key: str
    label: dict[str, str]
    proxy: bool
    status: str
    figure: FigureSource | None
    baseline: BaselineJson | None
    change: float | None


class ResultJson(FiguresJson):
    """One indicator's result for a cycle, all Parties or one region."""

    code: str
    respondents: int
    baseline: BaselineJson | None
    baseline_reason: str | None  # why there is no baseline, where a rule refuses one
    change: float | None
    source: str
    status: str
    distribution: dict[str, int]
    note: str
    figure: FigureSource | None
    parts: list[PartJson]


class ResultsPayload(TypedDict):
    """Every indicator of the plan for a cycle; ``computed_at`` when read from stored results."""

    cycle: int
    region: str | None
    indicators: list[ResultJson]
    computed_at: NotRequired[str]


class ResultPayload(ResultJson):
    """One indicator for a cycle, with the Parties behind the number, by group (``positive``,
    ``negative``, ``excluded``, ``not_answered``, ``outside_base`` - also under its earlier
    name ``not_applicable`` -, ``not_reported``)."""

    cycle: int
    region: str | None
    computed_at: NotRequired[str]
    parties: dict[str, list[str]]


RESULTS_SCHEMA = typed_schema(ResultsPayload)
RESULT_SCHEMA = typed_schema(ResultPayload)


def _figures(result: Result) -> FiguresJson:
    return {
        "value": result.value,
        "unit": result.unit,
        "numerator": result.numerator,
        "denominator": result.denominator,
        "population": result.population,
        "reporting": result.reporting,
        "response_rate": result.response_rate,
        "measured_from": result.measured_from,
    }


def _figure_source(result: Result) -> FigureSource | None:
    if result.figure is None:
        return None
    stored = result.figure.to_json()
    return {
        "source": stored["source"],
        "as_of": stored["as_of"],
        "window_start": stored["window_start"],
        "window_end": stored["window_end"],
    }


def _baseline(result: Result) -> BaselineJson | None:
    base = result.baseline
    if base is None:
        return None
    return {
        "cycle": base.cycle,
        "value": base.value,
        "numerator": base.numerator,
        "respondents": base.denominator,
        "denominator": base.denominator,
        "figure": _figure_source(base),
    }


def _part(part: Result) -> PartJson:
    return {
        "key": part.key,
        "label": part.label,
        "proxy": part.proxy,
        "status": part.status,
        **_figures(part),
        "figure": _figure_source(part),
        "baseline": _baseline(part),
        "change": part.change,
    }


def result_json(result: Result) -> ResultJson:
    """The contract shape of one indicator."""
    return {
        "code": result.code,
        **_figures(result),
        "respondents": result.denominator,  # the value's denominator (contract name)
        "baseline": _baseline(result),
        "baseline_reason": result.baseline_reason or None,
        "change": result.change,
        "source": result.source,
        "status": result.status,
        "distribution": result.distribution,
        "note": result.note,
        "figure": _figure_source(result),
        "parts": [_part(p) for p in result.parts],
    }


def results_payload(
    cycle: int, region: str, results: list[Result], computed_at: dt.datetime | None = None
) -> ResultsPayload:
    payload: ResultsPayload = {
        "cycle": cycle,
        "region": region or None,
        "indicators": [result_json(r) for r in results],
    }
    if computed_at is not None:
        payload["computed_at"] = computed_at.isoformat()
    return payload


def result_payload(
    cycle: int, region: str, result: Result, computed_at: dt.datetime | None = None
) -> ResultPayload:
    groups = dict(result.parties)
    if OUTSIDE_BASE in groups:
        groups["not_applicable"] = groups[OUTSIDE_BASE]  # the API's earlier name, kept
    payload: ResultPayload = {
        "cycle": cycle,
        "region": region or None,
        **result_json(result),
        "parties": groups,
    }
    if computed_at is not None:
        payload["computed_at"] = computed_at.isoformat()
    return payload


def result_row(result: Result) -> dict[str, Any]:
    """One flat row (CSV/XLSX), columns RESULT_COLUMNS."""
    return {
        "code": result.code,
        "goal": result.code.split("(")[0],
        "source": result.source,
        "status": result.status,
        **_figures(result),
        "baseline_cycle": result.baseline.cycle if result.baseline else None,
        "baseline_value": result.baseline.value if result.baseline else None,
        "change": result.change,
    }
