"""What users see: the scoreboard, an indicator's page, the analyzer, a Party's position,
the CLI contract and the API."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from cpbtracker.plan.models import Indicator

pytestmark = pytest.mark.django_db
ALL_CODES = None


def codes() -> list[str]:
    return list(
        Indicator.objects.order_by("goal__position", "position").values_list("code", flat=True)
    )


@pytest.fixture
def reports(submit):
    submit("KE", 4, {"Q014": {"value": "implementation.none"}})
    submit("KE", 5, {"Q007": {"value": "implementation.fullInPlace"}, "Q117": {"value": "true"}})
    submit("CN", 5, {"Q007": {"value": "implementation.draftMeasures"}})
    submit("BR", 5, {"Q117": {"value": "false.na"}})


def test_the_cli_prints_all_48_indicators_in_the_contract_shape(reports, capsys):
    call_command("indicators", "compute", "--cycle", "5", "--format", "json")
    data = json.loads(capsys.readouterr().out)
    assert data["cycle"] == 5
    assert [i["code"] for i in data["indicators"]] == codes()
    assert len(data["indicators"]) == 48
    a1a = data["indicators"][0]
    assert a1a["code"] == "A.1(a)"
    assert (a1a["value"], a1a["numerator"], a1a["respondents"]) == (50.0, 1, 2)
    assert a1a["baseline"]["cycle"] == 4 and a1a["baseline"]["value"] == 0.0
    assert a1a["status"] == "computed" and a1a["source"] == "report"
    by_code = {i["code"]: i for i in data["indicators"]}
    assert by_code["A.1(b)"]["status"] == "awaiting-records"
    assert by_code["A.1(b)"]["value"] is None
    assert by_code["A.3(b)"]["status"] == "manual"
    assert by_code["B.4(b)"]["status"] == "no-data" and by_code["B.4(b)"]["baseline"] is None
    for item in data["indicators"]:
        assert {
            "value",
            "numerator",
            "respondents",
            "population",
            "baseline",
            "source",
            "status",
        } <= set(item)


CONTRACT_KEYS = [
    "code",
    "value",
    "unit",
    "numerator",
    "denominator",
    "population",
    "reporting",
    "response_rate",
    "measured_from",
    "respondents",
    "baseline",
    "baseline_reason",
    "change",
    "source",
    "status",
    "distribution",
    "note",
    "figure",
    "parts",
]


def test_the_cli_and_the_api_write_the_same_json_with_the_promised_keys(reports, capsys, client):
    call_command("indicators", "compute", "--cycle", "5", "--region", "AFR", "--format", "json")
    printed = json.loads(capsys.readouterr().out)
    served = client.get(reverse("api-indicators"), {"cycle": 5, "region": "AFR"}).json()
    assert printed == served
    assert list(printed) == ["cycle", "region", "indicators", "computed_at"]
    assert all(list(i) == CONTRACT_KEYS for i in printed["indicators"])


def test_the_openapi_schema_documents_the_indicator_results(client):
    schema = client.get(reverse("schema"), {"format": "json"}).json()
    listed = schema["paths"]["/api/v1/indicators/"]["get"]["responses"]["200"]
    item = listed["content"]["application/json"]["schema"]["properties"]["indicators"]["items"]
    assert set(item["properties"]) == set(CONTRACT_KEYS)
    assert item["properties"]["baseline"]["properties"]["respondents"]["type"] == "integer"
    one = schema["paths"]["/api/v1/indicators/{code}/"]["get"]["responses"]["200"]
    assert "parties" in one["content"]["application/json"]["schema"]["properties"]


def test_the_cli_writes_csv_and_xlsx_and_filters_by_region(reports, capsys, tmp_path):
    call_command("indicators", "compute", "--cycle", "5", "--region", "AFR", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["code"] for r in rows] == codes()
    assert rows[0]["value"] == "100.0"  # in Africa only Kenya answered Q7
    target = tmp_path / "indicators.xlsx"
    call_command(
        "indicators", "compute", "--cycle", "5", "--format", "xlsx", "--output", str(target)
    )
    sheet = load_workbook(target).active
    assert sheet.max_row == 49


def test_the_api_returns_the_same_data(client, reports):
    body = client.get("/api/v1/indicators/?cycle=5").json()
    assert len(body["indicators"]) == 48
    assert body["indicators"][0]["value"] == 50.0
    one = client.get("/api/v1/indicators/B.2(b)/?cycle=5").json()
    assert (one["value"], one["respondents"]) == (100.0, 1)
    assert one["parties"]["excluded"] == ["BR"]
    assert client.get("/api/v1/indicators/?cycle=9").status_code == 404
    bad = client.get("/api/v1/indicators/?cycle=5&region=Mars")
    assert bad.status_code == 400 and "region" in bad.json()


def test_the_api_names_parties_outside_the_base_by_the_old_name_too(client, submit):
    submit("KE", 5, {"Q151": {"value": "true"}, "Q150": {"value": "true"}})
    submit("BR", 5, {"Q151": {"value": "false"}, "Q150": {"value": "true"}})
    parties = client.get("/api/v1/indicators/A.9(b)/?cycle=5").json()["parties"]
    assert parties["outside_base"] == parties["not_applicable"] == ["BR"]


def test_the_scoreboard_shows_every_goal_and_indicator_and_downloads(client, reports):
    page = client.get("/indicators/?cycle=5", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    for code in codes():
        assert f'id="{code}"' in page
    assert "awaiting clearing-house records" in page
    assert "no baseline" in page
    csv_text = client.get("/indicators/?cycle=5&format=csv").content.decode()
    assert csv_text.splitlines()[0].startswith("code,goal,source,status,value")
    xlsx = client.get("/indicators/?cycle=5&format=xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    regional = client.get("/indicators/?cycle=5&region=AFR&format=xlsx")
    assert regional["Content-Disposition"] == 'attachment; filename="indicators-cycle-5-AFR.xlsx"'


def test_the_indicator_page_shows_value_baseline_method_chart_and_parties(client, reports):
    page = client.get("/plan/indicators/A.1(a)/?cycle=5", HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert "50.0%" in html and "0.0%" in html  # value and baseline
    assert "<bdi>+50</bdi> percentage points" in html
    assert "Q7 &quot;Has your country introduced" in html  # the method in words
    assert "<svg" in html and "<title" in html and "The chart's figures" in html
    assert "National measures are fully in place" in html  # the answer distribution
    assert "Kenya" in html and "China" in html
    zh = client.get("/plan/indicators/A.1(a)/?cycle=5", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert "国家措施充分到位" in zh.content.decode()
    assert "肯尼亚" in zh.content.decode()


def test_the_analyzer_shows_answers_by_region_with_the_previous_cycle(client, reports):
    html = client.get(
        "/indicators/analyzer/?cycle=5&section=Article2", HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert 'id="Q007"' in html
    assert "Africa" in html and "Cycle 4" in html
    percent = client.get("/indicators/analyzer/?cycle=5&section=Article2&as=percent")
    assert "50.0%" in percent.content.decode()


def test_a_party_sees_its_position_next_to_its_region_and_the_world(client, reports):
    html = client.get("/indicators/parties/KE/?cycle=5", HTTP_ACCEPT_LANGUAGE="en").content
    html = html.decode()
    assert "Kenya" in html and "Africa" in html
    assert 'class="status-positive"' in html
    assert "/indicators/parties/KE/" in client.get("/parties/KE/").content.decode()


def test_the_api_schema_documents_the_indicator_endpoints(client):
    paths = client.get("/api/v1/schema/?format=json").json()["paths"]
    assert "/api/v1/indicators/" in paths and "/api/v1/indicators/{code}/" in paths


def test_the_analyzer_counts_a_government_without_a_regional_group_once(client, submit):
    submit("KE", 5, {"Q007": {"value": "implementation.fullInPlace"}})
    submit("EU", 5, {"Q007": {"value": "implementation.fullInPlace"}})  # no UN regional group
    html = client.get(
        "/indicators/analyzer/?cycle=5&section=Article2", HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    table = html[html.index('id="Q007"') :]
    table = table[: table.index("</table>")]
    assert "No regional group" in table
    answered = table[table.index("Parties that answered") :]
    cells = [c.split("<")[0] for c in answered.split('<td class="num">')[1:]]
    # All Parties, five regional groups, no regional group, then cycle 4: 2 answers, not 3
    assert cells[:7] == ["2", "1", "0", "0", "0", "0", "1"]


def test_the_response_rate_counts_parties_that_reported(client, submit, cp_count):
    for party in ("KE", "CN", "BR"):
        submit(party, 5, {})
    population = cp_count(5)
    body = client.get("/api/v1/indicators/A.3(a)/?cycle=5").json()
    assert (body["respondents"], body["denominator"], body["population"]) == (
        population,
        population,
        population,
    )
    assert body["reporting"] == 3
    assert body["response_rate"] == round(100 * 3 / population, 1)  # not 100%
    html = client.get("/plan/indicators/A.3(a)/?cycle=5", HTTP_ACCEPT_LANGUAGE="en").content
    text = html.decode()
    assert f"3 of {population} Parties reported" in text
    assert f"response rate {round(100 * 3 / population, 1)}%" in text
    assert "respondents" not in text
    zh = client.get("/plan/indicators/A.3(a)/?cycle=5", HTTP_ACCEPT_LANGUAGE="zh-hans").content
    assert f"{population} 个缔约方中有 3 个提交了报告" in zh.decode()
    csv_head = client.get("/indicators/?cycle=5&format=csv").content.decode().splitlines()[0]
    assert "denominator" in csv_head and "reporting" in csv_head


def test_the_pages_say_the_plan_text_is_the_draft(client):
    overview = client.get("/plan/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "CBD/SBI/3/18" in overview and "not the text adopted by decisions CP-10/3" in overview
    a5b = client.get("/plan/indicators/A.5(b)/?cycle=5", HTTP_ACCEPT_LANGUAGE="en").content
    assert "In the adopted plan this indicator is A.2(d)." in a5b.decode()
    a5a = client.get("/plan/indicators/A.5(a)/?cycle=5", HTTP_ACCEPT_LANGUAGE="en").content
    assert "In the adopted plan" not in a5a.decode()


def test_the_drill_down_opens_the_parties_counted_in_the_value_only(client, reports):
    page = client.get("/plan/indicators/A.1(a)/?cycle=5").content.decode()
    shown = dict(
        (group, bool(opened))
        for opened, group in re.findall(r'<details( open)? class="group-([a-z_]+)">', page)
    )
    assert shown["positive"] and shown["negative"]
    assert shown["not_reported"] is False and shown["not_answered"] is False


@pytest.mark.parametrize("page", ["/indicators/", "/evaluation/"])
def test_the_region_filter_shows_the_region_chosen(client, reports, page):
    html = client.get(page, {"cycle": 5, "region": "AFR"}).content.decode()
    chosen = re.findall(r'<option value="(\w*)" selected>', html)
    assert "AFR" in chosen and "" not in chosen
