"""Progress towards targets, the method Open SDG and Statistics Canada use: plain Python.

An indicator's status comes from its compound annual growth between the baseline and the
evaluated cycle, compared with the growth its target requires (or, without a target, with fixed
growth thresholds). Each status also has a score on the -5..+5 scale; objectives and goals take
the mean score of their indicators and map it back to a status. A goal needs at least half of
its indicators available (else ``insufficient_data``) and is *mixed* when it holds both an
indicator at substantial progress or target achieved and one in deterioration.

A status that cannot be given carries a reason code (``REASONS``); pages word it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

TARGET_ACHIEVED = "target_achieved"
SUBSTANTIAL = "substantial_progress"
MODERATE = "moderate_progress"
LIMITED = "limited_progress"
DETERIORATION = "deterioration"
NOT_AVAILABLE = "not_available"
INSUFFICIENT = "insufficient_data"
STATUSES = (
    TARGET_ACHIEVED,
    SUBSTANTIAL,
    MODERATE,
    LIMITED,
    DETERIORATION,
    INSUFFICIENT,
    NOT_AVAILABLE,
)
WITH_TARGET = "with_target"
WITHOUT_TARGET = "without_target"
# Why a status is not available (or the data insufficient): reason codes.
NO_BASELINE = "no_baseline"
NO_VALUE = "no_value"
BASELINE_CYCLE = "baseline_cycle"
ZERO_BASELINE = "zero_baseline"
NO_INDICATOR = "no_indicator"
NONE_AVAILABLE = "none_available"
FEWER_THAN_HALF = "fewer_than_half"
REASONS = (
    NO_BASELINE,
    NO_VALUE,
    BASELINE_CYCLE,
    ZERO_BASELINE,
    NO_INDICATOR,
    NONE_AVAILABLE,
    FEWER_THAN_HALF,
)
DIRECTIONS = {"positive": 1, "negative": -1}
ZERO = 0.001  # an exponential model cannot start from or aim at zero

# Lower bounds of substantial, moderate and limited progress; below the last: deterioration.
WITH_TARGET_BANDS = (0.95, 0.60, 0.0)  # R = d·g / |r|
WITHOUT_TARGET_BANDS = (0.015, 0.005, 0.0)  # v = d·g
SCORE_BANDS = (2.5, 0.0, -2.5)  # a mean score back to a status
# (progress value, score) points of the piecewise-linear score transformations.
WITH_TARGET_SCORES = ((-0.6, -5.0), (0.6, 0.0), (1.3, 5.0))
WITHOUT_TARGET_SCORES = ((-0.02, -5.0), (0.0, -2.5), (0.005, 0.0), (0.015, 2.5), (0.02, 5.0))


@dataclass(frozen=True)
class Inputs:
    """One indicator's figures: years are those of the cycles' deadlines."""

    baseline: float | None
    value: float | None
    base_year: int
    year: int
    target: float | None = None
    target_year: int | None = None
    direction: str = "positive"


@dataclass(frozen=True)
class Progress:
    status: str
    score: float | None
    reason: str | None = None  # a REASONS code when the status is not available

    @property
    def available(self) -> bool:
        return self.status not in (NOT_AVAILABLE, INSUFFICIENT) and self.score is not None


@dataclass(frozen=True)
class Aggregate:
    status: str
    score: float | None
    available: int  # indicators with a status other than not_available
    counts: dict[str, int]  # indicators by status
    mixed: bool  # substantial progress or target achieved next to deterioration
    reason: str | None = None


def _nonzero(value: float) -> float:
    return ZERO if value == 0 else value


def _growth(start: float, end: float, years: int) -> float:
    return (_nonzero(end) / _nonzero(start)) ** (1 / years) - 1


def interpolate(x: float, points: Sequence[tuple[float, float]]) -> float:
    """The piecewise-linear score at ``x``, flat beyond the first and last points."""
    if x <= points[0][0]:
        return points[0][1]
    for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
        if x <= x1:
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    return points[-1][1]


def band(x: float, bounds: tuple[float, float, float]) -> str:
    """Substantial, moderate or limited progress from their lower bounds (a bound belongs to
    the band above it); below the last: deterioration."""
    for status, bound in zip((SUBSTANTIAL, MODERATE, LIMITED), bounds, strict=True):
        if x >= bound:
            return status
    return DETERIORATION


def status_of_score(score: float) -> str:
    """The status band a score falls in: [2.5, 5] substantial ... [-5, -2.5[ deterioration."""
    return band(score, SCORE_BANDS)


def method_of(inputs: Inputs) -> str:
    """``with_target`` when a target due after the baseline is set, else ``without_target``."""
    if (
        inputs.target is not None
        and inputs.target_year is not None
        and inputs.target_year > inputs.base_year
    ):
        return WITH_TARGET
    return WITHOUT_TARGET


def classify(inputs: Inputs) -> Progress:
    """The indicator's status and score; not available without a baseline or a value, or from
    a zero baseline without a target (a growth rate from zero is undefined)."""
    y0, yt = inputs.baseline, inputs.value
    if y0 is None:
        return Progress(NOT_AVAILABLE, None, NO_BASELINE)
    if yt is None:
        return Progress(NOT_AVAILABLE, None, NO_VALUE)
    if inputs.year <= inputs.base_year:
        return Progress(NOT_AVAILABLE, None, BASELINE_CYCLE)
    d = DIRECTIONS[inputs.direction]
    target = inputs.target
    if target is not None and (yt - target) * d >= 0:
        return Progress(TARGET_ACHIEVED, 5.0)
    if method_of(inputs) == WITH_TARGET and target is not None and inputs.target_year:
        g = _growth(y0, yt, inputs.year - inputs.base_year)
        r = _growth(y0, target, inputs.target_year - inputs.base_year)
        ratio = d * g / abs(r) if r else d * g / ZERO
        status = band(ratio, WITH_TARGET_BANDS)
        return Progress(status, round(interpolate(ratio, WITH_TARGET_SCORES), 2))
    if y0 == 0:
        return Progress(NOT_AVAILABLE, None, ZERO_BASELINE)
    v = d * _growth(y0, yt, inputs.year - inputs.base_year)
    return Progress(band(v, WITHOUT_TARGET_BANDS), round(interpolate(v, WITHOUT_TARGET_SCORES), 2))


def aggregate(parts: Sequence[Progress], *, half_needed: bool = True) -> Aggregate:
    """An objective's or goal's status: the mean score of its available indicators, mapped back
    to a status; target achieved only when every indicator achieved its target.

    Not available with no parts (``no_indicator``) or none available; with ``half_needed`` (a
    goal, or an indicator made of parts), ``insufficient_data`` when fewer than half of the
    parts are available (no score then: it would read as a status).
    """
    counts = {status: sum(p.status == status for p in parts) for status in STATUSES}
    counts = {status: n for status, n in counts.items() if n}
    mixed = bool(counts.get(SUBSTANTIAL) or counts.get(TARGET_ACHIEVED)) and bool(
        counts.get(DETERIORATION)
    )
    if not parts:
        return Aggregate(NOT_AVAILABLE, None, 0, counts, mixed, NO_INDICATOR)
    available = [p.score for p in parts if p.available and p.score is not None]
    if not available:
        reasons = {p.reason for p in parts}
        shared = reasons.pop() if len(reasons) == 1 else None  # e.g. every one: no baseline
        return Aggregate(NOT_AVAILABLE, None, 0, counts, mixed, shared or NONE_AVAILABLE)
    if half_needed and 2 * len(available) < len(parts):
        return Aggregate(INSUFFICIENT, None, len(available), counts, mixed, FEWER_THAN_HALF)
    score = round(sum(available) / len(available), 2)
    if all(p.status == TARGET_ACHIEVED for p in parts):
        return Aggregate(TARGET_ACHIEVED, score, len(available), counts, mixed)
    return Aggregate(status_of_score(score), score, len(available), counts, mixed)
