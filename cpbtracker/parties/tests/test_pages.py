"""The Parties pages and API, as a visitor sees them."""

from __future__ import annotations

import pytest

from cpbtracker.parties.models import RegistrySource
from cpbtracker.tests.html import parse, text

pytestmark = pytest.mark.django_db


def test_it_lists_parties_with_their_status_and_source(client):
    page = client.get("/parties/").content.decode()
    assert "Uzbekistan" in page
    assert "Party since Jan 23, 2020" in page
    assert "Source of this data" in page
    assert "ECOLEX" in page
    assert "198 governments" in page


def test_it_filters_by_region_and_status(client):
    page = client.get("/parties/", {"region": "AFR", "treaty": "CP", "status": "unknown"})
    text = page.content.decode()
    assert "Sierra Leone" in text
    assert "Kenya" not in text
    assert "1 government" in text


def test_it_shows_a_party_profile_in_chinese(client):
    client.cookies["django_language"] = "zh-hans"
    text = client.get("/parties/cn/").content.decode()
    assert "中国" in text
    assert "CN / CHN" in text


def status_cells(client, iso2: str) -> dict[str, str]:
    """Treaty -> the status cell of a Party's profile."""
    rows = parse(client.get(f"/parties/{iso2}/")).xpath("//main//table/tbody/tr")
    return {text(row[0]): text(row[1]) for row in rows}


def test_it_shows_an_unknown_status_as_unknown(client):
    assert status_cells(client, "SL")["Cartagena Protocol on Biosafety"] == "unknown"


def test_it_shows_a_party_with_the_day_it_became_one(client):
    assert status_cells(client, "KE")["Cartagena Protocol on Biosafety"].startswith("Party since ")


def test_it_answers_404_for_an_unknown_code(client):
    assert client.get("/parties/QQ/").status_code == 404


def test_api_lists_and_filters_parties(client):
    data = client.get(
        "/api/v1/parties/", {"region": "WEOG", "treaty": "SP", "status": "party"}
    ).json()
    codes = {p["iso2"] for p in data}
    assert {"FR", "DE"} <= codes
    assert "US" not in codes


def test_api_answers_who_was_a_party_on_a_date(client):
    data = client.get("/api/v1/parties/on/", {"treaty": "CP", "date": "2003-09-11"}).json()
    assert data["count"] == len(data["parties"]) > 40
    assert "SL" in data["undetermined"]
    bad = client.get("/api/v1/parties/on/", {"treaty": "XX", "date": "2003-09-11"})
    assert bad.status_code == 400
    assert "treaty" in bad.json()


def test_api_profile(client):
    data = client.get("/api/v1/parties/eu/").json()
    assert data["name"]["en"] == "European Union"
    assert {m["treaty"]: m["since"] for m in data["memberships"]}["SP"] == "2018-03-05"


@pytest.mark.parametrize(
    ("language", "words"),
    [("fr", "registres des participants"), ("zh-hans", "条约参加方记录"), ("ar", "سجلات")],
)
def test_the_data_box_speaks_the_readers_language(client, language, words):
    (box,) = parse(client.get("/parties/", {"lang": language})).xpath(
        '//section[@class="box note"]'
    )
    assert words in text(box)
    assert "treaty-participant records" not in text(box)


def test_an_imported_sources_own_words_are_shown_as_given(client):
    RegistrySource.objects.create(description="Ministry list of 2026", as_of="2026-05-01")
    (box,) = parse(client.get("/parties/", {"lang": "fr"})).xpath('//section[@class="box note"]')
    assert "Ministry list of 2026" in text(box) and "2026-05-01" in text(box)
