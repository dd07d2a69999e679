"""Progress towards targets, the method Open SDG and Statistics Canada use: plain Python.

An indicator's status comes from its compound annual growth between the baseline and the
evaluated cycle, compared with the growth its target requires (or, without a target, with fixed
growth thresholds). Each status also has a score on the -5..+5 scale; objectives and goals take
the mean score of their indicators and map it back to a status.
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
STATUSES = (TARGET_ACHIEVED, SUBSTANTIAL, MODERATE, LIMITED, DETERIORATION, NOT_AVAILABLE)
DIRECTIONS = {"positive": 1, "negative": -1}
ZERO = 0.001  # an exponential model cannot start from or aim at zero

# Lower bounds of substantial, moderate and limited progress; below the last: deterioration.
WITH_TARGET_BANDS = (0.95, 0.60, 0.0)  # R = d·g / |r|
WITHOUT_TARGET_BANDS = (0.015, 0.005, 0.0)  # v = d·g
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


@dataclass(frozen=True)
class Aggregate:
    status: str
    score: float | None
    available: int  # indicators with a status other than not_available


def _nonzero(value: float) -> float:
    return ZERO if value == 0 else value


def _growth(start: float, end: float, years: int) -> float:
    return (_nonzero(end) / _nonzero(start)) ** (1 / years) - 1


def _interpolate(x: float, points: Sequence[tuple[float, float]]) -> float:
    if x <= points[0][0]:
        return points[0][1]
    for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
        if x <= x1:
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    return points[-1][1]


def _band(x: float, bounds: tuple[float, float, float]) -> str:
    for status, bound in zip((SUBSTANTIAL, MODERATE, LIMITED), bounds, strict=True):
        if x >= bound:
            return status
    return DETERIORATION


def status_of_score(score: float) -> str:
    """The status band a score falls in: [2.5, 5] substantial ... [-5, -2.5[ deterioration."""
    return _band(score, (2.5, 0.0, -2.5))


def classify(inputs: Inputs) -> Progress:
    """The indicator's status and score; not available without a baseline or a value."""
    y0, yt = inputs.baseline, inputs.value
    if y0 is None or yt is None or inputs.year <= inputs.base_year:
        return Progress(NOT_AVAILABLE, None)
    d = DIRECTIONS[inputs.direction]
    target = inputs.target
    if target is not None and (yt - target) * d >= 0:
        return Progress(TARGET_ACHIEVED, 5.0)
    g = _growth(y0, yt, inputs.year - inputs.base_year)
    if target is not None and inputs.target_year and inputs.target_year > inputs.base_year:
        r = _growth(y0, target, inputs.target_year - inputs.base_year)
        ratio = d * g / abs(r) if r else d * g / ZERO
        band = _band(ratio, WITH_TARGET_BANDS)
        return Progress(band, round(_interpolate(ratio, WITH_TARGET_SCORES), 2))
    v = d * g
    return Progress(
        _band(v, WITHOUT_TARGET_BANDS), round(_interpolate(v, WITHOUT_TARGET_SCORES), 2)
    )


def aggregate(parts: Sequence[Progress]) -> Aggregate:
    """An objective's or goal's status: the mean score of its available indicators, mapped back
    to a status; target achieved only when every indicator achieved its target."""
    available = [p for p in parts if p.status != NOT_AVAILABLE and p.score is not None]
    if not available:
        return Aggregate(NOT_AVAILABLE, None, 0)
    score = round(sum(p.score for p in available if p.score is not None) / len(available), 2)
    if all(p.status == TARGET_ACHIEVED for p in parts):
        return Aggregate(TARGET_ACHIEVED, score, len(available))
    return Aggregate(status_of_score(score), score, len(available))
