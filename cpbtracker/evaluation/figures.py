"""The one place that reads the indicator engine's results: each result becomes a plain,
storable figure (what snapshots keep, and what pages, documents and SDMX show)."""

from __future__ import annotations

from typing import TypedDict

from cpbtracker.indicators.engine.compute import Result


class PartFigure(TypedDict):
    """A secondary figure (an indicator's part) with its baseline."""

    key: str
    label: dict[str, str]
    value: float | None
    baseline_value: float | None


class Figure(TypedDict):
    code: str
    cycle: int
    region: str  # "" = all Parties
    status: str  # the engine's: computed | no-data | awaiting-records | manual
    source: str
    unit: str
    value: float | None
    numerator: int
    denominator: int  # Parties counted (positive and negative)
    population: int
    response_rate: float | None
    baseline_cycle: int | None
    baseline_value: float | None
    parties: dict[str, list[str]]  # the Parties behind the number, by group
    note: str
    parts: list[PartFigure]


def figure_of(result: Result, region: str) -> Figure:
    baseline = result.baseline
    return Figure(
        code=result.code,
        cycle=result.cycle,
        region=region,
        status=result.status,
        source=result.source,
        unit=result.unit,
        value=result.value,
        numerator=result.numerator,
        denominator=result.denominator,
        population=result.population,
        response_rate=result.response_rate,
        baseline_cycle=baseline.cycle if baseline else None,
        baseline_value=baseline.value if baseline else None,
        parties={group: list(names) for group, names in result.parties.items() if names},
        note=result.note,
        parts=[
            PartFigure(
                key=part.key,
                label=dict(part.label),
                value=part.value,
                baseline_value=part.baseline.value if part.baseline else None,
            )
            for part in result.parts
            if part.key
        ],
    )


def change(figure: Figure) -> float | None:
    """Change since the baseline, in the indicator's unit (percentage points for percents)."""
    if figure["value"] is None or figure["baseline_value"] is None:
        return None
    return round(figure["value"] - figure["baseline_value"], 1)
