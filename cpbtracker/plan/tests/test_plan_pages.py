"""The plan pages and API, in English and in Chinese."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def get(client, url: str, language: str = "en") -> str:
    client.cookies["django_language"] = language
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_the_overview_shows_both_areas_and_all_goals_with_counts(client):
    page = get(client, "/plan/")
    assert "Areas for implementation" in page
    assert "Enabling environment" in page
    for code in ["A.1", "A.10", "B.4"]:
        assert f'href="/plan/{code}/"' in page
    assert "Capacity-Building Action Plan" in page
    assert "shared: A.6-A.8" in page


def test_the_overview_in_chinese(client):
    page = get(client, "/plan/", "zh-hans")
    assert "执行领域" in page
    assert "扶持性环境" in page
    assert "缔约方建立了有效的国家生物安全框架" in page
    assert 'lang="zh-hans"' in page


def test_goal_a7_shows_its_four_indicators_in_chinese_and_english(client):
    zh = get(client, "/plan/A.7/", "zh-hans")
    en = get(client, "/plan/A.7/", "en")
    for code in ["A.7(a)", "A.7(b)", "A.7(c)", "A.7(d)"]:
        assert f'href="/plan/indicators/{code}/"' in zh
        assert f'href="/plan/indicators/{code}/"' in en
    assert "拟作封闭使用的改性活生物体的文件要求" in zh
    assert "contained use" in en
    assert "Percentage of Parties" in en


def test_goal_a8_shows_the_shared_capacity_set(client):
    page = get(client, "/plan/A.8/")
    assert "share one set" in page
    assert "A.6-A.8/(6)" in page
    assert "A.6-A.8/(v)" in page


def test_indicator_page(client):
    page = get(client, "/plan/indicators/A.1(a)/")
    assert "A.1.1" in page
    assert "No submitted national report of this cycle answers" in page
    assert client.get("/plan/indicators/Z.9(z)/").status_code == 404


def test_switching_language_with_the_form(client):
    response = client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/plan/A.1/"})
    assert response.status_code == 302
    assert "缔约方建立了有效的国家生物安全框架" in client.get("/plan/A.1/").content.decode()


def test_api_returns_goals_and_indicators(client):
    goals = client.get("/api/v1/plan/goals/").json()
    assert len(goals) == 14
    a7 = client.get("/api/v1/plan/goals/A.7/").json()
    assert [i["code"] for i in a7["indicators"]] == ["A.7(a)", "A.7(b)", "A.7(c)", "A.7(d)"]
    assert len(a7["capacity_areas"]) == 6
    indicator = client.get("/api/v1/plan/indicators/B.3(g)/").json()
    assert indicator["goal"] == "B.3"
    assert indicator["text"]["zh"]


def test_openapi_schema_and_docs_are_served(client):
    schema = client.get("/api/v1/schema/", {"format": "json"}).json()
    assert "/api/v1/plan/goals/{code}/" in schema["paths"]
    assert "/api/v1/parties/on/" in schema["paths"]
    docs = client.get("/api/v1/docs/")
    assert docs.status_code == 200
    assert b"swagger" in docs.content.lower()


def test_the_overview_counts_each_goals_capacity_set(client):
    page = get(client, "/plan/")
    row = page.split('href="/plan/A.7/"', 1)[1].split("</tr>", 1)[0]
    # A.7 shares the A.6-A.8 set: 6 key areas, 5 activities (plan appendix).
    assert [cell.split("<", 1)[0].strip() for cell in row.split('<td class="num">')[1:]] == [
        "2",
        "4",
        "6",
        "5",
    ]


def test_the_overview_costs_the_same_few_queries_whatever_the_plan_holds(
    client, django_assert_num_queries
):
    with django_assert_num_queries(3):  # goals with all their counts, areas, narrative
        get(client, "/plan/")


def test_the_narrative_names_the_decisions_paragraphs_through_the_translations(client):
    page = get(client, "/plan/")
    assert "(decision, paragraphs 4-6)" in page and "(paragraphs 4-7)" in page
    assert "paras" not in get(client, "/plan/", "zh-hans")  # no English data left in the page
