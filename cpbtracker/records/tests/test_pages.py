"""The search page with facets and exports, record pages, the API and thesaurus labels."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from lxml import html
from openpyxl import load_workbook

from cpbtracker.records.indicators import DEC_8_1
from cpbtracker.records.models import ThesaurusTerm

pytestmark = pytest.mark.django_db
ASSETS = Path(__file__).parent / "assets"
UNLABELLED = "7D1E5A22-0000-4000-8000-00000000000"


@pytest.fixture
def records(tmp_path):
    documents = [
        json.loads((ASSETS / f"{schema}.json").read_text())
        for schema in ("database", "biosafetyDecision", "modifiedOrganism")
    ]
    documents[1]["decisionTypes"] = [{"identifier": DEC_8_1.lower()}]
    documents[1]["title"] = {"en": "Import of drought-tolerant maize", "zh": "耐旱玉米进口"}
    documents[1]["notes"] = "private editors' note"
    documents.append(
        {
            "header": {"identifier": "DB-CN", "schema": "database"},
            "government": {"identifier": "cn"},
            "title": {"en": "China biosafety portal"},
        }
    )
    path = tmp_path / "records.json"
    path.write_text(json.dumps(documents))
    call_command(
        "records", "import", str(path), "--published-on", "2023-04-05", stdout=io.StringIO()
    )


def test_the_search_page_lists_current_records_with_facets(client, records):
    page = client.get("/records/").content.decode()
    assert "4 records" in page
    assert "National Biosafety Website or Database" in page  # the schema facet, by title
    assert "Africa" in page and "2023" in page


@pytest.mark.parametrize(
    "params, count",
    [
        ({"schema": "database"}, 2),
        ({"party": "cn"}, 1),
        ({"region": "AFR"}, 2),
        ({"year": "2020"}, 1),  # the decision's own date
        ({"term": DEC_8_1}, 1),
        ({"q": "drought maize"}, 1),
        ({"q": "portal"}, 1),
        ({"q": "nothing-like-this"}, 0),
    ],
)
def test_filters_and_full_text_narrow_the_hits(client, records, params, count):
    response = client.get("/api/v1/records/", params)
    assert response.json()["count"] == count


def test_the_search_page_says_when_nothing_matches(client, records):
    page = html.fromstring(client.get("/records/", {"q": "nothing-like-this"}).content)
    (cell,) = page.find_class("no-results")
    assert " ".join(cell.text_content().split()) == (
        "No record matches these filters. Clear all filters"
    )


def test_the_hits_export_as_csv_and_xlsx(client, records):
    csv = client.get("/records/", {"schema": "database", "format": "csv"}).content.decode()
    lines = csv.splitlines()
    assert lines[0] == "identifier,schema,government,title,date,published_on,url"
    assert sorted(line.split(",")[0] for line in lines[1:]) == ["DB-CN", "SAMPLE-NDB-0001"]
    response = client.get("/records/", {"q": "maize", "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.cell(2, 1).value == "SAMPLE-DEC-0001"
    assert sheet.cell(2, 4).value == "Import of drought-tolerant maize"


def test_a_record_page_shows_fields_in_the_bch_order_in_the_readers_language(client, records):
    page = client.get("/records/SAMPLE-DEC-0001/").content.decode()
    labels = ["Is this an amendment", "Title / Reference number", "Date of the decision"]
    positions = [page.index(label) for label in labels]
    assert positions == sorted(positions)
    assert "LMOs for intentional introduction into the environment" in page  # known term
    assert "<li>Kenya</li>" in page  # the government, by name
    assert "private editors" not in page
    chinese = client.get("/records/SAMPLE-DEC-0001/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert "耐旱玉米进口" in chinese.content.decode()
    lmo = client.get("/records/SAMPLE-LMO-0001/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "样例文本" in lmo  # Chinese when the record has it
    assert client.get("/records/NO-SUCH/").status_code == 404


def unlabelled_on(page: str) -> list[tuple[str, str]]:
    """(visible text, tooltip) of each term shown as unlabelled on the page, after checking
    that no identifier is visible."""
    tree = html.fromstring(page)
    assert UNLABELLED not in tree.text_content()
    return [(e.text_content(), e.get("title")) for e in tree.find_class("unlabelled")]


def test_unlabelled_terms_say_so_with_their_identifier_in_a_tooltip_until_labelled(
    client, records, personas
):
    identifier = f"{UNLABELLED}6"
    tooltip = ("unlabelled term", identifier)
    assert tooltip in [(t, i.upper()) for t, i in unlabelled_on(client.get("/records/").content)]
    page = client.get("/records/SAMPLE-LMO-0001/").content
    assert tooltip in [(t, i.upper()) for t, i in unlabelled_on(page)]
    client.force_login(personas.ke_nfp)
    assert client.get("/admin/records/thesaurusterm/add/").status_code in (302, 403)
    client.force_login(personas.secretariat)
    response = client.post(
        "/admin/records/thesaurusterm/add/",
        {"identifier": identifier.lower(), "label": json.dumps({"en": "Herbicide tolerance"})},
    )
    assert response.status_code == 302
    assert ThesaurusTerm.objects.get().identifier == identifier
    assert "Herbicide tolerance" in client.get("/records/SAMPLE-LMO-0001/").content.decode()


def test_the_api_gives_a_record_with_its_public_document(client, records):
    data = client.get("/api/v1/records/SAMPLE-DEC-0001/").json()
    assert (data["schema"], data["government"], data["revision"]) == ("biosafetyDecision", "KE", 1)
    assert data["document"]["title"]["zh"] == "耐旱玉米进口"
    assert "notes" not in data["document"]
    assert client.get("/api/v1/records/NO-SUCH/").status_code == 404
    schema = client.get("/api/v1/schema/").content.decode()
    assert "/api/v1/records/" in schema and "/api/v1/records/{identifier}/" in schema


def test_the_pages_speak_chinese(client, records):
    page = client.get("/records/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "信息交换所记录" in page and "4 条记录" in page
    detail = client.get("/records/SAMPLE-DEC-0001/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert "修订 1，发布于 2023年4月5日" in detail.content.decode()


@pytest.mark.parametrize("year", ["0", "²", "12345", "abc"])
def test_a_year_that_selects_nothing_is_refused_with_a_message(client, year):
    api = client.get("/api/v1/records/", {"year": year})
    assert (api.status_code, api.json()) == (400, {"year": "give a year such as 2020"})
    assert client.get("/records/", {"year": year}).status_code == 400
    french = client.get("/api/v1/records/", {"year": year, "lang": "fr"})
    assert french.json() == {"year": "indiquez une année comme 2020"}


def test_a_text_missing_in_the_readers_language_is_shown_in_another_with_a_note(client, records):
    french = client.get("/records/SAMPLE-NDB-0001/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert '<span lang="en" dir="ltr">Description (sample)</span>' in french
    assert 'class="fallback-note"' in french
    english = client.get("/records/SAMPLE-NDB-0001/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Description (sample)" in english
    assert 'class="fallback-note"' not in english
