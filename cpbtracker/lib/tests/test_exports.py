"""The export formats are listed once, and a page reads its ``?format=`` from that list."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from cpbtracker.lib.exports import EXPORT_FORMATS, requested_format
from cpbtracker.lib.inputs import InputError


def test_it_lists_each_format_once_with_its_content_type():
    content_types = {key: f.content_type for key, f in EXPORT_FORMATS.items()}
    assert content_types == {
        "csv": "text/csv; charset=utf-8",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "json": "application/json",
        "sdmx-csv": "application/vnd.sdmx.data+csv; version=2.0.0; charset=utf-8",
        "sdmx-ml": "application/vnd.sdmx.genericdata+xml; version=2.1",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "pdf": "application/pdf",
        "html": "text/html; charset=utf-8",
    }
    assert [str(f.label) for f in EXPORT_FORMATS.values()] == [
        "CSV",
        "XLSX",
        "JSON",
        "SDMX-CSV",
        "SDMX-ML",
        "DOCX",
        "PDF",
        "HTML",
    ]
    assert EXPORT_FORMATS["sdmx-ml"].filename("data") == "data.xml"


@pytest.mark.parametrize(
    ("query", "chosen"), [("", ""), ("?format=", ""), ("?format=xlsx", "xlsx")]
)
def test_a_page_is_shown_or_downloaded_in_a_format_it_offers(query, chosen):
    request = RequestFactory().get("/indicators/" + query)
    assert requested_format(request, ("csv", "xlsx")) == chosen


@pytest.mark.parametrize("asked", ["docx", "CSV", "json"])
def test_a_format_the_page_does_not_offer_is_refused_naming_the_field(asked):
    request = RequestFactory().get("/indicators/", {"format": asked})
    with pytest.raises(InputError) as refused:
        requested_format(request, ("csv", "xlsx"))
    assert refused.value.problems[0].params["field"] == "format"


@pytest.mark.django_db
def test_a_page_asked_for_an_unknown_format_answers_400(client):
    response = client.get("/records/", {"format": "docx"})
    assert response.status_code == 400
    assert "format must be one of csv, xlsx" in response.content.decode()
