"""SDMX output, parsed by sdmx1: the structure, SDMX-CSV 2.0 and SDMX-ML 2.1 generic data."""

from __future__ import annotations

import io

import pytest
import sdmx
from django.core.management import call_command

from cpbtracker.reporting.models import NationalReport

pytestmark = pytest.mark.django_db


@pytest.fixture
def structure(client):
    response = client.get("/api/v1/sdmx/structure/")
    assert response["Content-Type"].startswith("application/vnd.sdmx.structure+xml")
    return sdmx.read_sdmx(io.BytesIO(response.content))


def observations(message) -> dict[tuple[str, ...], tuple[float, str, str]]:
    return {
        tuple(str(k.value) for k in o.key.values.values()): (
            float(o.value),
            str(o.attached_attribute["UNIT_MEASURE"].value),
            str(o.attached_attribute["OBS_STATUS"].value),
        )
        for o in message.data[0].obs
    }


def test_the_structure_defines_the_dimensions_and_codes(structure):
    dsd = structure.structure["DSD_CPB_IP"]
    assert [d.id for d in dsd.dimensions.components] == ["INDICATOR", "REF_AREA", "TIME_PERIOD"]
    assert {a.id for a in dsd.attributes.components} == {"UNIT_MEASURE", "OBS_STATUS"}
    assert len(structure.codelist["CL_INDICATOR"]) == 48
    assert [c.id for c in structure.codelist["CL_AREA"]] == [
        "W", "AFR", "APAC", "CEE", "GRULAC", "WEOG",
    ]  # fmt: skip
    assert {c.id for c in structure.codelist["CL_OBS_STATUS"]} == {"A", "NB", "DEMO"}


def test_sdmx_csv_parses_with_the_values_shown_elsewhere(client, reports, structure):
    data = client.get("/api/v1/sdmx/data/?cycle=5&format=csv").content
    message = sdmx.read_sdmx(
        io.BytesIO(data), format="csv", structure=structure.dataflow["DF_CPB_IP"]
    )
    obs = observations(message)
    assert obs[("A_1_a", "W", "5")] == (50.0, "PT", "A")
    assert obs[("A_1_a", "W", "4")] == (0.0, "PT", "A")
    assert obs[("A_1_a", "AFR", "5")] == (100.0, "PT", "A")
    assert obs[("A_1_a", "APAC", "5")] == (0.0, "PT", "NB")  # China: no 4th report
    assert ("A_1_b", "W", "5") not in obs  # no value, no observation


def test_sdmx_ml_from_the_cli_parses_and_matches_the_csv(reports, structure, tmp_path, client):
    out = tmp_path / "data.xml"
    call_command("evaluation", "sdmx", "--cycle", "5", "--format", "xml", "--output", str(out))
    message = sdmx.read_sdmx(out, structure=structure.structure["DSD_CPB_IP"])
    from_csv = sdmx.read_sdmx(
        io.BytesIO(client.get("/api/v1/sdmx/data/?cycle=5&format=csv").content),
        format="csv",
        structure=structure.dataflow["DF_CPB_IP"],
    )
    assert observations(message) == observations(from_csv)
    assert len(observations(message)) > 48


def test_demo_reports_are_marked_demo(client, submit, structure):
    submit("KE", 5, {"Q007": {"value": "implementation.fullInPlace"}})
    NationalReport.objects.update(is_demo=True)
    data = client.get("/api/v1/sdmx/data/?cycle=5&format=csv").content
    assert b",A_1_a,W,5,100,PT,DEMO" in data
    assert client.get("/api/v1/sdmx/data/?format=json").status_code == 404
    assert (
        client.get("/api/v1/sdmx/").json()["data"]["csv"].endswith("/api/v1/sdmx/data/?format=csv")
    )
