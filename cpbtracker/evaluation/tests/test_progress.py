"""Progress statuses on hand-computed cases (t0 = 2019, t = 2026, T = 2030, so 7 and 11 years).

With a target, r = (y*/y0)^(1/11) - 1 and g = (yt/y0)^(1/7) - 1, R = d·g/|r|; the score maps
R in [-0.6, 0.6] linearly to [-5, 0] and R in [0.6, 1.3] to [0, 5]. Without a target, v = d·g
and the score maps [-0.02, 0, 0.005, 0.015, 0.02] to [-5, -2.5, 0, 2.5, 5].
"""

from __future__ import annotations

import pytest

from cpbtracker.evaluation.progress import (
    DETERIORATION,
    FEWER_THAN_HALF,
    INSUFFICIENT,
    LIMITED,
    MODERATE,
    NO_BASELINE,
    NO_INDICATOR,
    NO_VALUE,
    NONE_AVAILABLE,
    NOT_AVAILABLE,
    SCORE_BANDS,
    SUBSTANTIAL,
    TARGET_ACHIEVED,
    WITH_TARGET_BANDS,
    WITH_TARGET_SCORES,
    WITHOUT_TARGET_BANDS,
    WITHOUT_TARGET_SCORES,
    ZERO_BASELINE,
    Inputs,
    Progress,
    aggregate,
    band,
    classify,
    interpolate,
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


def test_a_zero_baseline_is_not_available_without_a_target():
    assert progress(0, 10) == Progress(NOT_AVAILABLE, None, ZERO_BASELINE)
    assert progress(0, 0) == Progress(NOT_AVAILABLE, None, ZERO_BASELINE)


def test_with_a_target_zero_is_replaced_by_0_001():
    # g = (50/0.001)^(1/7) - 1 = 3.6913, r = (100/0.001)^(1/11) - 1 = 1.8480, R = 1.997
    assert progress(0, 50, target=100) == Progress(SUBSTANTIAL, 5.0)
    assert progress(0, 0, target=100) == Progress(LIMITED, -2.5)  # g = 0, R = 0


def test_it_is_not_available_without_baseline_or_value():
    assert progress(None, 50, target=100) == Progress(NOT_AVAILABLE, None, NO_BASELINE)
    assert progress(50, None, target=100) == Progress(NOT_AVAILABLE, None, NO_VALUE)


@pytest.mark.parametrize(
    ("bounds", "edges"),
    [
        # each lower bound: the bound itself is in the band above, a hair below is not
        (WITH_TARGET_BANDS, [(0.95, SUBSTANTIAL), (0.60, MODERATE), (0.0, LIMITED)]),
        (WITHOUT_TARGET_BANDS, [(0.015, SUBSTANTIAL), (0.005, MODERATE), (0.0, LIMITED)]),
        (SCORE_BANDS, [(2.5, SUBSTANTIAL), (0.0, MODERATE), (-2.5, LIMITED)]),
    ],
)
def test_every_band_edge_on_both_sides(bounds, edges):
    below = {SUBSTANTIAL: MODERATE, MODERATE: LIMITED, LIMITED: DETERIORATION}
    for edge, status in edges:
        assert band(edge, bounds) == status
        assert band(edge - 1e-9, bounds) == below[status]


@pytest.mark.parametrize(
    ("points", "edges"),
    [
        (WITH_TARGET_SCORES, [(-0.6, -5.0), (0.6, 0.0), (1.3, 5.0)]),
        (
            WITHOUT_TARGET_SCORES,
            [(-0.02, -5.0), (0.0, -2.5), (0.005, 0.0), (0.015, 2.5), (0.02, 5.0)],
        ),
    ],
)
def test_every_score_point_and_the_ends_of_the_scale(points, edges):
    for x, score in edges:
        assert round(interpolate(x, points), 6) == score
    assert interpolate(-10, points) == -5.0 and interpolate(10, points) == 5.0


def test_statuses_at_the_edges_through_the_rule():
    # without a target, v = 0.005 exactly (value = 100 x 1.005^7) is moderate at score 0
    assert progress(100, 100 * 1.005**7 + 1e-9) == Progress(MODERATE, 0.0)
    assert progress(100, 100 * 1.005**7 - 1e-6).status == LIMITED


def test_goals_take_the_mean_score_of_their_available_indicators():
    parts = [Progress(SUBSTANTIAL, 3.0), Progress(MODERATE, 1.0), Progress(NOT_AVAILABLE, None)]
    summary = aggregate(parts)
    assert (summary.status, summary.score, summary.available) == (MODERATE, 2.0, 2)
    assert summary.counts == {SUBSTANTIAL: 1, MODERATE: 1, NOT_AVAILABLE: 1}
    assert aggregate([Progress(DETERIORATION, -4.0), Progress(LIMITED, -2.0)]).status == (
        DETERIORATION
    )


def test_a_goal_needs_half_of_its_indicators_available():
    na = Progress(NOT_AVAILABLE, None, NO_BASELINE)
    two_of_four = aggregate([Progress(MODERATE, 1.0), Progress(MODERATE, 2.0), na, na])
    assert (two_of_four.status, two_of_four.score) == (MODERATE, 1.5)
    one_of_three = aggregate([Progress(SUBSTANTIAL, 4.0), na, na])
    assert (one_of_three.status, one_of_three.score, one_of_three.available) == (
        INSUFFICIENT, None, 1,
    )  # fmt: skip
    assert one_of_three.reason == FEWER_THAN_HALF
    # an objective has no such floor
    assert aggregate([Progress(SUBSTANTIAL, 4.0), na, na], half_needed=False).status == SUBSTANTIAL


def test_a_goal_with_both_ends_is_mixed_and_its_mean_says_moderate():
    summary = aggregate([Progress(SUBSTANTIAL, 5.0), Progress(DETERIORATION, -5.0)])
    assert (summary.status, summary.score, summary.mixed) == (MODERATE, 0.0, True)
    achieved = aggregate([Progress(TARGET_ACHIEVED, 5.0), Progress(DETERIORATION, -3.0)])
    assert achieved.mixed
    assert not aggregate([Progress(MODERATE, 1.0), Progress(DETERIORATION, -3.0)]).mixed


def test_not_available_says_why():
    assert aggregate([]).reason == NO_INDICATOR
    na = Progress(NOT_AVAILABLE, None, NO_BASELINE)
    assert aggregate([na, na]).reason == NO_BASELINE
    assert aggregate([na, Progress(NOT_AVAILABLE, None, ZERO_BASELINE)]).reason == NONE_AVAILABLE


def test_target_achieved_only_when_every_indicator_achieved_it():
    achieved = Progress(TARGET_ACHIEVED, 5.0)
    assert aggregate([achieved, achieved]).status == TARGET_ACHIEVED
    assert aggregate([achieved, Progress(NOT_AVAILABLE, None)]).status == SUBSTANTIAL
    assert aggregate([Progress(NOT_AVAILABLE, None)]).status == NOT_AVAILABLE
