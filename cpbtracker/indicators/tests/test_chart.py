"""The region chart reads from the right on right-to-left pages: the mirror image of the
left-to-right one, with the axis labels right of the plot."""

from __future__ import annotations

import re

from django.test import Client

from cpbtracker.indicators.chart import WIDTH, bar_chart

GROUPS = [("Africa", [40.0, 60.0]), ("Asia-Pacific", [20.0, None])]


def test_it_draws_the_first_group_on_the_left_from_left_to_right():
    chart = bar_chart(GROUPS, ["4", "5"])
    first, second = chart.groups
    assert first.x < second.x
    assert first.bars[0].x < first.bars[1].x
    assert chart.tick_anchor == "end" and chart.tick_x < chart.grid[0]


def test_it_mirrors_the_chart_from_right_to_left():
    ltr, rtl = bar_chart(GROUPS, ["4", "5"]), bar_chart(GROUPS, ["4", "5"], rtl=True)
    first, second = rtl.groups
    assert first.x > second.x  # Africa, the first group, on the right
    assert first.bars[0].x > first.bars[1].x  # cycle 4 right of cycle 5
    for mirrored, original in zip(rtl.groups, ltr.groups, strict=True):
        assert mirrored.x == round(WIDTH - original.x, 1)
        for bar, bar_ltr in zip(mirrored.bars, original.bars, strict=True):
            assert bar.x + bar.width == round(WIDTH - bar_ltr.x, 1)
            assert (bar.y, bar.height) == (bar_ltr.y, bar_ltr.height)
    assert rtl.tick_anchor == "start" and rtl.tick_x > rtl.grid[0]


def test_the_charts_coordinates_stay_numbers_in_a_language_with_a_decimal_comma(submit):
    measures = {"Q007": {"value": "implementation.fullInPlace"}}
    for iso2 in ("KE", "CN"):
        submit(iso2, 5, measures)
    for iso2 in ("NG", "ZA"):  # Africa at 1 in 3: bars of fractional height
        submit(iso2, 5, {"Q007": {"value": "implementation.none"}})
    submit("KE", 4, {"Q014": {"value": "implementation.none"}})
    html = Client().get("/plan/indicators/A.1(a)/?cycle=5&lang=fr").content.decode()
    svg = html[html.index('<svg class="chart"') : html.index("</svg>")]
    coordinates = re.findall(r' (?:x|y|width|height|x1|x2|y1|y2)="([^"]*)"', svg)
    assert len(coordinates) > 20
    assert any("." in c for c in coordinates)  # decimals, which French would write with a comma
    assert [c for c in coordinates if not re.fullmatch(r"-?\d+(\.\d+)?", c)] == []
