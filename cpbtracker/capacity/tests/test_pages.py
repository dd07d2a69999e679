"""The capacity pages and downloads show the numbers of the gap analysis."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.core.management import call_command

from cpbtracker.capacity.tests.conftest import DET, RA

pytestmark = pytest.mark.django_db
GOAL_CAPTION = (
    "Uncovered needs by goal of the plan (through the area mapping): "
    "Parties with at least one uncovered need under the goal"
)


def page(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def rows_of(html: str, caption: str) -> list[list[str]]:
    """Cell texts of each row of the table with this caption."""
    table = html.split(f"<caption>{caption}</caption>", 1)[1].split("</table>", 1)[0]
    return [
        [
            " ".join(re.sub(r"<[^>]+>", " ", c).split())
            for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)
    ]


def cells(html: str, caption: str) -> dict[str, list[str]]:
    """Row header -> the row's other cells."""
    return {row[0]: row[1:] for row in rows_of(html, caption)}


def test_the_heat_map_shows_uncovered_over_needs_by_region_with_a_data_table(client, scenario):
    html = page(client, "/capacity/?cycle=5")
    heat = cells(html, "Uncovered needs by capacity-building area and UN regional group")
    # columns: Africa, Asia-Pacific, Eastern Europe, Latin America, WEOG, all Parties
    ra = heat["Risk assessment and other scientific and technical expertise"]
    assert ra == ["0 / 2", "1 / 1", "0 / 0", "0 / 0", "0 / 0", "1 / 3"]
    detection = heat["Sampling, detection and identification of LMOs"]
    assert detection[1] == "1 / 2"
    assert 'class="num heat-4"' in html  # the most uncovered cell has the darkest shade
    by_goal = {
        code.split()[0]: row
        for code, row in cells(html, GOAL_CAPTION).items()
        if code.startswith(("A.", "B."))
    }
    assert by_goal["A.5"][-1] == "1 / 3"  # CN, KE, NG need risk assessment; CN uncovered
    assert by_goal["A.8"][-1] == "1 / 2"  # CN, IN need detection; CN uncovered
    table = rows_of(html, "Parties with the need, covered and uncovered, by area and region")
    risk = "Risk assessment and other scientific and technical expertise"
    # need, covered, of which nationally and regionally only, uncovered
    assert [risk, "Africa", "2", "2", "1", "1", "0"] in table
    assert [risk, "Asia and the Pacific", "1", "0", "0", "0", "1"] in table


def test_the_page_download_is_the_command_output(client, scenario):
    out = io.StringIO()
    call_command("capacity", "gaps", "--cycle", "5", "--format", "csv", stdout=out)
    response = client.get("/capacity/?cycle=5&format=csv")
    assert response.content.decode() == out.getvalue()
    rows = {r["area"]: r for r in csv.DictReader(io.StringIO(out.getvalue()))}
    assert rows[DET]["parties_uncovered"] == "CN"
    assert client.get("/capacity/?cycle=5&format=json").json()["cycle"] == 5


def test_an_area_page_lists_parties_initiatives_budgets_and_donors(client, scenario):
    html = page(client, f"/capacity/areas/{RA}/?cycle=5")
    assert '<td class="num" id="with-need">3</td>' in html
    assert '<td class="num" id="covered">2</td>' in html
    assert '<td class="num" id="covered-nationally">1</td>' in html
    assert '<td class="num" id="covered-regionally-only">1</td>' in html
    assert '<td class="num" id="uncovered">1</td>' in html
    assert "I-AFR" in html and "I-KE<" in html
    assert "I-OLD" not in html and "I-BR" not in html and "I-CANCELLED" not in html
    # I-KE (national) 40,000 + I-AFR (regional) 100,000, each once
    assert '<td class="num" id="national-budget">40,000</td>' in html
    assert '<td class="num" id="regional-budget">100,000</td>' in html
    assert '<td class="num" id="total-budget">140,000</td>' in html
    assert "not additive" in html
    assert "ORG-1" in html
    page(client, "/capacity/areas/NOT-AN-AREA/", 404)


def identifiers_in(html: str) -> list[str]:
    return sorted(set(re.findall(r'<span class="code">(I-[A-Z-]+)</span>', html)))


def test_the_initiatives_filter_by_country_year_and_donor(client, scenario):
    # Kenya: the Kenyan, the African and the global initiatives
    assert identifiers_in(page(client, "/capacity/initiatives/?country=ke")) == [
        "I-AFR",
        "I-GLOBAL",
        "I-KE",
        "I-OLD",
    ]
    # running in 2021: not the one that ended in 2019, nor the one starting in 2025
    assert identifiers_in(page(client, "/capacity/initiatives/?year=2021")) == [
        "I-AFR",
        "I-BR",
        "I-GLOBAL",
        "I-LATE",
    ]
    assert identifiers_in(page(client, "/capacity/initiatives/?donor=org-2")) == [
        "I-BR",
        "I-KE",
        "I-OLD",
    ]
    response = client.get("/capacity/initiatives/?donor=ORG-2&format=csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(r["identifier"], r["budget_usd"]) for r in rows] == [
        ("I-BR", "30000.0"),
        ("I-KE", "40000.0"),
        ("I-OLD", "20000.0"),
    ]


UNIQUE_TOTAL = 20000 + 100000 + 50000 + 40000 + 30000  # I-OLD, I-AFR, I-GLOBAL, I-KE, I-BR


def test_the_initiatives_page_and_its_download_total_each_budget_once(client, scenario):
    html = page(client, "/capacity/initiatives/")
    assert f'<td class="num" id="total-budget">{UNIQUE_TOTAL:,}</td>' in html
    response = client.get("/capacity/initiatives/?format=csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert sum(float(r["budget_usd"] or 0) for r in rows) == UNIQUE_TOTAL


def test_the_donors_page_shows_how_much_meets_reported_needs(client, scenario):
    html = page(client, "/capacity/donors/?cycle=5")
    rows = cells(html.replace("<thead>", "<caption>x</caption><thead>", 1), "x")
    # ORG-1: I-AFR 100,000 + I-GLOBAL 50,000 + I-KE 40,000, all cover a reported need
    assert rows["ORG-1"][:4] == ["3", "190,000", "190,000", "100.0%"]
    # ORG-2: I-KE 40,000 covers KE; I-BR covers no Party with the need, I-OLD ended in 2019
    assert rows["ORG-2"][:4] == ["3", "90,000", "40,000", "44.4%"]
    # the funders' rows add up to 280,000 (I-KE under both): the total counts it once
    assert f'<td class="num" id="total-budget">{UNIQUE_TOTAL:,}</td>' in html
    assert '<td class="num" id="total-meeting-needs">190,000</td>' in html
    assert "not additive" in html


def test_a_goal_page_shows_initiatives_and_needs_per_key_area(client, scenario, personas):
    from cpbtracker.capacity.services import TagChange, tag_initiatives

    tag_initiatives(["I-AFR", "I-BR"], TagChange(key_areas=["A.5/(1)"]), user=None)
    rows = cells(
        page(client, "/plan/A.5/").replace(
            "<h2>Initiatives and reported needs by key area</h2>", "<caption>k</caption>"
        ),
        "k",
    )
    # A.5/(1): tagged twice; risk assessment and human health map to it: CN, KE, NG need
    # them, CN is uncovered. A.5/(2): risk management and human health, nobody needs them.
    assert rows["A.5/(1)"] == ["2", "3", "1"]
    assert rows["A.5/(2)"] == ["0", "0", "0"]


def test_b1_indicators_link_to_the_gap_analysis(client, db):
    assert 'href="/capacity/?cycle=5"' in page(client, "/plan/indicators/B.1(a)/")
    assert 'href="/capacity/' not in page(client, "/plan/indicators/A.1(a)/").replace(
        '<a href="/capacity/">Capacity-building</a>', ""
    )


PROFILE_CAPTION = "Areas this Party still needs (cycle 5) and the initiatives covering it there"


def test_a_country_profile_shows_its_needs_covered_or_not_and_the_initiatives(client, scenario):
    table = rows_of(page(client, "/parties/cn/"), PROFILE_CAPTION)
    assert table[1:] == [
        ["Risk assessment and other scientific and technical expertise", "uncovered", ""],
        ["Sampling, detection and identification of LMOs", "uncovered", ""],
    ]
    kenya = rows_of(page(client, "/parties/ke/"), PROFILE_CAPTION)
    # the African initiative had ended when Kenya reported: only its own one is listed
    assert kenya[1][:2] == [
        "Risk assessment and other scientific and technical expertise",
        "covered by a national initiative",
    ]
    assert kenya[1][2].startswith("I-KE") and "I-AFR" not in kenya[1][2]
    assert kenya[2][:2] == [
        "Public awareness, participation and education in biosafety",
        "covered by a national initiative",
    ]
    assert kenya[2][2].startswith("I-GLOBAL") and "I-KE" in kenya[2][2]
    nigeria = rows_of(page(client, "/parties/ng/"), PROFILE_CAPTION)
    assert nigeria[1][1] == "covered by regional or global initiatives only"
    assert nigeria[1][2].startswith("I-AFR")
    assert "No capacity-building need reported" in page(client, "/parties/br/")


def test_a_country_profile_shows_each_need_once(client, scenario):
    html = page(client, "/parties/cn/")
    assert html.count("Sampling, detection and identification of LMOs") == 1
    assert html.count("Risk assessment and other scientific and technical expertise") == 1


def test_the_pages_speak_chinese(client, scenario):
    client.cookies["django_language"] = "zh-hans"
    html = page(client, "/capacity/?cycle=5")
    assert "能力建设：所报告的需求以及覆盖这些需求的举措" in html
    assert "风险评估及其他科学技术专业知识" in html  # the area's title from the report format
    assert "差距分析" in page(client, "/plan/indicators/B.1(a)/")


@pytest.mark.parametrize(
    ("language", "budget"),
    [("fr", "140\u202f000"), ("ru", "140\xa0000"), ("es", "140.000"), ("ar", "140,000")],
)
def test_a_budget_is_printed_with_the_readers_grouping(client, scenario, language, budget):
    client.cookies["django_language"] = language
    html = page(client, f"/capacity/areas/{RA}/?cycle=5")
    assert f'<td class="num" id="total-budget">{budget}</td>' in html
