"""`/evaluation/`: goals as tiles with status text and icon, filters, a goal's evidence."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.core.management import call_command

from cpbtracker.evaluation.models import Target
from cpbtracker.plan.models import Indicator

pytestmark = pytest.mark.django_db


def test_the_dashboard_shows_14_goal_tiles_with_status_in_words(client, reports):
    page = client.get("/evaluation/").content.decode()
    assert page.count('<li class="tile tile-') == 14
    assert "Live, not frozen" in page
    # A.1: A.1(a) went from 0% to 50% (substantial), the other two lack data
    assert 'class="tile tile-substantial_progress"' in page
    assert '<span class="icon" aria-hidden="true">▲</span> Substantial progress' in page
    assert "Indicators available: 1 of 3" in page
    assert "<bdi>+50</bdi>" in page  # change since the baseline, in points


def test_it_shows_the_latest_cycle_with_reports_and_refuses_a_malformed_cycle(client, submit):
    submit("KE", 4, {"Q014": {"value": "implementation.none"}})
    assert "in reporting cycle 4 since" in client.get("/evaluation/").content.decode()
    assert "in reporting cycle 5 since" in client.get("/evaluation/?cycle=5").content.decode()
    refused = client.get("/evaluation/?cycle=abc")
    assert refused.status_code == 400 and "cycle must be a whole number" in refused.content.decode()


def test_the_region_filter_recomputes_the_tiles(client, reports):
    def a1_tile(query: str) -> str:
        page = client.get(f"/evaluation/{query}").content.decode()
        found = re.search(
            r'<li class="tile tile-([a-z_]+)">\s*<h3><a href="/evaluation/goals/A.1/', page
        )
        assert found is not None
        return found[1]

    assert a1_tile("") == "substantial_progress"
    # in Asia and the Pacific only China reported (negative in cycle 5, no 4th report)
    assert a1_tile("?region=APAC") == "not_available"
    assert a1_tile("?region=AFR") == "substantial_progress"  # Kenya: 0% -> 100%


def test_a_snapshot_is_shown_as_frozen(client, reports, submit):
    call_command("evaluation", "snapshot", "--cycle", "5", "--label", "mid-2026")
    submit("BR", 5, {"Q007": {"value": "implementation.fullInPlace"}})
    frozen = client.get("/evaluation/?snapshot=mid-2026").content.decode()
    assert "Snapshot “mid-2026”" in frozen and "Live, not frozen</strong>:" not in frozen
    assert "<bdi>+50</bdi>" in frozen
    assert "<bdi>+66.7</bdi>" in client.get("/evaluation/").content.decode()
    assert client.get("/evaluation/?snapshot=nope").status_code == 404


def test_a_goal_page_draws_each_indicator_across_cycles_with_target_and_milestones(client, reports):
    Target.objects.create(
        indicator=Indicator.objects.get(code="A.1(a)"),
        value=90,
        year=2030,
        milestones=[{"year": 2026, "value": 60}],
    )
    page = client.get("/evaluation/goals/A.1/").content.decode()
    assert page.count('<svg class="series"') == 3
    assert "<title>2019: 0%</title>" in page and "<title>2026: 50%</title>" in page
    assert "<title>target 2030: 90%</title>" in page
    assert "<title>milestone 2026: 60%</title>" in page
    assert '<th>target</th><td class="num">2030</td><td class="num">90.0</td>' in page
    assert '<th>Africa</th><td class="num">100.0</td>' in page
    assert client.get("/evaluation/goals/Z.9/").status_code == 404


def test_the_dashboard_speaks_chinese(client, reports):
    page = client.get("/evaluation/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "<h1>计划执行进展</h1>" in page
    assert '<span class="icon" aria-hidden="true">▲</span> 取得重大进展' in page
    assert "实时数据，未冻结" in page


class Structure(HTMLParser):
    """What an accessibility checker looks at first: labelled controls, titled charts,
    tables with headers, no skipped heading levels."""

    def __init__(self) -> None:
        super().__init__()
        self.open_labels = 0
        self.label_targets: set[str] = set()
        self.controls: list[tuple[str, str, bool]] = []  # (name, id, inside a label)
        self.svgs = self.svg_titles = 0
        self.headings: list[int] = []

    def handle_starttag(self, tag, attrs):
        attributes = {k: v or "" for k, v in attrs}
        if tag == "label":
            self.open_labels += 1
            self.label_targets.add(attributes.get("for", ""))
        elif tag in ("select", "input") and attributes.get("type") != "hidden":
            self.controls.append(
                (attributes.get("name", ""), attributes.get("id", ""), bool(self.open_labels))
            )
        elif tag == "svg":
            self.svgs += 1
        elif tag == "title" and self.svgs:
            self.svg_titles += 1
        elif re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))

    def handle_endtag(self, tag):
        if tag == "label":
            self.open_labels -= 1

    @property
    def unlabelled(self) -> list[str]:
        return [n for n, i, inside in self.controls if not inside and i not in self.label_targets]


def test_the_pages_label_controls_title_charts_and_keep_heading_order(client, reports):
    for url in ("/evaluation/", "/evaluation/goals/A.1/", "/evaluation/documents/"):
        parser = Structure()
        parser.feed(client.get(url).content.decode())
        assert parser.unlabelled == [], url
        assert parser.svg_titles >= parser.svgs, url
        steps = zip(parser.headings, parser.headings[1:], strict=False)
        assert all(b <= a + 1 for a, b in steps), url
