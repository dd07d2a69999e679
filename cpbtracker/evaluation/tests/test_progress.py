"""Progress statuses on hand-computed cases (t0 = 2019, t = 2026, T = 2030, so 7 and 11 years).

With a target, r = (y*/y0)^(1/11) - 1 and g = (yt/y0)^(1/7) - 1, R = d·g/|r|; the score maps
R in [-0.6, 0.6] linearly to [-5, 0] and R in [0.6, 1.3] to [0, 5]. Without a target, v = d·g
and the score maps [-0.02, 0, 0.005, 0.015, 0.02] to [-5, -2.5, 0, 2.5, 5].
"""

from __future__ import annotations

import pytest

from cpbtracker.evaluation.progress import (
    DETERIORATION,
    LIMITED,
    MODERATE,
    NOT_AVAILABLE,
    SUBSTANTIAL,
    TARGET_ACHIEVED,
    Inputs,
    Progress,
    aggregate,
    classify,
)


def progress(baseline, value, target=None, direction="positive"):
    return classify(
        Inputs(
            baseline=baseline,
            value=value,
            base_year=2019,
            year=2026,
            target=target,
            target_year=2030 if target is not None else None,
            direction=direction,
        )
    )


@pytest.mark.parametrize(
    ("value", "status", "score"),
    [
        # r = 2^(1/11) - 1 = 0.06504
        (100, TARGET_ACHIEVED, 5.0),  # yt >= y*
        (80, SUBSTANTIAL, 3.34),  # g = 1.6^(1/7) - 1 = 0.06945, R = 1.0678
        (70, MODERATE, 1.12),  # g = 1.4^(1/7) - 1 = 0.04924, R = 0.7571
        (55, LIMITED, -1.62),  # g = 1.1^(1/7) - 1 = 0.01371, R = 0.2108
        (40, DETERIORATION, -4.51),  # g = 0.8^(1/7) - 1 = -0.03137, R = -0.4823
    ],
)
def test_it_classifies_against_a_target(value, status, score):
    assert progress(50, value, target=100) == Progress(status, score)


@pytest.mark.parametrize(
    ("value", "status", "score"),
    [
        (120, SUBSTANTIAL, 5.0),  # v = 1.2^(1/7) - 1 = 0.02639 >= 0.02
        (105, MODERATE, 0.5),  # v = 0.006994
        (102, LIMITED, -1.08),  # v = 0.002833
        (90, DETERIORATION, -4.37),  # v = -0.01494
    ],
)
def test_it_classifies_without_a_target(value, status, score):
    assert progress(100, value) == Progress(status, score)


def test_it_classifies_a_negative_direction():
    # r = 0.25^(1/11) - 1 = -0.11848; g = 0.5^(1/7) - 1 = -0.09428; R = -g/|r| = 0.7962
    assert progress(40, 20, target=10, direction="negative") == Progress(MODERATE, 1.4)
    assert progress(40, 10, target=10, direction="negative").status == TARGET_ACHIEVED
    assert progress(40, 50, target=10, direction="negative").status == DETERIORATION
    # without a target, a fall is progress: v = -(0.9^(1/7) - 1) = 0.01494
    assert progress(100, 90, direction="negative").status == MODERATE


def test_it_replaces_zero_by_0_001():
    # g = (10/0.001)^(1/7) - 1 = 2.7276: substantial, not a division by zero
    assert progress(0, 10) == Progress(SUBSTANTIAL, 5.0)
    # g = (50/0.001)^(1/7) - 1 = 3.6913, r = (100/0.001)^(1/11) - 1 = 1.8480, R = 1.997
    assert progress(0, 50, target=100) == Progress(SUBSTANTIAL, 5.0)
    assert progress(0, 0, target=100) == Progress(LIMITED, -2.5)  # g = 0, R = 0


def test_it_is_not_available_without_baseline_or_value():
    assert progress(None, 50, target=100) == Progress(NOT_AVAILABLE, None)
    assert progress(50, None, target=100) == Progress(NOT_AVAILABLE, None)


def test_goals_take_the_mean_score_of_their_available_indicators():
    parts = [Progress(SUBSTANTIAL, 3.0), Progress(MODERATE, 1.0), Progress(NOT_AVAILABLE, None)]
    summary = aggregate(parts)
    assert (summary.status, summary.score, summary.available) == (MODERATE, 2.0, 2)
    assert aggregate([Progress(DETERIORATION, -4.0), Progress(LIMITED, -2.0)]).status == (
        DETERIORATION
    )


def test_target_achieved_only_when_every_indicator_achieved_it():
    achieved = Progress(TARGET_ACHIEVED, 5.0)
    assert aggregate([achieved, achieved]).status == TARGET_ACHIEVED
    assert aggregate([achieved, Progress(NOT_AVAILABLE, None)]).status == SUBSTANTIAL
    assert aggregate([Progress(NOT_AVAILABLE, None)]).status == NOT_AVAILABLE
