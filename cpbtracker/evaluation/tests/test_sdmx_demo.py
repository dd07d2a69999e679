"""The SDMX of the whole demo, as a consumer gets it, passes both validators: the official
SDMX-ML 2.1 schema and SDMXthon's check of the data against the structure."""

from __future__ import annotations

import csv
import io
from collections import Counter

import pytest

from cpbtracker.evaluation.tests.test_sdmx import sdmxthon_errors, xsd_errors

pytestmark = pytest.mark.django_db


def test_the_demo_data_passes_the_xsd_and_sdmxthon(demo_database, client):
    structure = client.get("/api/v1/sdmx/structure/").content
    data_xml = client.get("/api/v1/sdmx/data/?cycle=5&format=xml").content
    data_csv = client.get("/api/v1/sdmx/data/?cycle=5&format=csv").content
    assert xsd_errors(structure) == []
    assert xsd_errors(data_xml) == []
    assert sdmxthon_errors(structure, data_xml) == []
    assert sdmxthon_errors(structure, data_csv) == []
    rows = list(csv.DictReader(io.StringIO(data_csv.decode())))
    # the counts SDMXthon rejected when TIME_PERIOD was the cycle number: 188 and 260
    assert Counter((r["TIME_PERIOD"], r["REPORTING_CYCLE"]) for r in rows) == {
        ("2019", "4"): 188,
        ("2026", "5"): 260,
    }
    assert {r["DEMO_DATA"] for r in rows} == {"Y"}
    # methods without a baseline whose 2019 figure exists: a break in each of the six areas
    breaks = Counter(r["INDICATOR"] for r in rows if r["OBS_STATUS"] == "B")
    assert breaks == {"A_8_d": 6, "B_1_c": 6, "B_1_d": 6}
