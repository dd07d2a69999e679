"""Arabic pages are laid out right to left: the mirror image of the English ones."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Locator, Page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def box(locator: Locator) -> Any:
    found = locator.bounding_box()
    assert found is not None
    return found


def right_edge(locator: Locator) -> float:
    found = box(locator)
    return found["x"] + found["width"]


def test_an_arabic_page_is_the_mirror_image_of_the_english_one(
    demo_copy, page: Page, tmp_path: Path
):
    viewport = page.viewport_size
    assert viewport is not None
    width = viewport["width"]
    page.goto("/indicators/?cycle=5&lang=ar")
    html = page.locator("html")
    assert (html.get_attribute("lang"), html.get_attribute("dir")) == ("ar", "rtl")
    page.screenshot(path=tmp_path / "scoreboard-ar.png", full_page=True)
    assert (tmp_path / "scoreboard-ar.png").stat().st_size > 10_000

    # The header starts on the right: the brand right of the navigation, the nav's first link
    # right of its last.
    brand, links = page.locator("header.site .brand"), page.locator("header.site nav a")
    assert box(brand)["x"] > right_edge(links.first)
    assert box(links.first)["x"] > box(links.last)["x"]
    assert right_edge(brand) > width * 0.9
    # The heading and the table's first column sit on the right.
    heading = page.locator("main h1")
    assert right_edge(heading) > width * 0.85
    first, last = (
        page.locator("main table thead th").first,
        page.locator("main table thead th").last,
    )
    assert box(first)["x"] > box(last)["x"]

    page.goto("/indicators/?cycle=5&lang=en")
    assert box(page.locator("header.site .brand"))["x"] < width * 0.1
    first, last = (
        page.locator("main table thead th").first,
        page.locator("main table thead th").last,
    )
    assert box(first)["x"] < box(last)["x"]


def test_an_arabic_indicator_chart_reads_from_the_right(demo_copy, page: Page):
    page.goto("/plan/indicators/A.1(a)/?cycle=5&lang=ar")
    labels = page.locator("svg.chart text.group")
    assert labels.count() >= 2
    # The first region of the chart (as in its table's first row) is drawn on the right.
    assert box(labels.first)["x"] > box(labels.nth(1))["x"]
    ticks = page.locator("svg.chart text.tick")
    plot = page.locator("svg.chart rect").first
    assert box(ticks.first)["x"] > box(plot)["x"]  # the axis labels right of the plot
