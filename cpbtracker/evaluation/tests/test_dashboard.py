"""`/evaluation/`: goals as tiles with status text and icon, filters, a goal's evidence."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.core.management import call_command

from cpbtracker.evaluation.models import Target
from cpbtracker.plan.models import Indicator

pytestmark = pytest.mark.django_db


def test_the_dashboard_shows_14_goal_tiles_with_status_in_words(client, growing):
    page = client.get("/evaluation/").content.decode()
    assert page.count('<li class="tile tile-') == 14
    assert "Live, not frozen" in page
    # A.1: A.1(a) went from 50% to 66.7% (substantial, no target), the other two lack data:
    # 1 of 3 available, fewer than half
    assert 'class="tile tile-insufficient_data"' in page
    assert 'Insufficient data</span> <span class="reason">(fewer than half' in page
    assert '<span class="icon" aria-hidden="true">▲</span> Substantial progress' in page
    assert "Indicators available: 1 of 3" in page
    assert "Its indicators by status: ▲ Substantial progress 1 · ? Not available 2" in page
    assert "<bdi>+16.7</bdi>" in page  # change since the baseline, in points
    assert "(no target: growth rate since the baseline)" in page  # the method
    assert "Score: from -5 (deterioration) to +5" in page  # the scale explained
    # the objectives with their own status and indicators
    assert '(no baseline)</span> <span class="muted">indicators: A.1(b)</span>' in page


def test_an_indicative_and_an_adopted_target_are_told_apart(client, growing):
    call_command("milestones", "set", "A.1(a)", "--target", "100", "--year", "2030")
    call_command(
        "milestones", "set", "A.1(b)", "--target", "90", "--year", "2030", "--decision", "CP-11/5"
    )
    page = client.get("/evaluation/").content.decode()
    assert "<td>100 by 2030, indicative (not adopted)</td>" in page
    assert "<td>90 by 2030, adopted (CP-11/5)</td>" in page
    assert "(towards its target)" in page
    goal = client.get("/evaluation/goals/A.1/").content.decode()
    assert "target: 100 by 2030, indicative (not adopted)" in goal
    assert "<title>indicative target 2030: 100%</title>" in goal
    assert "<th>adopted target</th>" in goal


def test_it_shows_the_latest_cycle_with_reports_and_refuses_a_malformed_cycle(client, submit):
    submit("KE", 4, {"Q014": {"value": "implementation.none"}})
    assert "in reporting cycle 4 since" in client.get("/evaluation/").content.decode()
    assert "in reporting cycle 5 since" in client.get("/evaluation/?cycle=5").content.decode()
    refused = client.get("/evaluation/?cycle=abc")
    assert refused.status_code == 400 and "cycle must be a whole number" in refused.content.decode()


def test_the_region_filter_recomputes_the_statuses(client, growing):
    def a1a_status(query: str) -> str:
        page = client.get(f"/evaluation/{query}").content.decode()
        found = re.search(r'>A.1\(a\)</a></td>.*?<span class="progress progress-([a-z_]+)">', page)
        assert found is not None
        return found[1]

    assert a1a_status("") == "substantial_progress"
    # in Asia and the Pacific China alone: 0% -> 0%, a zero baseline
    assert a1a_status("?region=APAC") == "not_available"
    # Kenya alone in Africa: 100% -> 100%, v = 0: limited progress
    assert a1a_status("?region=AFR") == "limited_progress"


def test_a_snapshot_is_shown_as_frozen(client, reports, submit):
    call_command("evaluation", "snapshot", "--cycle", "5", "--label", "mid-2026")
    submit("BR", 5, {"Q007": {"value": "implementation.fullInPlace"}})
    frozen = client.get("/evaluation/?snapshot=mid-2026").content.decode()
    assert "Snapshot “mid-2026”" in frozen and "Live, not frozen</strong>:" not in frozen
    assert "<bdi>+50</bdi>" in frozen
    assert "<bdi>+66.7</bdi>" in client.get("/evaluation/").content.decode()
    assert "zero baseline: growth rate undefined" in frozen
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
    assert "<title>indicative target 2030: 90%</title>" in page
    assert "(positive)" not in page
    assert "<title>milestone 2026: 60%</title>" in page
    assert '<th>indicative target</th><td class="num">2030</td><td class="num">90.0</td>' in page
    assert '<th>Africa</th><td class="num">100.0</td>' in page
    assert client.get("/evaluation/goals/Z.9/").status_code == 404


def test_the_dashboard_speaks_chinese(client, growing):
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


def test_a4a_is_labelled_a_proxy_wherever_its_number_appears(client, reports):
    label = '<span class="badge proxy">proxy: core obligations met, not a finding of compliance'
    for url in ("/evaluation/", "/evaluation/goals/A.4/", "/plan/indicators/A.4(a)/?cycle=5"):
        assert label in client.get(url).content.decode(), url
    assert label in client.get("/indicators/?cycle=5").content.decode()
    assert "proxy:" not in client.get("/evaluation/goals/A.1/").content.decode()
